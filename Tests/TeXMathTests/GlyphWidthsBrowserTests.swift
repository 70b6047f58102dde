import Foundation
import TestSupport
import Testing

@testable import TeXMath

/// Lays formulas out in headless Chromium at 100 px to the em and measures where their parts
/// land against where TeX puts them (the numbers in the comments are TeX's, from boxes that
/// LaTeX measured at 10 pt): italic corrections, the widths of script letters, a subscript
/// under a descender, a numerator over a raised subscript, limits under an operator name, the
/// width of a `\Big` parenthesis, the height of a radical sign and a display sum's limit, the
/// width of a double bar, of a double-struck one and of a word in a subscript. Each would be off
/// by 0.05 to 0.2 em without the rule that places it.
@Suite struct GlyphWidthsBrowserTests {
  /// Formulas, by id: inline unless named `display…`.
  static let formulas: [(id: String, tex: String)] = [
    ("italic", "F(x)"), ("script", "F_W(x)"), ("descender", "x_i y_i"),
    ("display-fraction", "x \\frac{\\ell_q}{W}"), ("display-limit", "x \\operatorname*{argmin}_y"),
    ("big", "\\Big( x \\Big)"), ("sqrt", "x \\sqrt{x}"), ("display-sum", "x \\sum_i"),
    ("norm", "\\lVert x \\rVert"), ("text-script", "\\ell_{\\text{NLL}}"),
    ("indicator", "\\mathbb{1}[x]"), ("fenced", "\\left( \\frac{a}{b} \\right)"),
    ("display-fenced", "\\left( \\frac{a}{b} \\right)"),
    ("display-matrix", "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}"),
  ]

  static let probes: [(name: String, selector: String)] = [
    ("italicF", "#italic mi"), ("italicParen", "#italic mo"),
    ("scriptF", "#script msub > mi"), ("scriptParen", "#script mo"),
    ("descenderX", "#descender msub:nth-of-type(1) > :nth-child(2) mi"),
    ("descenderY", "#descender msub:nth-of-type(2) > :nth-child(2) mi"),
    ("fractionX", "#display-fraction semantics > mrow > mi"),
    ("fractionEll", "#display-fraction msub > mi"),
    ("limitX", "#display-limit semantics > mrow > mi"),
    ("limitY", "#display-limit munder mi"),
    ("bigMath", "#big math"), ("bigX", "#big mi"),
    ("sqrtX", "#sqrt semantics > mrow > mi"), ("sqrtBox", "#sqrt msqrt"),
    ("sumX", "#display-sum semantics > mrow > mi"), ("sumI", "#display-sum munder mi"),
    ("normMath", "#norm math"), ("normX", "#norm mi"), ("textNLL", "#text-script mtext"),
    ("indicatorMath", "#indicator math"), ("indicatorBracket", "#indicator mo"),
    ("fencedMath", "#fenced math"), ("fencedFraction", "#fenced mfrac"),
    ("displayFencedMath", "#display-fenced math"),
    ("displayFencedFraction", "#display-fenced mfrac"),
    ("matrixMath", "#display-matrix math"), ("matrixA", "#display-matrix mtd mi"),
    ("matrixC", "#display-matrix mtr:nth-child(2) mtd mi"),
  ]

  struct Measurements: Decodable {
    var em: Double
    var boxes: [String: BrowserRenderingTests.Box]
  }

  func measure() throws -> Measurements {
    let rendered = try TestPage.render(
      Self.formulas.map { Formula(tex: $0.tex, display: $0.id.hasPrefix("display")) })
    var body = "<div style=\"font-size: 100px\">\n"
    for (formula, html) in zip(Self.formulas, rendered) {
      body += "<div id=\"\(formula.id)\">\(html)</div>\n"
    }
    body += "</div>\n"
    body += TestPage.measuringScript(
      probes: Self.probes,
      fields: "em: parseFloat(getComputedStyle(document.querySelector(\"math\")).fontSize),")
    let page = try TestPage(body: body)
    return try page.measure(
      in: BrowserRenderingTests.chromium!, window: "1200,1400", as: Measurements.self)
  }

