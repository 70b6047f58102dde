import Foundation
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

  @Test func spacesRowsWithARowOfTheGivenHeight() throws {
    let spaced = try markup(
      "\\begin{aligned} a &= b \\\\[4pt] c &= d \\end{aligned}", display: true)
    #expect(
      spaced.contains(
        "</mtr><mtr class=\"math-row-skip\"><mtd><mspace height=\"4pt\"></mspace></mtd></mtr><mtr>"
      ))
    #expect(
      try markup("\\begin{matrix} a \\\\[ 0.5em ] b \\end{matrix}").contains("height=\"0.5em\""))
    // No closer than usual: a length of zero or less adds nothing.
    let plain = try markup("\\begin{matrix} a \\\\ b \\end{matrix}")
    #expect(try markup("\\begin{matrix} a \\\\[-2pt] b \\end{matrix}") == plain)
    #expect(try markup("\\begin{matrix} a \\\\[0pt] b \\end{matrix}") == plain)
  }

  @Test func drawsArrayRulesOnTheCellsBesideThem() throws {
    let table = try markup(
      "\\begin{array}{|l|c r|} \\hline a & b & c \\\\ \\hline d & e & f \\\\ \\hline \\end{array}")
    let rows = table.components(separatedBy: "<mtr>").dropFirst()
    #expect(rows.count == 2)
    let first = try #require(rows.first)
    #expect(
      first.hasPrefix(
        "<mtd class=\"math-l math-rule-left math-rule-above\"><mi>a</mi></mtd>"
          + "<mtd class=\"math-rule-left math-rule-above\"><mi>b</mi></mtd>"
          + "<mtd class=\"math-r math-rule-right math-rule-above\"><mi>c</mi></mtd>"))
    // The last \hline, after the last \\, rules the last row below.
    #expect(
      rows.last?.contains("<mtd class=\"math-l math-rule-left math-rule-above math-rule-below\">")
        == true)
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
