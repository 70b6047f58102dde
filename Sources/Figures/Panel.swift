/// One plotting area: a frame in user units and the two axes mapped onto it. Draws the grid,
/// the axis lines with outward ticks, the tick labels and the axis labels.
struct Panel {
  var frame: Rect
  var x: Axis
  var y: Axis
  var xTickLabels = true
  var yTickLabels = true
  var grid = true

  static let tickLength = 5.0
  static let labelGap = 4.0

  var xMap: LinearMap { x.scale(from: frame.x, to: frame.maxX) }
  var yMap: LinearMap { y.scale(from: frame.maxY, to: frame.y) }

  /// Height below the frame taken by ticks and tick labels.
  static var xTickBand: Double { tickLength + labelGap + SVGDocument.tickFontSize }

  /// Width left of the frame taken by ticks and the widest of `labels`.
  static func yTickBand(_ labels: [String]) -> Double {
    let widest =
      labels.map { SVGDocument.textWidth($0, fontSize: SVGDocument.tickFontSize) }
      .max() ?? 0
    return tickLength + labelGap + widest
  }

  /// Grid lines at the ticks, then the left and bottom axis lines with outward ticks.
  func drawAxes(_ w: inout SVGWriter) {
    let xm = xMap
    let ym = yMap
    if grid {
      w.raw("<path class=\"gr\" stroke=\"\(Palette.gridLight)\" stroke-width=\"1\" d=\"")
      for t in x.ticks {
        let px = xm(t)
        guard px > frame.x + 0.5 else { continue }
        w.byte(UInt8(ascii: "M"))
        w.number(px)
        w.byte(0x20)
        w.number(frame.y)
        w.byte(UInt8(ascii: "V"))
        w.number(frame.maxY)
      }
      for t in y.ticks {
        let py = ym(t)
        guard py < frame.maxY - 0.5 else { continue }
        w.byte(UInt8(ascii: "M"))
        w.number(frame.x)
        w.byte(0x20)
        w.number(py)
        w.byte(UInt8(ascii: "H"))
        w.number(frame.maxX)
      }
      w.raw("\"/>\n")
    }
    w.raw(
      "<path class=\"ax\" stroke=\"\(Palette.axisLight)\" stroke-width=\"1\" fill=\"none\" d=\"M")
    w.number(frame.x)
    w.byte(0x20)
    w.number(frame.y)
    w.byte(UInt8(ascii: "V"))
    w.number(frame.maxY)
    w.byte(UInt8(ascii: "H"))
    w.number(frame.maxX)
    for t in x.ticks {
      w.byte(UInt8(ascii: "M"))
      w.number(xm(t))
      w.byte(0x20)
      w.number(frame.maxY)
      w.raw("v5")
    }
    for t in y.ticks {
      w.byte(UInt8(ascii: "M"))
      w.number(frame.x)
      w.byte(0x20)
      w.number(ym(t))
      w.raw("h-5")
    }
    w.raw("\"/>\n")
  }

  /// The tick labels that this panel shows.
  func drawTickLabels(_ w: inout SVGWriter) {
    guard xTickLabels || yTickLabels else { return }
    let fs = SVGDocument.tickFontSize
    if xTickLabels {
      let baseline = frame.maxY + Self.tickLength + Self.labelGap + 0.8 * fs
      w.raw(
        "<g class=\"tx\" fill=\"\(Palette.textLight)\" font-size=\"13\" text-anchor=\"middle\">")
      for (t, label) in zip(x.ticks, x.labels) {
        w.raw("<text")
        w.attribute("x", xMap(t))
        w.attribute("y", baseline)
        w.byte(UInt8(ascii: ">"))
        w.text(label)
        w.raw("</text>")
      }
      w.raw("</g>\n")
    }
    if yTickLabels {
      let right = frame.x - Self.tickLength - Self.labelGap
      w.raw("<g class=\"tx\" fill=\"\(Palette.textLight)\" font-size=\"13\" text-anchor=\"end\">")
      for (t, label) in zip(y.ticks, y.labels) {
        w.raw("<text")
        w.attribute("x", right)
        w.attribute("y", yMap(t) + 0.35 * fs)
        w.byte(UInt8(ascii: ">"))
        w.text(label)
        w.raw("</text>")
      }
      w.raw("</g>\n")
    }
  }

  /// A `<clipPath>` with the frame, so lines leaving an explicit range are cut at its edge.
  func drawClipPath(_ w: inout SVGWriter, id: String) {
    w.raw("<clipPath id=\"\(id)\"><rect")
    w.attribute("x", frame.x)
    w.attribute("y", frame.y)
    w.attribute("width", frame.width)
    w.attribute("height", frame.height)
    w.raw("/></clipPath>\n")
  }
}
