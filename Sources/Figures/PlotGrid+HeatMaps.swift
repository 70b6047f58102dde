extension PlotGrid {
  /// Heat-map panels with one colour scale and one colour bar at the right.
  func renderHeatMaps(_ maps: [HeatMap], idPrefix: String?) throws -> String {
    guard !maps.isEmpty else { throw PlotError.nothingToDraw(plot: title) }
    var extent: ClosedRange<Double>?
    for map in maps { extent = AxisRange.union(extent, try map.validated().extent) }
    let shared = extent!
    let colourRange =
      maps[0].valueRange
      ?? (shared.lowerBound < shared.upperBound ? shared : AxisRange.padded(shared))
    let rows = (maps.count + columns - 1) / columns
    let size = self.size ?? PlotSize(width: 640, height: Double(rows) * 270 + 50)
    let xLabel = maps.first { !$0.xLabel.isEmpty }?.xLabel ?? ""
    let yLabel = maps.first { !$0.yLabel.isEmpty }?.yLabel ?? ""
    let valueLabel = maps.first { !$0.valueLabel.isEmpty }?.valueLabel ?? ""
    let panelTitles = maps.contains { !$0.title.isEmpty }

    let top = 8.0 + (title.isEmpty ? 0 : 24) + 4
    let outerLeft = 10.0 + (yLabel.isEmpty ? 0 : 22)
    let outerBottom = 8.0 + (xLabel.isEmpty ? 0 : 22)
    let titleBand = panelTitles ? 22.0 : 8.0
    // Maps fill their ranges, so tick labels sit at the frame edges: leave room between them.
    let gap = 28.0
    let xBands = sharing.sharesX ? 1.0 : Double(rows)
    let rowGap = sharing.sharesX ? 10.0 : gap
    let frameHeight = max(
      40,
      (size.height - top - outerBottom - xBands * Panel.xTickBand - Double(rows) * titleBand
        - Double(rows - 1) * rowGap) / Double(rows))
    let yTarget = max(2, Int(frameHeight / 45))
    let yBand = maps.map { Panel.yTickBand(Axis(range: $0.y, target: yTarget).labels) }.max()!
    let gridHeight =
      Double(rows) * (frameHeight + titleBand) + Double(rows - 1) * rowGap
      + (sharing.sharesX ? 0 : Double(rows - 1) * Panel.xTickBand)
    let barAxis = Axis(range: colourRange, target: max(2, Int(gridHeight / 55)))
    let barWidth = 14.0
    let barBand =
      18 + barWidth + Panel.yTickBand(barAxis.labels) + (valueLabel.isEmpty ? 0 : 24)
    let yBands = sharing.sharesY ? 1.0 : Double(columns)
    let frameWidth = max(
      40,
      (size.width - outerLeft - barBand - 8 - yBands * yBand - Double(columns - 1) * gap)
        / Double(columns))
    let xTarget = max(2, Int(frameWidth / 80))

    var layouts: [Panel] = []
    for (i, map) in maps.enumerated() {
      let row = i / columns
      let column = i % columns
      let x =
        outerLeft + yBand + Double(column) * (frameWidth + gap + (sharing.sharesY ? 0 : yBand))
      let y =
        top + titleBand + Double(row)
        * (frameHeight + titleBand + rowGap + (sharing.sharesX ? 0 : Panel.xTickBand))
      let frame = Rect(x: x, y: y, width: frameWidth, height: frameHeight)
      var panel = Panel(
        frame: frame, x: Axis(range: map.x, target: xTarget),
        y: Axis(range: map.y, target: yTarget), grid: false)
      panel.xTickLabels = !sharing.sharesX || i + columns >= maps.count
      panel.yTickLabels = !sharing.sharesY || column == 0
      layouts.append(panel)
    }
    let first = layouts[0].frame
    let lastInRow = layouts[min(columns, maps.count) - 1].frame
    let bottomFrame = layouts[maps.count - 1].frame
    let bar = Rect(
      x: lastInRow.maxX + 18, y: first.y, width: barWidth, height: bottomFrame.maxY - first.y)
    let levelSets = maps.map { $0.contourLevels(shared) }
    let allLevels = Array(Set(levelSets.joined())).sorted()

    let names = maps.enumerated().map { i, m in m.title.isEmpty ? "map \(i + 1)" : m.title }
    let f = TickLabel.scientific
    var desc = "Grid of \(maps.count) heat maps in \(rows) rows and \(columns) columns: "
    desc += names.joined(separator: ", ") + ". One colour scale for all, from "
    desc += f(colourRange.lowerBound) + " to " + f(colourRange.upperBound)
    desc += valueLabel.isEmpty ? "." : " (\(valueLabel))."
    if !allLevels.isEmpty {
      desc += " Contour lines at " + allLevels.map(f).joined(separator: ", ") + "."
    }
    for (name, map) in zip(names, maps) where !map.marks.isEmpty {
      desc += " In \(name):" + map.marksSentence
    }
    if let summary { desc = summary }
    let cells = maps.reduce(0) { $0 + $1.values.count * ($1.values.first?.count ?? 0) }
    return SVGDocument.render(
      idPrefix: idPrefix, size: size,
      title: title.isEmpty ? "Grid of \(maps.count) heat maps" : title,
      description: desc, capacity: 8192 + cells * 4 / 3
    ) { w, _ in
      Label.title(&w, title, width: size.width)
      for (i, panel) in layouts.enumerated() {
        Label.centred(
          &w, maps[i].title, x: panel.frame.x + panel.frame.width / 2, y: panel.frame.y - 7,
          fontSize: SVGDocument.fontSize)
        maps[i].drawMap(&w, panel: panel, colourRange: colourRange, levels: levelSets[i])
      }
      maps[0].drawColourBar(&w, bar: bar, axis: barAxis, levels: allLevels)
      Label.centred(
        &w, xLabel, x: (first.x + lastInRow.maxX) / 2, y: size.height - 10,
        fontSize: SVGDocument.fontSize)
      Label.centred(
        &w, yLabel, x: 18, y: (first.y + bottomFrame.maxY) / 2, fontSize: SVGDocument.fontSize,
        rotated: true)
      Label.centred(
        &w, valueLabel, x: size.width - 16, y: (first.y + bottomFrame.maxY) / 2,
        fontSize: SVGDocument.fontSize, rotated: true)
    }
  }
}
