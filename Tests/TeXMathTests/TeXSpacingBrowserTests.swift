import Foundation
import TestSupport
import Testing

@testable import TeXMath

/// Lays formulas out in headless Chromium and measures what TeX decides and a browser would get
/// wrong on its own: the space between atoms (against hand-written MathML with TeX's spaces as
/// explicit widths), primes on the line rather than a script level up, an overline drawn in
/// MathML, a wide tilde, a delimiter that covers an exponent, a brace's label clear of the brace.
@Suite struct TeXSpacingBrowserTests {
  /// A formula and the same formula written by hand: every operator without spacing, TeX's
  /// spaces as `mspace`s (3/18, 4/18 and 5/18 em).
  static let spacing: [(tex: String, reference: String)] = [
    ("a\\times b", "<mi>a</mi>\(med)<mo \(flat)>×</mo>\(med)<mi>b</mi>"),
    ("a\\cdot b", "<mi>a</mi>\(med)<mo \(flat)>⋅</mo>\(med)<mi>b</mi>"),
    ("a:=b", "<mi>a</mi>\(thick)<mo \(flat)>:</mo><mo \(flat)>=</mo>\(thick)<mi>b</mi>"),
    ("x/y", "<mi>x</mi><mo \(flat)>/</mo><mi>y</mi>"),
    ("a,b", "<mi>a</mi><mo \(flat)>,</mo>\(thin)<mi>b</mi>"),
    (
      "p(y|x)",
      "<mi>p</mi><mo \(fixed)>(</mo><mi>y</mi><mo \(fixed)>|</mo><mi>x</mi><mo \(fixed)>)</mo>"
    ),
    (
      "\\frac{1}{2}\\log x",
      "<mfrac><mn>1</mn><mn>2</mn></mfrac>\(thin)<mi>log</mi>\(thin)<mi>x</mi>"
    ),
    ("x\\sin y", "<mi>x</mi>\(thin)<mi>sin</mi>\(thin)<mi>y</mi>"),
    ("a\\mathrel{R}b", "<mi>a</mi>\(thick)<mi>R</mi>\(thick)<mi>b</mi>"),
    ("a\\mathbin{R}b", "<mi>a</mi>\(med)<mi>R</mi>\(med)<mi>b</mi>"),
    ("a=-b", "<mi>a</mi>\(thick)<mo \(flat)>=</mo>\(thick)<mo \(flat)>−</mo><mi>b</mi>"),
    ("x^{a+b}", "<msup><mi>x</mi><mrow><mi>a</mi><mo \(flat)>+</mo><mi>b</mi></mrow></msup>"),
    (
      "1,\\ldots,n",
      "<mn>1</mn><mo \(flat)>,</mo>\(thin)<mo \(flat)>…</mo>\(thin)<mo \(flat)>,</mo>\(thin)<mi>n</mi>"
    ),
  ]
  static let flat = "lspace=\"0\" rspace=\"0\""
  static let fixed = "stretchy=\"false\" \(flat)"
  static let thin = "<mspace width=\"0.1667em\"></mspace>"
  static let med = "<mspace width=\"0.2222em\"></mspace>"
  static let thick = "<mspace width=\"0.2778em\"></mspace>"

  /// Formulas whose parts are measured, by id.
  static let marks: [(id: String, tex: String)] = [
    ("prime", "y'"), ("subprime", "x_{y'}"), ("overline", "\\overline{xyz}"),
    ("tilde", "\\widetilde{xyz}"), ("small", "(x)"), ("square", "\\left( x^2 \\right)"),
    ("exp", "\\left( e^x \\right)"), ("brace", "\\overbrace{a+b}^{n}"), ("bar", "\\bar y"),
  ]

  static let probes: [(name: String, selector: String)] = [
    ("primeBase", "#prime mi"), ("primeMark", "#prime mo"),
    ("subprimeBase", "#subprime msub mrow > mi"), ("subprimeMark", "#subprime msub mrow > mo"),
    ("overline", "#overline mover"), ("overlineBase", "#overline mover > mrow"),
    ("tilde", "#tilde mover > mo"), ("tildeBase", "#tilde mover > mrow"),
    ("smallParen", "#small mo"), ("squareParen", "#square mo"), ("expParen", "#exp mo"),
    ("braceBase", "#brace mover > mover > mrow"),
    ("braceLabel", "#brace semantics > mover > :nth-child(2) > mi"),
    ("barBase", "#bar mover > mi"), ("barMark", "#bar mover > mo"),
  ]

