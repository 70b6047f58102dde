extension PlotGrid {
  /// Line and scatter panels with one legend at the top.
  func renderPlots(_ charts: [XYChart], idPrefix: String?) throws -> String {
    guard !charts.isEmpty else { throw PlotError.nothingToDraw(plot: title) }
    let panels = try charts.map { try $0.inAxisUnits() }
    var ranges: [(x: ClosedRange<Double>, y: ClosedRange<Double>)] = []
    for panel in panels { ranges.append(try panel.ranges()) }
    let sharedX = ranges.dropFirst().reduce(ranges[0].x) { AxisRange.union($0, $1.x)! }
    let sharedY = ranges.dropFirst().reduce(ranges[0].y) { AxisRange.union($0, $1.y)! }

    // One colour per series name, in order of first appearance.
    var colourOf: [String: Int] = [:]
    var entries: [Legend.Entry] = []
    for panel in panels {
      for s in panel.series where colourOf[s.name] == nil {
        colourOf[s.name] = entries.count
        entries.append(Legend.Entry(name: s.name, mark: s.mark, index: entries.count))
      }
    }
    let legend = Legend(entries: entries.filter { !$0.name.isEmpty })

    let rows = (panels.count + columns - 1) / columns
    let size = self.size ?? PlotSize(width: 640, height: Double(rows) * 230 + 70)
    let xLabel = panels.first { !$0.xLabel.isEmpty }?.xLabel ?? ""
    let yLabel = panels.first { !$0.yLabel.isEmpty }?.yLabel ?? ""
    let panelTitles = panels.contains { !$0.title.isEmpty }

    var top = 8.0 + (title.isEmpty ? 0 : 24)
    let legendTop = top
    let legendHeight = legend.height(width: size.width - 32)
    top += legendHeight + (legendHeight > 0 ? 4 : 0)
    let outerLeft = 10.0 + (yLabel.isEmpty ? 0 : 22)
    let outerBottom = 8.0 + (xLabel.isEmpty ? 0 : 22)
    let titleBand = panelTitles ? 22.0 : 8.0
    let gap = 14.0
    let xBand = Panel.xTickBand
    let xBands = sharing.sharesX ? 1.0 : Double(rows)
    let frameHeight = max(
      40,
      (size.height - top - outerBottom - xBands * xBand - Double(rows) * titleBand
        - Double(rows - 1) * (sharing.sharesX ? 10 : gap)) / Double(rows))
    let yTarget = max(2, Int(frameHeight / 45))
    func yAxis(_ i: Int) -> Axis {
      Axis(
        range: sharing.sharesY ? sharedY : ranges[i].y, target: yTarget,
        scale: sharing.sharesY ? panels[0].yScale : panels[i].yScale)
    }
    let yBand = (0..<panels.count).map { Panel.yTickBand(yAxis($0).labels) }.max()!
    let yBands = sharing.sharesY ? 1.0 : Double(columns)
    let frameWidth = max(
      40,
      (size.width - outerLeft - 12 - yBands * yBand - Double(columns - 1) * gap)
        / Double(columns))
    let xTarget = max(2, Int(frameWidth / 80))

    var layouts: [Panel] = []
    for i in panels.indices {
      let row = i / columns
      let column = i % columns
      let x =
        outerLeft + yBand + Double(column)
        * (frameWidth + gap
          + (sharing.sharesY ? 0 : yBand))
      let y =
        top + titleBand + Double(row)
        * (frameHeight + titleBand
          + (sharing.sharesX ? 10 : gap + xBand))
      let frame = Rect(x: x, y: y, width: frameWidth, height: frameHeight)
      let xAxis = Axis(
        range: sharing.sharesX ? sharedX : ranges[i].x, target: xTarget,
        scale: sharing.sharesX ? panels[0].xScale : panels[i].xScale)
      let lastInColumn = i + columns >= panels.count
      var panel = Panel(frame: frame, x: xAxis, y: yAxis(i))
      panel.xTickLabels = !sharing.sharesX || lastInColumn
      panel.yTickLabels = !sharing.sharesY || column == 0
      layouts.append(panel)
    }

    let desc = summary ?? describe(charts, x: sharedX, y: sharedY, rows: rows)
    let fullTitle = title.isEmpty ? "Grid of \(panels.count) plots" : title
    let points = panels.reduce(0) { $0 + $1.series.reduce(0) { $0 + $1.xs.count } }
    return SVGDocument.render(
      idPrefix: idPrefix, size: size, title: fullTitle, description: desc,
      capacity: 4096 + points * 14
    ) { w, prefix in
      Label.title(&w, title, width: size.width)
      legend.draw(&w, left: 16, top: legendTop, width: size.width - 32)
      for (i, panel) in layouts.enumerated() {
        let chart = panels[i]
        Label.centred(
          &w, chart.title, x: panel.frame.x + panel.frame.width / 2, y: panel.frame.y - 7,
          fontSize: SVGDocument.fontSize)
        let clipID = "\(prefix)-clip\(i + 1)"
        chart.drawPanel(&w, panel: panel, clipID: clipID) { _, s in colourOf[s.name]! }
      }
      let first = layouts[0].frame
      let last = layouts[min(columns, panels.count) - 1].frame
      let bottomFrame = layouts[panels.count - 1].frame
      Label.centred(
        &w, xLabel, x: (first.x + last.maxX) / 2, y: size.height - 10,
        fontSize: SVGDocument.fontSize)
      Label.centred(
        &w, yLabel, x: 18, y: (first.y + bottomFrame.maxY) / 2, fontSize: SVGDocument.fontSize,
        rotated: true)
    }
  }

  func describe(_ panels: [XYChart], x: ClosedRange<Double>, y: ClosedRange<Double>, rows: Int)
    -> String
  {
    let names = panels.enumerated().map { i, p in p.title.isEmpty ? "panel \(i + 1)" : p.title }
    var text = "Grid of \(panels.count) plots in \(rows) rows and \(columns) columns: "
    text += names.joined(separator: ", ") + "."
    let first = panels[0]
    if sharing.sharesX {
      text += " " + XYChart.axisSentence("shared x", first.xLabel, x, first.xScale)
    }
    if sharing.sharesY {
      text += " " + XYChart.axisSentence("shared y", first.yLabel, y, first.yScale)
    }
    return text
  }
}
