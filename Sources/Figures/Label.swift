/// Free-standing text pieces: titles and axis labels.
enum Label {
  /// The plot's title centred at the top, its size reduced (down to 12 units) if it would be
  /// wider than the plot.
  static func title(_ w: inout SVGWriter, _ text: String, width: Double) {
    let natural = SVGDocument.textWidth(text, fontSize: SVGDocument.titleFontSize) * 1.05
    let fontSize = max(12, min(1, (width - 24) / max(natural, 1)) * SVGDocument.titleFontSize)
    centred(&w, text, x: width / 2, y: 25, fontSize: fontSize.rounded(), bold: true)
  }

  /// A text element centred at (x, y) baseline; `weight` "600" for titles.
  static func centred(
    _ w: inout SVGWriter, _ text: String, x: Double, y: Double, fontSize: Double,
    bold: Bool = false, rotated: Bool = false
  ) {
    guard !text.isEmpty else { return }
    w.raw("<text class=\"tx\" fill=\"\(Palette.textLight)\" text-anchor=\"middle\"")
    if fontSize != SVGDocument.fontSize { w.attribute("font-size", fontSize, decimals: 1) }
    if bold { w.raw(" font-weight=\"600\"") }
    if rotated {
      w.raw(" transform=\"translate(")
      w.number(x)
      w.byte(0x20)
      w.number(y)
      w.raw(") rotate(-90)\"")
    } else {
      w.attribute("x", x)
      w.attribute("y", y)
    }
    w.byte(UInt8(ascii: ">"))
    w.text(text)
    w.raw("</text>\n")
  }
}
