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
      drawMarkers(&w, index: index, marker: marker, xMap: xMap, yMap: yMap)
    case .lineWithMarkers(let style, let marker):
      Self.openLine(&w, index: index, style: style.resolved(index: index))
      w.raw(" d=\"")
      appendPolyline(&w, xMap: xMap, yMap: yMap)
      w.raw("\"/>\n")
      drawMarkers(&w, index: index, marker: marker, xMap: xMap, yMap: yMap)
    }
  }

  private func drawMarkers(
    _ w: inout SVGWriter, index: Int, marker: Marker, xMap: LinearMap, yMap: LinearMap
  ) {
    let shape = marker.resolved(index: index)
    Self.openMarkers(&w, index: index, marker: shape)
    w.raw(" d=\"")
    for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
      Self.appendMarker(&w, shape, x: xMap(x), y: yMap(y))
    }
    w.raw("\"/>\n")
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
    case .square, .diamond, .triangle:
      w.raw(" stroke-width=\"1\" stroke-linejoin=\"round\"")
    }
  }

  /// One marker centred at (x, y): a dot is a zero-length segment with round caps (drawn by
  /// every renderer, per the SVG spec); the other shapes are small closed polygons (square
  /// caps on zero-length segments are dropped by some renderers).
  static func appendMarker(_ w: inout SVGWriter, _ marker: Marker, x: Double, y: Double) {
    w.byte(UInt8(ascii: "M"))
    switch marker {
    case .automatic, .circle:
      w.number(x)
      w.byte(0x20)
      w.number(y)
      w.raw("h0")
    case .square:
      w.number(x - 3)
      w.byte(0x20)
      w.number(y - 3)
      w.raw("h6v6h-6z")
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

  /// "M x y L x y x y …", a new "M" after each gap. Each unbroken run is simplified to within
  /// 0.1 units (`Simplify`), and numbers are separated only where needed.
  func appendPolyline(_ w: inout SVGWriter, xMap: LinearMap, yMap: LinearMap) {
    var runX: [Double] = []
    var runY: [Double] = []
    runX.reserveCapacity(xs.count)
    runY.reserveCapacity(xs.count)
    for i in 0..<xs.count {
      let x = xs[i]
      let y = ys[i]
      if x.isFinite && y.isFinite {
        runX.append(xMap(x).clamped(to: -1e6...1e6))
        runY.append(yMap(y).clamped(to: -1e6...1e6))
      } else if !runX.isEmpty {
        Self.appendRun(&w, runX, runY)
        runX.removeAll(keepingCapacity: true)
        runY.removeAll(keepingCapacity: true)
      }
    }
    if !runX.isEmpty { Self.appendRun(&w, runX, runY) }
  }

  /// One subpath through the points of a run (already in user units).
  static func appendRun(_ w: inout SVGWriter, _ xs: [Double], _ ys: [Double]) {
    var lastX = Int64.min
    var lastY = Int64.min
    var count = 0
    for i in Simplify.keep(xs: xs, ys: ys, tolerance: 0.1) {
      let px = xs[i]
      let py = ys[i]
      let qx = Int64((px * 10).rounded(.toNearestOrAwayFromZero))
      let qy = Int64((py * 10).rounded(.toNearestOrAwayFromZero))
      if count > 0 && qx == lastX && qy == lastY { continue }
      switch count {
      case 0: w.byte(UInt8(ascii: "M"))
      case 1: w.byte(UInt8(ascii: "L"))
      default: if px >= -0.05 { w.byte(0x20) }
      }
      w.number(px)
      if py >= -0.05 { w.byte(0x20) }
      w.number(py)
      lastX = qx
      lastY = qy
      count += 1
    }
  }
}
