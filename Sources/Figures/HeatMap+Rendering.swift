extension HeatMap {
  func render(idPrefix: String?) throws -> String {
    let (columns, rows, extent) = try validated()
    let colourRange =
      valueRange
      ?? (extent.lowerBound < extent.upperBound
        ? extent : AxisRange.padded(extent))
    let levels = contourLevels(extent)
    let width = size.width
    let height = size.height

    var top = 8.0 + (title.isEmpty ? 0 : 24) + 10
    let bottom = height - 8 - Panel.xTickBand - (xLabel.isEmpty ? 0 : 22)
    let yAxis = Axis(range: y, target: max(2, Int((bottom - top) / 55)))
    let barAxis = Axis(range: colourRange, target: max(2, Int((bottom - top) / 55)))
    let left = 10 + Panel.yTickBand(yAxis.labels) + (yLabel.isEmpty ? 0 : 22)
    let barWidth = 14.0
    let barBand = 18 + barWidth + Panel.yTickBand(barAxis.labels) + (valueLabel.isEmpty ? 0 : 24)
    let frame = Rect(
      x: left, y: top, width: max(40, width - left - barBand - 12), height: max(40, bottom - top))
    top = frame.y
    let xAxis = Axis(range: x, target: max(2, Int(frame.width / 90)))
    let panel = Panel(frame: frame, x: xAxis, y: yAxis, grid: false)
    let bar = Rect(x: frame.maxX + 18, y: frame.y, width: barWidth, height: frame.height)

    let desc = summary ?? describe(columns: columns, rows: rows, extent: extent, levels: levels)
    return SVGDocument.render(
      idPrefix: idPrefix, size: size, title: title.isEmpty ? "Heat map" : title,
      description: desc, capacity: 4096 + rows * (columns + 1) * 4 / 3 + 4096
    ) { w, _ in
      Label.title(&w, title, width: width)
      drawMap(&w, panel: panel, colourRange: colourRange, levels: levels)
      drawColourBar(&w, bar: bar, axis: barAxis, levels: levels)
      Label.centred(
        &w, xLabel, x: frame.x + frame.width / 2, y: height - 10, fontSize: SVGDocument.fontSize)
      Label.centred(
        &w, yLabel, x: 18, y: frame.y + frame.height / 2, fontSize: SVGDocument.fontSize,
        rotated: true)
      Label.centred(
        &w, valueLabel, x: width - 16, y: frame.y + frame.height / 2,
        fontSize: SVGDocument.fontSize, rotated: true)
    }
  }

  /// The image, the contour lines, the axes and the tick labels of `panel`.
  func drawMap(
    _ w: inout SVGWriter, panel: Panel, colourRange: ClosedRange<Double>, levels: [Double]
  ) {
    let rows = values.count
    let columns = values.first?.count ?? 0
    let lo = colourRange.lowerBound
    let scale = Double(ColorRamp.levels - 1) / (colourRange.upperBound - colourRange.lowerBound)
    var indices = [UInt8](repeating: 0, count: rows * columns)
    for r in 0..<rows {
      let row = values[rows - 1 - r]  // PNG rows run top-down
      for c in 0..<columns {
        indices[r * columns + c] = ColorRamp.index(row[c], lo: lo, scale: scale)
      }
    }
    // Coarse grids show their cells; finer ones (samples of a smooth function, usually) are
    // left to the viewer's smooth image scaling.
    let pixelated = columns < 24 || rows < 24
    drawImage(
      &w, frame: panel.frame, columns: columns, rows: rows, indices: indices,
      pixelated: pixelated)
    drawContours(&w, panel: panel, columns: columns, rows: rows, levels: levels)
    drawMarks(&w, panel: panel)
    panel.drawAxes(&w)
    panel.drawTickLabels(&w)
  }

  func describe(columns: Int, rows: Int, extent: ClosedRange<Double>, levels: [Double]) -> String {
    let f = TickLabel.scientific
    var text = "Heat map of a \(columns) × \(rows) grid"
    if !valueLabel.isEmpty { text += " of \(valueLabel)" }
    text += " over \(xLabel.isEmpty ? "x" : xLabel) from \(f(x.lowerBound)) to \(f(x.upperBound))"
    text += " and \(yLabel.isEmpty ? "y" : yLabel) from \(f(y.lowerBound)) to \(f(y.upperBound))."
    text += " Values range from \(f(extent.lowerBound)) to \(f(extent.upperBound))."
    let missing = values.reduce(0) { $0 + $1.filter { !$0.isFinite }.count }
    if missing > 0 { text += " \(missing) cells have no value." }
    if !levels.isEmpty {
      text += " Contour lines at \(levels.map(f).joined(separator: ", "))."
    }
    return text + marksSentence
  }

  /// " 40 points marked (data)." for each set of marks, or nothing.
  var marksSentence: String {
    marks.map { mark in
      " \(mark.xs.count) points marked" + (mark.name.isEmpty ? "." : " (\(mark.name)).")
    }.joined()
  }

  /// The marked points inside the map's ranges: a dark dot under a smaller white one.
  private func drawMarks(_ w: inout SVGWriter, panel: Panel) {
    for mark in marks {
      let inside = zip(mark.xs, mark.ys).filter { x.contains($0) && y.contains($1) }
      guard !inside.isEmpty else { continue }
      for (colour, width) in [("#1B1B1F", 8.0), ("#FFFFFF", 5.0)] {
        w.raw("<path class=\"points\" fill=\"none\" stroke=\"\(colour)\"")
        w.attribute("stroke-width", width)
        w.raw(" stroke-linecap=\"round\" d=\"")
        for (px, py) in inside {
          Series.appendMarker(&w, .circle, x: panel.xMap(px), y: panel.yMap(py))
        }
        w.raw("\"/>\n")
      }
    }
  }

  private func drawImage(
    _ w: inout SVGWriter, frame: Rect, columns: Int, rows: Int, indices: [UInt8],
    pixelated: Bool
  ) {
    let png = PNGEncoder.palettePNG(
      width: columns, height: rows, indices: indices, palette: ColorRamp.palette,
      transparentIndex: ColorRamp.levels)
    w.raw("<image")
    w.attribute("x", frame.x)
    w.attribute("y", frame.y)
    w.attribute("width", frame.width)
    w.attribute("height", frame.height)
    w.raw(" preserveAspectRatio=\"none\"")
    if pixelated { w.raw(" style=\"image-rendering:pixelated\"") }
    w.raw(" href=\"data:image/png;base64,")
    Base64.append(png, to: &w)
    w.raw("\"/>\n")
  }

  /// Contour lines: nodes are cell centres, so grid coordinate (i, j) maps to the centre of
  /// column i, row j.
  private func drawContours(
    _ w: inout SVGWriter, panel: Panel, columns: Int, rows: Int, levels: [Double]
  ) {
    guard !levels.isEmpty else { return }
    let dx = (x.upperBound - x.lowerBound) / Double(columns)
    let dy = (y.upperBound - y.lowerBound) / Double(rows)
    let xm = panel.xMap
    let ym = panel.yMap
    w.raw("<path class=\"contour\" fill=\"none\" stroke=\"#000000\" stroke-opacity=\"0.6\"")
    w.raw(" stroke-width=\"1\" stroke-linejoin=\"round\" d=\"")
    for level in levels {
      for line in MarchingSquares.contour(values, level: level) {
        var series = Series(name: "", xs: [], ys: [], mark: .line(.solid))
        series.xs = line.map { x.lowerBound + ($0.x + 0.5) * dx }
        series.ys = line.map { y.lowerBound + ($0.y + 0.5) * dy }
        series.appendPolyline(&w, xMap: xm, yMap: ym)
      }
    }
    w.raw("\"/>\n")
  }

  func drawColourBar(_ w: inout SVGWriter, bar: Rect, axis: Axis, levels: [Double]) {
    let n = ColorRamp.levels
    let png = PNGEncoder.palettePNG(
      width: 1, height: n, indices: (0..<n).map { UInt8(n - 1 - $0) }, palette: ColorRamp.palette,
      transparentIndex: nil)
    w.raw("<image")
    w.attribute("x", bar.x)
    w.attribute("y", bar.y)
    w.attribute("width", bar.width)
    w.attribute("height", bar.height)
    w.raw(" preserveAspectRatio=\"none\" href=\"data:image/png;base64,")
    Base64.append(png, to: &w)
    w.raw("\"/>\n")
    let map = axis.scale(from: bar.maxY, to: bar.y)
    w.raw(
      "<path class=\"ax\" stroke=\"\(Palette.axisLight)\" stroke-width=\"1\" fill=\"none\" d=\"M")
    w.number(bar.x)
    w.byte(0x20)
    w.number(bar.y)
    w.byte(UInt8(ascii: "h"))
    w.number(bar.width)
    w.byte(UInt8(ascii: "V"))
    w.number(bar.maxY)
    w.byte(UInt8(ascii: "H"))
    w.number(bar.x)
    w.byte(UInt8(ascii: "z"))
    for t in axis.ticks {
      w.byte(UInt8(ascii: "M"))
      w.number(bar.maxX)
      w.byte(0x20)
      w.number(map(t))
      w.raw("h5")
    }
    w.raw("\"/>\n")
    let inside = levels.filter { axis.range.contains($0) }
    if !inside.isEmpty {
      w.raw(
        "<path class=\"contour\" stroke=\"#000000\" stroke-opacity=\"0.6\" stroke-width=\"1\" d=\"")
      for level in inside {
        w.byte(UInt8(ascii: "M"))
        w.number(bar.x)
        w.byte(0x20)
        w.number(map(level))
        w.byte(UInt8(ascii: "h"))
        w.number(bar.width)
      }
      w.raw("\"/>\n")
    }
    w.raw("<g class=\"tx\" fill=\"\(Palette.textLight)\" font-size=\"13\">")
    for (t, label) in zip(axis.ticks, axis.labels) {
      w.raw("<text")
      w.attribute("x", bar.maxX + Panel.tickLength + Panel.labelGap)
      w.attribute("y", map(t) + 0.35 * SVGDocument.tickFontSize)
      w.byte(UInt8(ascii: ">"))
      w.text(label)
      w.raw("</text>")
    }
    w.raw("</g>\n")
  }
}
