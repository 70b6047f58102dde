import Foundation
import TestSupport
import Testing

@testable import TeXMath

/// Renders formulas in headless Chromium and measures the layout: checks that the MathML is laid
/// out as math (not as a line of raw text), with the font, limits, stretchy fences and alignment.
@Suite struct BrowserRenderingTests {
  static let chromium = Program.find("chromium", "chromium-browser", "google-chrome")

  /// Boxes of elements in CSS pixels, as measured in the page.
  struct Box: Decodable {
    var l: Double
    var r: Double
    var t: Double
    var b: Double
    var width: Double { r - l }
    var height: Double { b - t }
  }

  struct Measurements: Decodable {
    var fontLoaded: Bool
    var visibleText: String
    var boxes: [String: Box]
  }

  /// Formulas by element id; the script measures the elements named in `probes`.
  static let formulas: [(id: String, tex: String, display: Bool)] = [
    ("line", "x", false),
    ("frac", "\\frac{a+b}{c}", false),
    ("dsum", "\\sum_{i=1}^{n} x_i", true),
    ("isum", "\\sum_{i=1}^{n} x_i", false),
    ("small", "(x)", false),
    ("tall", "\\left( \\frac{a}{b} \\right)", true),
    ("align", "\\begin{aligned} x &= 1 \\\\ xxxx &= 22 + y \\end{aligned} \\label{aligned}", true),
    ("bb", "\\mathbb{R}", false),
    ("ab", "ab", false),
    ("negative", "a\\!b", false),
    ("boxed", "\\boxed{ab}", false),
    ("skip", "\\begin{aligned} a &= b \\\\[1em] c &= d \\end{aligned}", true),
    ("noskip", "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", true),
    (
      "ruled", "\\begin{array}{|c|c|} \\hline a & b \\\\ \\hline c & d \\\\ \\hline \\end{array}",
      false
    ),
    ("unruled", "\\begin{array}{cc} a & b \\\\ c & d \\end{array}", false),
  ]

  /// Selector (inside the formula's wrapper element) of each measured part.
  static let probes: [(name: String, selector: String)] = [
    ("line", "#line math"), ("frac", "#frac math"),
    ("dsumOp", "#dsum munderover > mo"), ("dsumUnder", "#dsum munderover > :nth-child(2)"),
    ("isumOp", "#isum munderover > mo"), ("isumUnder", "#isum munderover > :nth-child(2)"),
    ("smallParen", "#small mo"), ("tallParen", "#tall mo"),
    ("row1Left", "#align mtr:nth-child(1) > mtd:nth-child(1)"),
    ("row1LeftEnd", "#align mtr:nth-child(1) > mtd:nth-child(1) > :last-child"),
    ("row2LeftEnd", "#align mtr:nth-child(2) > mtd:nth-child(1) > :last-child"),
    ("row1Rel", "#align mtr:nth-child(1) > mtd:nth-child(2) > :first-child"),
    ("row2Rel", "#align mtr:nth-child(2) > mtd:nth-child(2) > :first-child"),
    ("alignMath", "#align math"), ("alignNumber", "#align .math-eqno"),
    ("bb", "#bb mi"),
    ("ab", "#ab math"), ("negative", "#negative math"), ("boxed", "#boxed math"),
    ("skip", "#skip mtable"), ("noskip", "#noskip mtable"),
    ("ruled", "#ruled mtable"), ("unruled", "#unruled mtable"),
  ]

  static let script = TestPage.measuringScript(
    probes: probes,
    fields: """
      fontLoaded: document.fonts.check('16px "Latin Modern Math"'),
      visibleText: document.body.innerText,
      """)

  func measure() throws -> Measurements {
    let html = try TestPage.render(Self.formulas.map { Formula(tex: $0.tex, display: $0.display) })
    var body = ""
    for (formula, markup) in zip(Self.formulas, html) {
      body += "<div id=\"\(formula.id)\">Text \(markup) text.</div>\n"
    }
    let page = try TestPage(body: body + Self.script)
    return try page.measure(in: Self.chromium!, window: "800,1000", as: Measurements.self)
  }

  @Test(.enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium)"))
  func laysOutFormulasAsMathInChromium() throws {
    let m = try measure()
    let box = m.boxes
    #expect(m.fontLoaded, "the Latin Modern Math web font did not load")
    #expect(!m.visibleText.contains("\\"), "raw TeX is visible: \(m.visibleText)")
    #expect(!m.visibleText.contains("mfrac"))

    // A fraction is clearly taller than a line of math.
    let line = try #require(box["line"])
    let frac = try #require(box["frac"])
    #expect(frac.height > 1.5 * line.height, "fraction \(frac.height) vs line \(line.height)")

    // Limits: under the sum in display math, to its side inline.
    let dOp = try #require(box["dsumOp"])
    let dUnder = try #require(box["dsumUnder"])
    #expect(dUnder.t >= dOp.b - 1, "display limits are not below the sum")
    let iOp = try #require(box["isumOp"])
    let iUnder = try #require(box["isumUnder"])
    #expect(iUnder.l >= iOp.r - 1, "inline limits are not beside the sum")

    // \left( around a fraction stretches beyond the normal parenthesis.
    let small = try #require(box["smallParen"])
    let tall = try #require(box["tallParen"])
    #expect(tall.height > 1.3 * small.height, "stretchy \(tall.height) vs \(small.height)")

    // aligned: the left column is right-aligned and the relations line up.
    let end1 = try #require(box["row1LeftEnd"])
    let end2 = try #require(box["row2LeftEnd"])
    #expect(abs(end1.r - end2.r) < 1.5, "left column not right-aligned: \(end1.r) \(end2.r)")
    let rel1 = try #require(box["row1Rel"])
    let rel2 = try #require(box["row2Rel"])
    #expect(abs(rel1.l - rel2.l) < 1.5, "relations not aligned: \(rel1.l) \(rel2.l)")

    // The equation number sits to the right of the equation.
    let math = try #require(box["alignMath"])
    let number = try #require(box["alignNumber"])
    #expect(number.l > math.r)
    #expect(m.visibleText.contains("(1)"))

    // A negative space pulls letters together; a box adds its border and padding.
    let ab = try #require(box["ab"])
    let negative = try #require(box["negative"])
    let boxed = try #require(box["boxed"])
    #expect(negative.r - negative.l < ab.r - ab.l - 1, "\\! did not move b closer to a")
    #expect(boxed.r - boxed.l > ab.r - ab.l + 5 && boxed.height > ab.height + 5)

    // \\[1em] adds about an em between the rows; three rules across and three down add their
    // width (0.06em, about a pixel each) to a table.
    let skip = try #require(box["skip"])
    let noskip = try #require(box["noskip"])
    #expect(
      skip.height - noskip.height > 10 && skip.height - noskip.height < 30,
      "\\\\[1em]: \(skip.height) vs \(noskip.height)")
    let ruled = try #require(box["ruled"])
    let unruled = try #require(box["unruled"])
    #expect(
      ruled.r - ruled.l >= unruled.r - unruled.l + 2 && ruled.height >= unruled.height + 2,
      "rules: \(ruled) vs \(unruled)")

    // A double-struck letter is drawn (the font has the Unicode math alphabets).
    let bb = try #require(box["bb"])
    #expect(bb.r - bb.l > 5)
  }
}
