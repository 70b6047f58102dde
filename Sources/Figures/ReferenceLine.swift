/// A thin dashed line across the plot at a fixed x or y, e.g. the margin m of the hinge loss.
struct ReferenceLine: Sendable, Equatable {
  enum Axis: Sendable, Equatable {
    case x
    case y
  }

  var axis: Axis
  var value: Double
  var label: String

  /// Draws the line across `panel` (already in axis units) and its label: at the top right of
  /// a vertical line, above the right end of a horizontal one.
  func draw(_ w: inout SVGWriter, panel: Panel) {
    guard value.isFinite else { return }
    let frame = panel.frame
    w.raw("<path class=\"ax\" stroke=\"\(Palette.axisLight)\" stroke-width=\"1\"")
    w.raw(" stroke-dasharray=\"4 3\" d=\"M")
    switch axis {
    case .x:
      let x = panel.xMap(value)
      w.number(x)
      w.byte(0x20)
      w.number(frame.y)
      w.byte(UInt8(ascii: "V"))
      w.number(frame.maxY)
    case .y:
      let y = panel.yMap(value)
      w.number(frame.x)
      w.byte(0x20)
      w.number(y)
      w.byte(UInt8(ascii: "H"))
      w.number(frame.maxX)
    }
    w.raw("\"/>\n")
    guard !label.isEmpty else { return }
    w.raw("<text class=\"tx\" fill=\"\(Palette.textLight)\" font-size=\"13\"")
    switch axis {
    case .x:
      w.attribute("x", panel.xMap(value) + 4)
      w.attribute("y", frame.y + 13)
    case .y:
      w.raw(" text-anchor=\"end\"")
      w.attribute("x", frame.maxX - 4)
      w.attribute("y", panel.yMap(value) - 4)
    }
    w.byte(UInt8(ascii: ">"))
    w.text(label)
    w.raw("</text>\n")
  }
}
