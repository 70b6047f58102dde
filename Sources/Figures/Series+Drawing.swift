extension Series {
  /// Draws the series as one `<path>`: a polyline split at every non-finite point, or markers.
  /// `index` picks colour, dash pattern and marker shape.
  func draw(_ w: inout SVGWriter, index: Int, xMap: LinearMap, yMap: LinearMap) {
    switch mark {
    case .line(let style):
      Self.openLine(&w, index: index, style: style.resolved(index: index))
      w.raw(" d=\"")
      appendPolyline(&w, xMap: xMap, yMap: yMap)
      w.raw("\"/>\n")
    case .points(let marker):
      let shape = marker.resolved(index: index)
      Self.openMarkers(&w, index: index, marker: shape)
      w.raw(" d=\"")
      for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
        Self.appendMarker(&w, shape, x: xMap(x), y: yMap(y))
      }
      w.raw("\"/>\n")
    }
  }

  static func openLine(_ w: inout SVGWriter, index: Int, style: LineStyle) {
    w.raw("<path class=\"\(Palette.seriesClass(index))\" stroke=\"\(Palette.fallback(index))\"")
    w.raw(" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
    if let dash = style.dashArray { w.attribute("stroke-dasharray", dash) }
  }

  static func openMarkers(_ w: inout SVGWriter, index: Int, marker: Marker) {
    let n = index % Palette.light.count + 1
    let colour = Palette.fallback(index)
    w.raw("<path class=\"s\(n) f\(n)\" stroke=\"\(colour)\" fill=\"\(colour)\"")
    switch marker {
    case .automatic, .circle:
      w.raw(" stroke-width=\"7\" stroke-linecap=\"round\"")
    case .square:
      w.raw(" stroke-width=\"6\" stroke-linecap=\"square\"")
    case .diamond, .triangle:
      w.raw(" stroke-width=\"1\" stroke-linejoin=\"round\"")
    }
  }

  /// One marker centred at (x, y): a dot or square is a zero-length segment with round or
  /// square caps; a diamond or triangle a small closed polygon.
  static func appendMarker(_ w: inout SVGWriter, _ marker: Marker, x: Double, y: Double) {
    w.byte(UInt8(ascii: "M"))
    switch marker {
    case .automatic, .circle, .square:
      w.number(x)
      w.byte(0x20)
      w.number(y)
      w.raw("h0")
    case .diamond:
      w.number(x)
      w.byte(0x20)
      w.number(y - 4.5)
      w.raw("l4 4.5-4 4.5-4-4.5z")
    case .triangle:
      w.number(x)
      w.byte(0x20)
      w.number(y - 4.5)
      w.raw("l4.5 7.8h-9z")
    }
  }

  /// "M x y L x y x y …", a new "M" after each gap; points that round to the previous
  /// coordinates are skipped, numbers separated only where needed.
  func appendPolyline(_ w: inout SVGWriter, xMap: LinearMap, yMap: LinearMap) {
    var penDown = false
    var afterL = false
    var lastX = Int64.min
    var lastY = Int64.min
    for i in 0..<xs.count {
      let x = xs[i]
      let y = ys[i]
      guard x.isFinite && y.isFinite else {
        penDown = false
        continue
      }
      let px = xMap(x)
      let py = yMap(y)
      let qx = Int64((px * 10).rounded(.toNearestOrAwayFromZero).clamped(to: -1e12...1e12))
      let qy = Int64((py * 10).rounded(.toNearestOrAwayFromZero).clamped(to: -1e12...1e12))
      if penDown {
        if qx == lastX && qy == lastY { continue }
        if afterL {
          if px >= -0.05 { w.byte(0x20) }
        } else {
          w.byte(UInt8(ascii: "L"))
          afterL = true
        }
      } else {
        w.byte(UInt8(ascii: "M"))
        penDown = true
        afterL = false
      }
      w.number(px)
      if py >= -0.05 { w.byte(0x20) }
      w.number(py)
      lastX = qx
      lastY = qy
    }
  }
}

extension Comparable {
  func clamped(to range: ClosedRange<Self>) -> Self {
    min(max(self, range.lowerBound), range.upperBound)
  }
}
