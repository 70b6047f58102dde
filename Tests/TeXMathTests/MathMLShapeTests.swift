import Testing

@testable import TeXMath

/// The decisions behind the markup, one at a time (the golden corpus shows them all together).
@Suite struct MathMLShapeTests {
  /// The MathML inside `<semantics>` for `tex`.
  func markup(_ tex: String, display: Bool = false) throws -> String {
    let html = try MathPage(formulas: [Formula(tex: tex, display: display)]).results[0].get()
    let start = html.range(of: "<semantics>")!.upperBound
    let end = html.range(of: "<annotation")!.lowerBound
    return String(html[start..<end])
  }

  @Test func putsNoSpaceAroundOperatorsInScriptsAsTeXDoes() throws {
    #expect(try markup("x_{i=1}").contains("<mo lspace=\"0\" rspace=\"0\">=</mo>"))
    #expect(try markup("i=1") == "<mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow>")
    // Display fractions keep text-style spacing, inline fractions are script style.
    #expect(try markup("\\frac{a+b}{c}", display: true).contains("<mo>+</mo>"))
    #expect(try markup("\\frac{a+b}{c}").contains("<mo lspace=\"0\" rspace=\"0\">+</mo>"))
  }

  @Test func makesASignAfterAnOperatorUnary() throws {
    #expect(try markup("a=-b").contains("<mo>=</mo><mo form=\"prefix\">−</mo>"))
    #expect(try markup("a-b").contains("<mi>a</mi><mo>−</mo>"))
  }

  @Test func placesLimitsAsLaTeXDoes() throws {
    #expect(try markup("\\sum_i x").hasPrefix("<mrow><munder><mo movablelimits=\"true\">∑</mo>"))
    #expect(try markup("\\int_0^1 f").hasPrefix("<mrow><msubsup><mo>∫</mo>"))
    #expect(try markup("\\int\\limits_0^1 f").contains("<munderover><mo movablelimits=\"false\">"))
    #expect(try markup("\\sum\\nolimits_i x").hasPrefix("<mrow><msub><mo>∑</mo>"))
    #expect(try markup("\\operatorname{f}_i").hasPrefix("<mrow><msub><mi mathvariant=\"normal\">"))
  }

  @Test func stretchesLeftRightFencesOnlyAroundTallContent() throws {
    #expect(try markup("\\left(x\\right)").contains("stretchy=\"false\">(</mo>"))
    #expect(try markup("\\left(\\frac{a}{b}\\right)").contains("stretchy=\"true\">(</mo>"))
    #expect(try markup("(\\frac{a}{b})").contains("<mo stretchy=\"false\">(</mo>"))
  }

  @Test func writesLettersOfMathAlphabetsAsUnicodeCharacters() throws {
    #expect(
      try markup("\\mathbb{R}\\mathcal{L}\\mathbf{x}\\boldsymbol{\\theta}\\mathfrak{g}")
        == "<mrow><mi>ℝ</mi><mi>ℒ</mi><mi>𝐱</mi><mi>𝜽</mi><mi>𝔤</mi></mrow>")
    #expect(try markup("\\Gamma") == "<mi mathvariant=\"normal\">Γ</mi>")
    #expect(try markup("\\mathrm{d}") == "<mi mathvariant=\"normal\">d</mi>")
    #expect(try markup("\\mathrm{KL}") == "<mi>KL</mi>")
  }

  @Test func neverEmitsElementsChromiumDoesNotRender() throws {
    let everything = try MathMLGoldenTests.groups.flatMap { try Fixtures.formulas($0) }
    let page = MathPage(formulas: everything, macros: try Fixtures.macros("macros"))
    for case .success(let html) in page.results {
      #expect(!html.contains("<mfenced") && !html.contains("<menclose"))
      #expect(!html.contains("mathvariant=\"bold") && !html.contains("columnalign"))
    }
  }
}
