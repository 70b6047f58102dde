import Testing

@testable import TeXMath

@Suite struct MacroTableTests {
  func render(_ tex: String, _ macros: [String: String], display: Bool = false) throws
    -> Result<String, TeXError>
  {
    MathPage(formulas: [Formula(tex: tex, display: display)], macros: try MacroTable(macros))
      .results[0]
  }

  func body(_ result: Result<String, TeXError>) throws -> String {
    let html = try result.get()
    let start = html.range(of: "<semantics>")!.upperBound
    let end = html.range(of: "<annotation")!.lowerBound
    return String(html[start..<end])
  }

  @Test func infersTheParameterCountFromTheHighestParameter() throws {
    let table = try MacroTable([
      "\\E": "\\mathbb{E}", "norm": "\\left\\lVert #1 \\right\\rVert", "pair": "(#2, #1)",
    ])
    #expect(table["E"]?.parameterCount == 0)
    #expect(table["norm"]?.parameterCount == 1)
    #expect(table["pair"]?.parameterCount == 2)
    #expect(table["pair"]?.body == "(#2, #1)")
  }

  @Test func expandsAMacroWithoutArgumentsLikeItsBody() throws {
    let macros = ["\\R": "\\mathbb{R}"]
    #expect(try body(render("x \\in \\R^n", macros)) == body(render("x \\in \\mathbb{R}^n", [:])))
  }

  @Test func substitutesGroupAndSingleTokenArguments() throws {
    let macros = ["\\pair": "(#2, #1)"]
    #expect(try body(render("\\pair{a+b}c", macros)) == body(render("(c, a+b)", [:])))
  }

  @Test func expandsMacrosInsideMacroBodies() throws {
    let macros = ["\\R": "\\mathbb{R}", "\\Rn": "\\R^{#1}"]
    #expect(try body(render("\\Rn{d}", macros)) == body(render("\\mathbb{R}^{d}", [:])))
  }

  @Test func letsAUserMacroReplaceABuiltInCommand() throws {
    let macros = ["\\vec": "\\mathbf{#1}"]
    #expect(try body(render("\\vec{x}", macros)) == body(render("\\mathbf{x}", [:])))
  }

  @Test func definesTheUsualCourseNotation() throws {
    let macros = [
      "\\argmin": "\\operatorname*{arg\\,min}", "\\E": "\\mathbb{E}",
      "\\norm": "\\left\\lVert #1 \\right\\rVert",
    ]
    let html = try body(render("\\argmin_w \\E[\\norm{w}^2]", macros, display: true))
    #expect(
      html.contains("<munder><mo form=\"prefix\" largeop=\"true\" movablelimits=\"true\""))
    #expect(html.contains(">arg\u{2009}min</mo>"))
    #expect(html.contains("<mi>𝔼</mi>"))
    #expect(html.contains("<mo fence=\"true\" form=\"prefix\" stretchy=\"false\">‖</mo>"))
  }

  @Test func locatesAnErrorInsideAMacroBodyAtTheMacrosUse() throws {
    let result = try render("a + \\bad{x}", ["\\bad": "\\frac{#1}{\\nope}"])
    #expect(result == .failure(TeXError("unknown command \\nope", offset: 4, length: 7)))
  }

  @Test func reportsAMissingMacroArgumentAtTheMacro() throws {
    let result = try render("x + \\norm", ["\\norm": "\\lVert #1 \\rVert"])
    #expect(result == .failure(TeXError("missing argument for \\norm", offset: 4, length: 5)))
  }

  @Test func stopsARecursiveMacro() throws {
    let result = try render("\\loop", ["\\loop": "a\\loop"])
    guard case .failure(let error) = result else {
      Issue.record("expected an error")
      return
    }
    #expect(error.message == "macro \\loop expands too many times (is it recursive?)")
    #expect(error.offset == 0)
  }

  @Test func rejectsAnInvalidMacroName() {
    #expect(
      throws: TeXError(
        "macro name \\a1 must be letters or a single character", offset: 0, length: 0)
    ) {
      try MacroTable(["\\a1": "x"])
    }
  }

  @Test func locatesAnErrorInAMacroBodyInsideThatBody() {
    #expect(
      throws: TeXError("in macro \\bad: # must be followed by a digit 1 to 9", offset: 2, length: 1)
    ) {
      try MacroTable(["\\bad": "x #"])
    }
  }
}

@Suite struct RepeatedFormulaTests {
  @Test func convertsARepeatedFormulaOnceAndKeepsEachResultInItsPlace() throws {
    let page = MathPage(formulas: [
      Formula(tex: "x", display: false), Formula(tex: "y", display: false),
      Formula(tex: "x", display: false), Formula(tex: "x", display: true),
    ])
    let html = try page.results.map { try $0.get() }
    #expect(html[2] == html[0])
    #expect(html[1] != html[0])
    #expect(html[3] != html[0])
    #expect(html[3].contains("display=\"block\""))
  }

  @Test func convertsALabelledFormulaEachTimeItAppears() {
    let page = MathPage(formulas: [
      Formula(tex: "a \\label{e}", display: true), Formula(tex: "a \\label{e}", display: true),
    ])
    #expect(throws: Never.self) { try page.results[0].get() }
    #expect(throws: TeXError.self) { try page.results[1].get() }
  }
}