  @Test(
    .enabled(
      if: BrowserRenderingTests.chromium != nil,
      "Chromium is not installed (apt-get install chromium)"
    ))
  func placesCharactersAndScriptsWhereTeXDoes() throws {
    let m = try measure()
    let em = m.em
    #expect(em == 100)
    func box(_ name: String) throws -> BrowserRenderingTests.Box { try #require(m.boxes[name]) }
    func expectNear(_ value: Double, _ tex: Double, _ what: String) {
      #expect(abs(value / em - tex) < 0.02, "\(what): \(value / em) em, TeX \(tex) em")
    }

    // F(x): the parenthesis follows F's advance (0.643 em) and its italic correction (0.134).
    expectNear(try box("italicParen").l - box("italicF").l, 0.777, "( after F")
    // F_W(x): W in the script design (1.074 em) with its italic correction (0.125), at 0.7,
    // and the space after a script: TeX's F_W is 1.553 em wide.
    expectNear(try box("scriptParen").l - box("scriptF").l, 1.553, "( after F_W")
    // y_i: the subscript no lower than x_i's (0.15 em), however deep the y.
    expectNear(try box("descenderY").b - box("descenderX").b, 0, "i of y_i against x_i")
    // A display numerator with a raised subscript: its baseline 0.677 em up (TeX's num1),
    // the fraction clearing the raised subscript, not the place it was raised from.
    expectNear(try box("fractionX").b - box("fractionEll").b, 0.677, "numerator baseline")
    // A limit under an operator name: 0.6 em under the name's descender (0.194), TeX's
    // big_op_spacing4; the y's x-height top then 0.494 em down.
    expectNear(try box("limitY").t - box("limitX").b, 0.493, "top of the limit")
    // \Big(: the font's 1.8 em parenthesis, as wide as its glyph (0.597 em), as TeX's.
    expectNear(try box("bigX").l - box("bigMath").l, 0.597, "x after \\Big(")
    // \sqrt{x}: the 1 em sign with the x in its middle, its rule's top 0.76 em up and the box
    // 0.04 em above (TeX's box is 0.8 em high); hung from the x, the sign would be 0.24 lower.
    expectNear(try box("sqrtX").b - box("sqrtBox").t, 0.8, "top of \\sqrt{x}")
    // A display sum's limit: 0.167 em under TeX's box of the sum, which reaches 0.55 em down
    // (the font's glyph 0.45): the i's baseline 1.178 em down.
    expectNear(try box("sumI").b - box("sumX").b, 1.178, "baseline of the limit")
    // \lVert: cmsy10's double bar is 0.5 em wide, the font's glyph 0.398 em.
    expectNear(try box("normX").l - box("normMath").l, 0.5, "x after \\lVert")
    // \text{NLL} in a subscript: its letters spread over the script design's width (2.255 of
    // the script's em, 1.579 em), as the script font spreads them; drawn in the text design,
    // scaled, the word is 1.4 em wide, and was centred with the rest at its two ends.
    expectNear(try box("textNLL").r - box("textNLL").l, 1.579, "width of NLL in a subscript")
    // \mathbb{1}: dsfont's \mathds{1} is 0.611 em wide (dsrom10), the font's 𝟙 0.556 em.
    expectNear(
      try box("indicatorBracket").l - box("indicatorMath").l, 0.611, "[ after \\mathbb{1}")
    // \left( around a fraction: TeX's rule picks the 1.2 em parenthesis inline (0.458 em
    // wide) and the 1.8 em one in display style (0.597 em). Chromium, stretching it, makes
    // the box as wide as the font's widest variant (0.875 em) and centres the glyph in it.
    expectNear(
      try box("fencedFraction").l - box("fencedMath").l, 0.458, "inline fraction after \\left(")
    expectNear(
      try box("displayFencedFraction").l - box("displayFencedMath").l, 0.597,
      "display fraction after \\left(")
    // A matrix of two rows, each a strut high (1.2 em): TeX's 2.4 em parenthesis, 0.736 em
    // wide, and no column space before the first column (amsmath's @{}). Left to Chromium,
    // with the old padding, a sat 1.275 em in.
    expectNear(try box("matrixA").l - box("matrixMath").l, 0.736, "a in a pmatrix")
    // The rows 1.2 em apart, baseline to baseline, as LaTeX's struts set them.
    expectNear(try box("matrixC").b - box("matrixA").b, 1.2, "second row of a pmatrix")
  }
}
