import Foundation
import Testing

@testable import TeXMath

/// The decisions behind the markup, one at a time (the golden corpus shows them all together).
@Suite struct MathMLShapeTests {
  /// The MathML inside `<semantics>` for `tex`, with the browser's widths of characters (the
  /// parser's decisions alone; ``GlyphWidthsTests`` has TeX's widths).
  func markup(_ tex: String, display: Bool = false) throws -> String {
    let page = MathPage(formulas: [Formula(tex: tex, display: display)], widths: .browser)
    let html = try page.results[0].get()
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
    let strut = "<mspace height=\"0.84em\" depth=\"0.36em\"></mspace>"
    let first = try #require(rows.first?.replacingOccurrences(of: strut, with: ""))
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
    // (At the start of a formula TeX puts no space before the operator: `lspace="0"`.)
    #expect(
      try markup("\\sum_i x").hasPrefix(
        "<mrow><munder><mo movablelimits=\"true\" lspace=\"0\">∑</mo>"))
    #expect(try markup("\\int_0^1 f").hasPrefix("<mrow><msubsup><mo lspace=\"0\">∫</mo>"))
    #expect(
      try markup("\\int\\limits_0^1 f").contains(
        "<munderover><mo movablelimits=\"false\" lspace=\"0\">"))
    #expect(try markup("\\sum\\nolimits_i x").hasPrefix("<mrow><msub><mo lspace=\"0\">∑</mo>"))
    #expect(try markup("\\operatorname{f}_i").hasPrefix("<mrow><msub><mi mathvariant=\"normal\">"))
  }

  @Test func sizesFencesAsTeXDoes() throws {
    #expect(try markup("\\left(x\\right)").contains("stretchy=\"false\">(</mo>"))
    #expect(try markup("(\\frac{a}{b})").contains("<mo stretchy=\"false\">(</mo>"))
    // Around a fraction TeX's rule picks the size: \big's inline, \Big's in display style,
    // as wide as its glyph (Chromium would make it as wide as the widest variant).
    #expect(
      try markup("\\left(\\frac{a}{b}\\right)").contains(
        "stretchy=\"false\" mathsize=\"1.2em\">(</mo>"))
    #expect(
      try markup("\\left(\\frac{a}{b}\\right)", display: true).contains(
        "stretchy=\"true\" minsize=\"1.79em\" maxsize=\"1.79em\" "
          + "style=\"margin-left: -0.139em; margin-right: -0.139em\">(</mo>"))
    // Around fences already sized: the outer ones no smaller, as TeX sets them.
    let nested = try markup(
      "\\left( \\left( \\frac{a}{b} \\right) \\right)", display: true)
    #expect(nested.components(separatedBy: "minsize=\"1.79em\"").count == 5)
    // The font's bars come in other sizes than its parentheses: 1.735 em for TeX's 1.8.
    #expect(
      try markup("\\left. \\frac{a}{b} \\right|", display: true).contains(
        "stretchy=\"true\" minsize=\"1.73em\" maxsize=\"1.73em\">|</mo>"))
    // A binomial's are fixed: \bigg's in display style, \big's inline, whatever it holds.
    #expect(
      try markup("\\binom{n}{k}", display: true).contains("minsize=\"2.39em\" maxsize=\"2.39em\""))
    #expect(try markup("\\binom{1}{2}").contains("stretchy=\"false\" mathsize=\"1.2em\">(</mo>"))
    // Two rows of a matrix, each as high as its strut: \bigg's size.
    #expect(
      try markup("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", display: true).contains(
        "minsize=\"2.39em\" maxsize=\"2.39em\" "
          + "style=\"margin-left: -0.069em; margin-right: -0.069em\">(</mo>"))
    // Three: past \Bigg, built of parts by the browser, as wide as its widest variant.
    #expect(
      try markup("\\begin{bmatrix} 1 \\\\ 2 \\\\ 3 \\end{bmatrix}", display: true).contains(
        "<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">[</mo>"))
    // Around a sum with limits the estimate is too rough to size or narrow by.
    #expect(
      try markup("\\left( \\sum_{i=1}^n x_i \\right)", display: true).contains(
        "<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">(</mo>"))
  }

  @Test func spacesModuloAsAmsmathDoes() throws {
    // 8 mu before `\pmod` inline, 12 mu before `\mod`, 18 mu before either in a display.
    #expect(try markup("a \\pmod{n}").contains("<mspace width=\"0.4444em\"></mspace><mo"))
    #expect(try markup("a \\mod{n}").contains("<mspace width=\"0.6667em\"></mspace><mi"))
    #expect(
      try markup("a \\pmod{n}", display: true).contains("<mspace width=\"1em\"></mspace><mo"))
  }

  @Test func setsTheCellsOfArraysOnLaTeXsStruts() throws {
    // Each cell holds the strut (times 1.2 in cases), its content in a row of its own so that
    // a sign at its start stays a prefix.
    #expect(
      try markup("\\begin{cases} -x & y \\end{cases}").contains(
        "<mtd class=\"math-l\"><mspace height=\"1.008em\" depth=\"0.432em\"></mspace>"
          + "<mrow><mo>−</mo><mi>x</mi></mrow></mtd>"))
    #expect(
      try markup("\\begin{array}{c} a \\end{array}").contains(
        "<mtd><mspace height=\"0.84em\" depth=\"0.36em\"></mspace><mi>a</mi></mtd>"))
    // A binomial is an ordinary atom: the sign between two is binary, spaced as TeX spaces it.
    #expect(try markup("\\binom{n}{k} + \\dbinom{n}{2}").contains("</mrow><mo>+</mo><mstyle"))
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

  // Issue: math that looks like LaTeX. Each defect's markup, as a golden.

  @Test func setsAPrimeOnTheLineAfterItsBaseNotAsASuperscript() throws {
    #expect(try markup("y'") == "<mrow><mi>y</mi><mo>′</mo></mrow>")
    // The subscripts are raised to where TeX puts them (``placesScriptsWhereTeXDoes()``): a
    // little for the tall prime, more under the y's descender.
    #expect(
      try markup("x_{y'}")
        == "<msub><mi>x</mi><mpadded voffset=\"0.09em\" depth=\"0.11em\">"
        + "<mrow><mi>y</mi><mo>′</mo></mrow></mpadded></msub>")
    #expect(
      try markup("y''_i")
        == "<msub><mrow><mi>y</mi><mo>″</mo></mrow>"
        + "<mpadded voffset=\"0.21em\"><mi>i</mi></mpadded></msub>")
    #expect(!(try markup("\\sum_{y'} P(y' \\mid x)").contains("<msup>")))
  }

  @Test func drawsAnOverlineInMathMLNotWithAStyleSheet() throws {
    #expect(
      try markup("\\overline{F}") == "<mover><mi>F</mi><mo stretchy=\"true\">\u{332}</mo></mover>")
    #expect(!MathStyle.css.contains("overline"))
  }

  @Test func scalesAWideTildeToItsBase() throws {
    let one = try markup("\\widetilde{x}")
    let three = try markup("\\widetilde{xyz}")
    #expect(one.contains("<mo stretchy=\"false\" style=\"transform: scaleX(1.69)\">˜</mo>"))
    #expect(three.contains("transform: translateY(-0.15em) scale(4.38, 1.24)"))
  }

  @Test func putsTeXsThinSpaceBetweenAFractionAndAnOperator() throws {
    #expect(
      try markup("\\frac{1}{\\beta}\\log Z")
        == "<mrow><mfrac><mn>1</mn><mi>β</mi></mfrac><mspace width=\"0.1667em\"></mspace>"
        + "<mi>log</mi><mo>&#x2061;</mo><mspace width=\"0.1667em\"></mspace><mi>Z</mi></mrow>")
  }

  @Test func growsLeftRightDelimitersAroundAnExponentAsTeXDoes() throws {
    #expect(
      try markup("\\left( x^2 \\right)").contains("stretchy=\"false\" mathsize=\"1.2em\">(</mo>"))
    #expect(try markup("\\left( e^x \\right)").contains("stretchy=\"false\">(</mo>"))
  }

  @Test func setsABracesLabelClearOfTheBrace() throws {
    #expect(
      try markup("\\overbrace{a}^{n}")
        == "<mover><mover><mi>a</mi><mo stretchy=\"true\">⏞</mo></mover>"
        + "<mrow><mi>n</mi><mspace depth=\"0.15em\"></mspace></mrow></mover>")
    #expect(
      try markup("\\underbrace{a}_{n}")
        == "<munder><munder><mi>a</mi><mo stretchy=\"true\">⏟</mo></munder>"
        + "<mrow><mspace height=\"0.58em\"></mspace><mi>n</mi></mrow></munder>")
  }

  @Test func followsTeXsTableOfSpacesBetweenAtomClasses() throws {
    // Binary: medium space, written where the browser's dictionary disagrees (× has 3/18 em).
    #expect(try markup("a+b") == "<mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>")
    #expect(
      try markup("a\\times b")
        == "<mrow><mi>a</mi><mo lspace=\"0.2222em\" rspace=\"0.2222em\">×</mo><mi>b</mi></mrow>")
    // A binary operator with nothing to its left is ordinary; two relations touch.
    #expect(try markup("-x").hasPrefix("<mrow><mo>−</mo>"))
    #expect(
      try markup("a:=b").contains(
        "<mo lspace=\"0.2778em\" rspace=\"0\">:</mo><mo lspace=\"0\">=</mo>"))
    // An ordinary slash and a dot take no space; punctuation a thin space after.
    #expect(try markup("x/y").contains("<mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">/</mo>"))
    #expect(try markup("a,b") == "<mrow><mi>a</mi><mo>,</mo><mi>b</mi></mrow>")
    // Operator names: a thin space before and after, none before a delimiter.
    #expect(
      try markup("x\\sin y").contains("<mi>x</mi><mspace width=\"0.1667em\"></mspace><mi>sin</mi>"))
    #expect(try markup("\\sin(x)").contains("<mo>&#x2061;</mo><mo stretchy=\"false\">(</mo>"))
    // Inner atoms (\\left…\\right) take a thin space from ordinary ones.
    #expect(
      try markup("f\\left(x\\right)").contains(
        "<mi>f</mi><mspace width=\"0.1667em\"></mspace><mrow>"))
    // No space in scripts but around relations' and binaries' absence.
    #expect(try markup("x^{a+b}").contains("<mo lspace=\"0\" rspace=\"0\">+</mo>"))
  }

  @Test func setsTheClassThatMathopMathbinMathrelAndMathpunctName() throws {
    #expect(
      try markup("a\\mathbin{R}b")
        == "<mrow><mi>a</mi><mspace width=\"0.2222em\"></mspace><mi>R</mi>"
        + "<mspace width=\"0.2222em\"></mspace><mi>b</mi></mrow>")
    #expect(try markup("a\\mathrel{R}b").contains("<mspace width=\"0.2778em\"></mspace><mi>R</mi>"))
    #expect(
      try markup("a\\mathpunct{R}b")
        == "<mrow><mi>a</mi><mi>R</mi><mspace width=\"0.1667em\"></mspace><mi>b</mi></mrow>")
    #expect(
      try markup("a\\mathord{+}b")
        == "<mrow><mi>a</mi><mrow><mo lspace=\"0\" rspace=\"0\">+</mo></mrow><mi>b</mi></mrow>")
    // \\mathop takes limits below in display style and beside inline, as \\sum does.
    let display = try markup("\\mathop{\\mathrm{argmax}}_x f", display: true)
    #expect(display.contains("<munder><mo largeop=\"true\" movablelimits=\"true\""))
    #expect(display.contains(">argmax</mo>"))
  }

  @Test func spacingARowAgainChangesNothing() throws {
    var parser = try Parser(
      tex: "a+\\frac{1}{2}\\log x = -b, \\sum_i y_i", display: false, macros: MacroTable())
    let once = try parser.parseFormula()
    let writer = { (nodes: [MathNode]) throws -> String in
      var w = MathMLWriter(resolve: { (_) throws(TeXError) in ("", "") })
      for node in nodes { try w.write(node) }
      return w.output
    }
    let first = try writer(once)
    let again = AtomSpacing.apply(to: once, script: false)
    #expect(try writer(again) == first)
  }

  @Test func placesScriptsWhereTeXDoes() throws {
    // A lone subscript: raised from the font's 0.247 em to TeX's 0.15 em.
    #expect(
      try markup("F_W")
        == "<msub><mi>F</mi><mpadded voffset=\"0.14em\"><mi>W</mi></mpadded></msub>")
    // With a superscript both fonts agree; a tall subscript is placed by its height in both.
    #expect(try markup("x_i^2") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
    #expect(!(try markup("x_{\\frac{\\frac{a}{b}}{c}}").contains("voffset")))
    // A superscript on a tall character is raised by TeX's shift alone, not by the base's top.
    #expect(
      try markup("(y)^2").contains(
        "<msup><mpadded height=\"0.6em\"><mo stretchy=\"false\">)</mo></mpadded><mn>2</mn></msup>"))
    #expect(try markup("x^2") == "<msup><mi>x</mi><mn>2</mn></msup>")
    // In display style TeX raises it further.
    #expect(
      try markup("x^2", display: true)
        == "<msup><mi>x</mi><mpadded voffset=\"0.07em\"><mn>2</mn></mpadded></msup>")
    // The browser lowers a subscript to the base's descender and 0.2 em more; TeX places a
    // letter's subscript at 0.15 em whatever the letter, and a large operator's at its depth
    // and 0.035 em. The raised box takes the raised content's depth.
    #expect(
      try markup("y_i")
        == "<msub><mi>y</mi><mpadded voffset=\"0.36em\"><mi>i</mi></mpadded></msub>")
    #expect(try markup("y_q").contains("<mpadded voffset=\"0.36em\" depth=\"0em\">"))
    #expect(try markup("x_q").contains("<mpadded voffset=\"0.14em\" depth=\"0.06em\">"))
    #expect(
      try markup("\\sum_i x_i").hasPrefix(
        "<mrow><munder><mo movablelimits=\"true\" lspace=\"0\">∑</mo>"
          + "<mpadded voffset=\"0.21em\"><mi>i</mi>"))
    #expect(try markup("y^2_i").contains("<mpadded voffset=\"0.22em\"><mi>i</mi>"))
    // A superscript's superscript: TeX's script font shifts it 0.431 of its em, the browser
    // 0.363; in a subscript both are cramped and agree.
    #expect(try markup("x^{y^z}").contains("<mpadded voffset=\"0.1em\"><mi>z</mi>"))
    #expect(!(try markup("x_{y^z}").contains("voffset=\"0.1em\"")))
    // The limits of a display operator move out by what TeX's box of it reaches beyond the
    // font's glyph (0.1 em for a sum, 0.14 of the script's em), their boxes with them.
    #expect(
      try markup("\\sum_i^n x", display: true).hasPrefix(
        "<mrow><munderover><mo movablelimits=\"true\" lspace=\"0\">∑</mo>"
          + "<mpadded voffset=\"-0.14em\" depth=\"0.14em\"><mi>i</mi></mpadded>"
          + "<mpadded voffset=\"0.14em\" height=\"0.57em\"><mi>n</mi></mpadded></munderover>"))
    #expect(!(try markup("\\sum_i x").contains("-0.14em")))
  }

  @Test func centresARadicandInItsRadicalSignAsTeXDoes() throws {
    // The 1 em sign over an x (0.43 em): 0.48 em of it to spare, half above the x.
    #expect(
      try markup("\\sqrt{x}")
        == "<msqrt><mrow><mi>x</mi><mspace height=\"0.67em\"></mspace></mrow></msqrt>")
    #expect(try markup("\\sqrt[3]{x}").hasPrefix("<mroot><mrow><mi>x</mi><mspace height="))
    // A radicand taller than the 1.2 em sign takes is left to the browser.
    #expect(!(try markup("\\sqrt{\\frac{a}{b}}").contains("mspace")))
  }

  @Test func setsBigDelimitersAtTheFontsSizeAndWidth() throws {
    // \Big: the font's 1.793 em parenthesis (asked for as 1.79 em, so that the browser takes
    // it and not the next), its box narrowed from the widest variant's 0.875 em to its 0.597.
    #expect(
      try markup("\\Bigl(")
        == "<mo fence=\"true\" form=\"prefix\" stretchy=\"true\" minsize=\"1.79em\" "
        + "maxsize=\"1.79em\" style=\"margin-left: -0.139em; margin-right: -0.139em\">(</mo>")
    #expect(try markup("\\Bigg[").contains("minsize=\"2.99em\" maxsize=\"2.99em\">[</mo>"))
    #expect(try markup("\\big(").contains("mathsize=\"1.2em\""))
  }

  @Test func spacesAFractionAsLaTeXsGroupWithNullDelimiters() throws {
    // LaTeX's \\frac is an ordinary atom (a group), so `x\\frac12` has no space; the style
    // sheet gives each fraction TeX's null delimiters.
    #expect(
      try markup("x\\frac{1}{2}") == "<mrow><mi>x</mi><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow>")
    #expect(MathStyle.css.contains("mfrac { padding: 0 0.12em; }"))
  }
}
