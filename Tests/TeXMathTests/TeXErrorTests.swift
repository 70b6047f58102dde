import Testing

@testable import TeXMath

@Suite struct TeXErrorTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var tex: String
    var display = false
    var message: String
    var offset: Int
    var length: Int
    var testDescription: String { tex }
  }

  static let cases: [Case] = [
    Case(tex: "{a", message: "unbalanced braces: { is never closed", offset: 0, length: 1),
    Case(tex: "a}", message: "unbalanced braces: unexpected }", offset: 1, length: 1),
    Case(tex: "\\frac{a}{b", message: "unbalanced braces: { is never closed", offset: 8, length: 1),
    Case(tex: "x + \\foo", message: "unknown command \\foo", offset: 4, length: 4),
    Case(tex: "\\left( a", message: "\\left without a matching \\right", offset: 0, length: 5),
    Case(tex: "a \\right)", message: "\\right without a matching \\left", offset: 2, length: 6),
    Case(tex: "\\left a", message: "missing delimiter after \\left", offset: 6, length: 1),
    Case(tex: "x_1_2", message: "double subscript", offset: 3, length: 1),
    Case(tex: "x^1^2", message: "double superscript", offset: 3, length: 1),
    Case(tex: "x'^1'", message: "double superscript", offset: 4, length: 1),
    Case(tex: "x^", message: "missing argument for ^", offset: 1, length: 1),
    Case(tex: "x_}", message: "missing argument for _", offset: 1, length: 1),
    Case(tex: "\\frac{a}", message: "missing argument for \\frac", offset: 0, length: 5),
    Case(tex: "\\sqrt", message: "missing argument for \\sqrt", offset: 0, length: 5),
    Case(tex: "a \\\\ b", message: "\\\\ outside an environment", offset: 2, length: 2),
    Case(tex: "a & b", message: "& outside an environment", offset: 2, length: 1),
    Case(
      tex: "\\begin{aligned} a &= b",
      message:
        "environment 'aligned' is not closed (missing \\end{aligned})", offset: 0, length: 15),
    Case(
      tex: "\\begin{aligned} a \\end{cases}",
      message: "\\end{cases} does not match \\begin{aligned}", offset: 18, length: 11),
    Case(
      tex: "\\begin{foo} \\end{foo}", message: "unknown environment 'foo'", offset: 0, length: 11),
    Case(tex: "a \\end{cases}", message: "\\end without a matching \\begin", offset: 2, length: 4),
    Case(
      tex: "\\begin{cases} a & b & c \\end{cases}",
      message: "too many columns in 'cases' (at most 2)", offset: 20, length: 1),
    Case(
      tex: "\\begin{align} a \\end{align}",
      message: "environment 'align' is only allowed in display math", offset: 0, length: 13),
    Case(
      tex: "\\label{x}", message: "\\label is only allowed in display math", offset: 0, length: 6),
    Case(
      tex: "a \\label{x} \\label{y}", display: true,
      message: "a formula can have only one \\label", offset: 12, length: 6),
    Case(
      tex: "\\label{a b}", display: true,
      message: "label 'a b' must be letters, digits and : _ . - only", offset: 0, length: 6),
    Case(
      tex: "\\eqref{nowhere}", message: "\\eqref to unknown label 'nowhere'", offset: 0, length: 6),
    Case(
      tex: "a \\ref{nowhere}", message: "\\ref to unknown label 'nowhere'", offset: 2, length: 4),
    Case(
      tex: "\\text{a_b}", message: "_ is not allowed in text (use $…$ for math inside \\text)",
      offset: 7, length: 1),
    Case(tex: "\\text{\\alpha}", message: "\\alpha is not allowed in text", offset: 6, length: 6),
    Case(tex: "a #", message: "unexpected character #", offset: 2, length: 1),
    Case(
      tex: "\\sum_i \\limits", message: "\\limits must follow a large operator", offset: 7,
      length: 7),
    Case(tex: "x \\limits", message: "\\limits must follow a large operator", offset: 2, length: 7),
    Case(tex: "a\\", message: "backslash at the end of the formula", offset: 1, length: 1),
    Case(tex: "é + \\foo", message: "unknown command \\foo", offset: 5, length: 4),
    Case(tex: "\\not", message: "\\not must be followed by a symbol", offset: 0, length: 4),
    Case(
      tex: "\\begin{array}{l|p} a \\end{array}",
      message: "array column 'p' is not supported (use l, c, r and | for a rule)", offset: 13,
      length: 5),
    Case(
      tex: "\\begin{aligned} a \\\\[2] b \\end{aligned}",
      message: "row spacing after \\\\ must be a length such as [4pt] or [0.5em]", offset: 20,
      length: 3),
    Case(
      tex: "\\begin{aligned} a \\\\[2pt b \\end{aligned}",
      message: "row spacing after \\\\ must be a length such as [4pt] or [0.5em]", offset: 20,
      length: 7),
    Case(
      tex: "\\operatorname{\\frac{a}{b}}",
      message: "\\operatorname takes letters, digits and spaces only", offset: 0, length: 13),
    Case(
      tex: "\\hspace{2}",
      message: "length '2' must be a number with a unit (em, ex, pt, mm, cm, in)",
      offset: 7, length: 3),
    Case(
      tex: "\\color{red;} x", message: "color 'red;' must be a name (red) or #rgb / #rrggbb",
      offset: 6, length: 6),
    Case(
      tex: "a\u{0}b", message: "control character U+0000 is not allowed in math", offset: 1,
      length: 1),
    Case(
      tex: "\\text{a\u{1B}}", message: "control character U+001B is not allowed in math",
      offset: 7, length: 1),
    Case(
      tex: "x % comment \u{7}", message: "control character U+0007 is not allowed in math",
      offset: 12, length: 1),
    Case(
      tex: "é\u{7F}", message: "control character U+007F is not allowed in math", offset: 2,
      length: 1),
    Case(
      tex: "\\\u{85}", message: "control character U+0085 is not allowed in math", offset: 1,
      length: 2),
  ]

  @Test(arguments: cases)
  func reportsTheMessageAndTheOffendingTokensLocation(_ c: Case) {
    let page = MathPage(formulas: [Formula(tex: c.tex, display: c.display)], macros: MacroTable())
    guard case .failure(let error) = page.results[0] else {
      Issue.record("expected an error for \(c.tex), got \(page.results[0])")
      return
    }
    #expect(error == TeXError(c.message, offset: c.offset, length: c.length))
  }

  @Test func refusesNestingThatWouldExhaustTheStack() {
    let deep = String(repeating: "{", count: 5000) + String(repeating: "}", count: 5000)
    let roots = String(repeating: "\\sqrt", count: 5000) + "y"
    let texts = String(repeating: "\\text{", count: 5000) + String(repeating: "}", count: 5000)
    // Past the limit, yet shallow enough not to exhaust the stack where style switches were
    // not counted.
    let styles = String(repeating: "\\displaystyle ", count: 300) + "x"
    let fractions =
      String(repeating: "\\frac{", count: 5000) + String(repeating: "}{y}", count: 5000)
    let matrices =
      String(repeating: "\\begin{matrix}", count: 5000)
      + String(repeating: "\\end{matrix}", count: 5000)
    for tex in [deep, roots, texts, styles, fractions, matrices] {
      let page = MathPage(formulas: [Formula(tex: tex, display: false)])
      guard case .failure(let error) = page.results[0] else {
        Issue.record("expected an error")
        continue
      }
      #expect(error.message == "formula nested more than 200 levels deep")
    }
  }

  @Test func keepsControlCharactersOutOfTheMarkup() {
    #expect(
      MathMLWriter.escape("a\u{0}b\tc\u{1F}\u{7F}\u{9F}é")
        == "a\u{FFFD}b\tc\u{FFFD}\u{FFFD}\u{FFFD}é")
    #expect(throws: TeXError.self) { try MacroTable(["a": "x\u{0}"]) }
  }

  @Test func boundsWhatMacrosExpandToInOnePage() throws {
    let macros = try MacroTable(["b": "zz"])
    // Each use of \\b moves the tokens after it: about 2.6 million for `within`, 4 million for
    // `past` by its 1 150th use.
    let tail = " " + String(repeating: "x", count: 1000)
    let within = String(repeating: "\\b", count: 1500) + tail
    let past = String(repeating: "\\b", count: 3000) + tail
    let message =
      "macro \\b expands too much (a page's macros may write or move at most 4000000 tokens)"
    let alone = MathPage(formulas: [Formula(tex: past, display: false)], macros: macros)
    guard case .failure(let stopped) = alone.results[0] else {
      Issue.record("expected the formula to go past the budget")
      return
    }
    // At a use of \\b, well into the formula.
    #expect(stopped.message == message)
    #expect(stopped.length == 2 && stopped.offset % 2 == 0 && stopped.offset > 1000)
    // The budget is the page's: the second formula of the kind goes past it, one without macros
    // after it does not.
    let page = MathPage(
      formulas: [
        Formula(tex: within, display: false), Formula(tex: within + " y", display: false),
        Formula(tex: "y", display: false),
      ], macros: macros)
    #expect(throws: Never.self) { try page.results[0].get() }
    guard case .failure(let error) = page.results[1] else {
      Issue.record("expected the second formula to go past the budget")
      return
    }
    #expect(error.message == message)
    #expect(throws: Never.self) { try page.results[2].get() }
  }

  @Test func reportsADuplicateLabelAtTheSecondLabel() {
    let page = MathPage(
      formulas: [
        Formula(tex: "a \\label{x}", display: true), Formula(tex: "b \\label{x}", display: true),
      ], macros: MacroTable())
    #expect(throws: Never.self) { try page.results[0].get() }
    #expect(page.results[1] == .failure(TeXError("duplicate \\label 'x'", offset: 2, length: 6)))
  }

  @Test func rejectsALabelInAStarredEnvironment() {
    let page = MathPage(
      formulas: [Formula(tex: "\\begin{align*} a \\label{y} \\end{align*}", display: true)],
      macros: MacroTable())
    #expect(
      page.results[0]
        == .failure(
          TeXError(
            "\\label 'y' in a starred environment, which is not numbered", offset: 17, length: 6)))
  }

  @Test func keepsRenderingTheOtherFormulasOfAPageAfterAnError() {
    let page = MathPage(
      formulas: [Formula(tex: "\\foo", display: false), Formula(tex: "x", display: false)],
      macros: MacroTable())
    #expect(throws: TeXError.self) { try page.results[0].get() }
    #expect(throws: Never.self) { try page.results[1].get() }
  }
}
