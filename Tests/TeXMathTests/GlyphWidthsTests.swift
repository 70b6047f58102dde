import Testing

@testable import TeXMath

/// The widths TeX gives characters, as markup (``GlyphWidthsBrowserTests`` measures them).
@Suite struct GlyphWidthsTests {
  /// The MathML inside `<semantics>` for `tex`.
  func markup(_ tex: String, display: Bool = false) throws -> String {
    let html = try MathPage(formulas: [Formula(tex: tex, display: display)]).results[0].get()
    let start = html.range(of: "<semantics>")!.upperBound
    let end = html.range(of: "<annotation")!.lowerBound
    return String(html[start..<end])
  }

  @Test func readsTheFontsMetricsOfItalicAndScriptLetters() throws {
    // 𝐹: advance 0.643 em, italic correction 0.134; its script design 0.725 and 0.128.
    let f = try #require(GlyphMetrics.table[0x1D439])
    #expect(f.advance(size: 0) == 643 && f.italic(size: 0) == 134)
    #expect(f.advance(size: 1) == 725 && f.italic(size: 1) == 128)
    #expect(f.advance(size: 2) > f.advance(size: 1))
    // Digits have script designs, parentheses none.
    #expect(try #require(GlyphMetrics.table[0x32]).advance(size: 1) == 569)
    let paren = try #require(GlyphMetrics.table[0x28])
    #expect(paren.advance(size: 1) == paren.advance(size: 0))
    #expect(GlyphMetrics.italicForm(of: 0x46) == 0x1D439)
    #expect(GlyphMetrics.italicForm(of: 0x68) == 0x210E)
    #expect(GlyphMetrics.italicForm(of: 0x3B2) == 0x1D6FD)
    #expect(GlyphMetrics.italicForm(of: 0x28) == 0x28)
  }

  @Test func addsTheItalicCorrectionUnlessASubscriptTucksUnder() throws {
    #expect(
      try markup("F(x)")
        == "<mrow><mpadded width=\"0.777em\"><mi>F</mi></mpadded><mo stretchy=\"false\">(</mo>"
        + "<mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
    // Before a superscript, on the base (whose top is lowered for the superscript's rule).
    #expect(try markup("F^2").hasPrefix("<msup><mpadded height=\"0.6em\" width=\"0.777em\">"))
    // Under a subscript none; a superscript beside it goes δ (0.134 em, 0.191 of its own em)
    // further right.
    #expect(try markup("F_W").hasPrefix("<msub><mi>F</mi>"))
    #expect(try markup("F_W^2").contains("<mrow><mspace width=\"0.191em\"></mspace><mpadded"))
    // Letters without one (x) and upright ones stay as they are.
    #expect(try markup("x") == "<mi>x</mi>")
    #expect(try markup("\\mathrm{F}") == "<mi mathvariant=\"normal\">F</mi>")
  }

  @Test func givesScriptsTheWidthOfTheFontsScriptDesigns() throws {
    // W in a script: the script design's 1.074 em and its italic correction 0.125, the drawn
    // glyph (0.944) centred.
    #expect(
      try markup("F_W").contains(
        "<mpadded voffset=\"0.14em\" lspace=\"0.065em\" width=\"1.199em\"><mi>W</mi></mpadded>"))
    // A run of text: each letter centred in its share of the extra width (letter spacing),
    // not the word centred with the whole of it at its ends. At scriptscript size, the
    // scriptscript design.
    #expect(
      try markup("\\ell_{\\text{ab}}").contains(
        "lspace=\"0.036em\" width=\"1.2em\"><mtext style=\"letter-spacing: 0.072em\">ab"))
    #expect(try markup("x^{y^z}").contains("lspace=\"0.112em\" width=\"0.689em\"><mi>z"))
    // An operator TeX's script font draws larger, in a row that keeps the script's size, and
    // moved down to keep its centre on the axis.
    #expect(
      try markup("[u]^+").contains(
        "<mrow><mo mathsize=\"1.128em\" style=\"transform: translateY(0.028em)\">+</mo></mrow>"))
    #expect(
      try markup("e^{-x}").contains(
        "<mo mathsize=\"1.148em\" style=\"transform: translateY(0.032em)\">−</mo>"))
    // A delimiter only wider, padded on itself so that its form and spacing stay.
    #expect(
      try markup("e^{(x)}").contains(
        "<mo stretchy=\"false\" style=\"padding-left: 0.028em; padding-right: 0.029em\">(</mo>"))
    // In a display fraction the parts are at text size.
    #expect(try markup("\\frac{x}{2}", display: true) == "<mfrac><mi>x</mi><mn>2</mn></mfrac>")
    #expect(try markup("\\frac{x}{2}").contains("<mpadded lspace=\"0.034em\" width=\"0.569em\">"))
  }

  @Test func setsAnEllipsisAsWideAsTeXsThreePeriods() throws {
    #expect(try markup("1,\\ldots,n").contains("padding-left: 0.165em; padding-right: 0.165em"))
  }

  @Test func writesLengthsInThousandthsOfAnEm() {
    #expect(GlyphWidths.length(777) == "0.777em")
    #expect(GlyphWidths.length(1200) == "1.2em")
    #expect(GlyphWidths.length(40) == "0.04em")
    #expect(GlyphWidths.length(2000) == "2em")
  }
}