  typealias Box = BrowserRenderingTests.Box

  struct Measurements: Decodable {
    var fontSize: Double
    var widths: [Double]
    var references: [Double]
    var boxes: [String: Box]
  }

  func measure() throws -> Measurements {
    // The browser's widths of characters: the hand-written references have TeX's spaces and
    // no italic corrections (``GlyphWidthsBrowserTests`` measures those).
    let rendered = try TestPage.render(
      Self.spacing.map { Formula(tex: $0.tex, display: false) }
        + Self.marks.map { Formula(tex: $0.tex, display: false) }, widths: .browser)
    var body = ""
    for (i, formula) in Self.spacing.enumerated() {
      body += "<p><span class=\"f\">\(rendered[i])</span> "
      body += "<span class=\"r\"><math><mrow>\(formula.reference)</mrow></math></span></p>\n"
    }
    for (i, mark) in Self.marks.enumerated() {
      body += "<p id=\"\(mark.id)\">\(rendered[Self.spacing.count + i])</p>\n"
    }
    body += TestPage.measuringScript(
      probes: Self.probes,
      fields: """
        fontSize: parseFloat(getComputedStyle(document.querySelector("math")).fontSize),
        widths: Array.from(document.querySelectorAll(".f")).map(width),
        references: Array.from(document.querySelectorAll(".r")).map(width),
        """)
    body +=
      "<script>function width(e) { return e.querySelector(\"math\").getBoundingClientRect().width; }</script>"
    let page = try TestPage(body: body)
    return try page.measure(
      in: BrowserRenderingTests.chromium!, window: "800,1600", as: Measurements.self)
  }

  @Test(
    .enabled(
      if: BrowserRenderingTests.chromium != nil,
      "Chromium is not installed (apt-get install chromium)"
    ))
  func spacesAtomsAndSetsMarksAsTeXDoes() throws {
    let m = try measure()
    #expect(m.widths.count == Self.spacing.count && m.references.count == Self.spacing.count)
    for (i, formula) in Self.spacing.enumerated() where i < m.widths.count {
      #expect(
        abs(m.widths[i] - m.references[i]) < 0.6,
        "\(formula.tex): \(m.widths[i]) px, TeX's spacing gives \(m.references[i]) px")
    }
    let em = m.fontSize
    let box = m.boxes

    // A prime stays on the line, its top near the ascenders (about a third of an em over the
    // top of a y); as a superscript it would float a script level (another third) higher.
    for (name, limit) in [("prime", 0.5), ("subprime", 0.3)] {
      let base = try #require(box[name + "Base"])
      let mark = try #require(box[name + "Mark"])
      #expect(base.t - mark.t < limit * em, "\(name): \(mark) over \(base)")
    }

    // The overline is MathML: it takes room above its base without any style sheet rule.
    let overline = try #require(box["overline"])
    let overlineBase = try #require(box["overlineBase"])
    #expect(overline.t < overlineBase.t - 0.05 * em, "no bar over \\overline's base")

    // A wide tilde spans most of its base.
    let tilde = try #require(box["tilde"])
    let tildeBase = try #require(box["tildeBase"])
    #expect(tilde.width > 0.75 * tildeBase.width, "tilde \(tilde.width) over \(tildeBase.width)")

    // \left( x^2 \right) grows to cover the exponent, \left( e^x \right) does not.
    let small = try #require(box["smallParen"])
    let square = try #require(box["squareParen"])
    let exp = try #require(box["expParen"])
    #expect(square.height > 1.1 * small.height, "\(square.height) vs \(small.height)")
    #expect(abs(exp.height - small.height) < 1, "\(exp.height) vs \(small.height)")

    // A brace's label stands clear of the brace: the brace and the gaps take more than a third
    // of an em between the label and the base.
    let braceBase = try #require(box["braceBase"])
    let label = try #require(box["braceLabel"])
    #expect(braceBase.t - label.b > 0.35 * em, "label \(braceBase.t - label.b) px above the base")

    // \bar y: the bar stands clear of the y, as LaTeX's does (about 0.12 em), not on its top.
    let barBase = try #require(box["barBase"])
    let bar = try #require(box["barMark"])
    #expect(barBase.t - bar.b > 0.07 * em, "bar \(barBase.t - bar.b) px above the y")
  }
}
