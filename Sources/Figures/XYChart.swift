import Foundation

/// The description shared by line and scatter plots: labels, series and optional fixed
/// ranges. Build one through `LinePlot` or `ScatterPlot`; `PlotGrid` lays several out.
public struct XYChart: Sendable {
  var kind: String
  var title: String
  var xLabel: String
  var yLabel: String
  var series: [Series] = []
  var xRange: ClosedRange<Double>?
  var yRange: ClosedRange<Double>?
  var size: PlotSize
  var summary: String?
  var xScale: AxisScale = .linear
  var yScale: AxisScale = .linear
  var rules: [ReferenceLine] = []

  /// The chart in axis units: series and explicit ranges passed through the axis scales
  /// (log₁₀ for `.log`, where values ≤ 0 become NaN and so leave gaps).
  func inAxisUnits() throws -> XYChart {
    guard xScale != .linear || yScale != .linear else { return self }
    for (range, scale, axis) in [(xRange, xScale, "x"), (yRange, yScale, "y")] {
      if let range, scale == .log, !(range.lowerBound > 0 && range.upperBound.isFinite) {
        throw PlotError.invalidRange(plot: title, axis: axis)
      }
    }
    var copy = self
    copy.series = series.map { s in
      var t = s
      if xScale != .linear { t.xs = s.xs.map(xScale.forward) }
      if yScale != .linear { t.ys = s.ys.map(yScale.forward) }
      return t
    }
    copy.xRange = xRange.map { xScale.forward($0.lowerBound)...xScale.forward($0.upperBound) }
    copy.yRange = yRange.map { yScale.forward($0.lowerBound)...yScale.forward($0.upperBound) }
    copy.rules = rules.map { rule in
      var r = rule
      r.value = (rule.axis == .x ? xScale : yScale).forward(rule.value)
      return r
    }
    return copy
  }

  /// The axis ranges: explicit ones, or the padded extent of every finite point.
  func ranges() throws -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    guard !series.isEmpty else { throw PlotError.nothingToDraw(plot: title) }
    var xExtent: ClosedRange<Double>?
    var yExtent: ClosedRange<Double>?
    for s in series {
      let extent = try s.validated(plot: title)
      xExtent = AxisRange.union(xExtent, extent.x)
      yExtent = AxisRange.union(yExtent, extent.y)
    }
    // Reference lines are kept in view.
    for rule in rules where rule.value.isFinite {
      if rule.axis == .x {
        xExtent = AxisRange.union(xExtent, rule.value...rule.value)
      } else {
        yExtent = AxisRange.union(yExtent, rule.value...rule.value)
      }
    }
    for (range, axis) in [(xRange, "x"), (yRange, "y")] {
      if let range,
        !(range.lowerBound.isFinite && range.upperBound.isFinite
          && range.lowerBound < range.upperBound)
      {
        throw PlotError.invalidRange(plot: title, axis: axis)
      }
    }
    return (xRange ?? AxisRange.padded(xExtent!), yRange ?? AxisRange.padded(yExtent!))
  }

  var legend: Legend {
    let named = series.enumerated().filter { !$0.element.name.isEmpty }
    guard series.count > 1 || !named.isEmpty else { return Legend(entries: []) }
    return Legend(
      entries: named.map {
        Legend.Entry(name: $0.element.name, mark: $0.element.mark, index: $0.offset)
      })
  }

  /// The text of `<desc>`: what is plotted and over which ranges.
  func describe(x: ClosedRange<Double>, y: ClosedRange<Double>) -> String {
    if let summary { return summary }
    let names = series.map { s in
      (s.name.isEmpty ? "unnamed" : s.name) + " (\(s.xs.count) points)"
    }
    let xData = AxisRange.extent(of: series.lazy.flatMap(\.xs)) ?? x
    let yData = AxisRange.extent(of: series.lazy.flatMap(\.ys)) ?? y
    return "\(kind) of \(series.count) series: \(names.joined(separator: ", ")). "
      + Self.dataSentence("x", xLabel, xData, xScale) + " "
      + Self.dataSentence("y", yLabel, yData, yScale)
  }

  static func dataSentence(
    _ name: String, _ label: String, _ range: ClosedRange<Double>, _ scale: AxisScale = .linear
  ) -> String {
    let shown =
      (label.isEmpty ? "" : " (\(label))") + (scale == .log ? " on a logarithmic axis" : "")
    let lo = TickLabel.scientific(range.lowerBound)
    let hi = TickLabel.scientific(range.upperBound)
    return "The \(name) values\(shown) range from \(lo) to \(hi)."
  }

  /// "The x axis (label) runs from lo to hi.", with `range` in axis units.
  static func axisSentence(
    _ name: String, _ label: String, _ range: ClosedRange<Double>, _ scale: AxisScale = .linear
  ) -> String {
    let shown = label.isEmpty ? "" : " (\(label))"
    let bounds =
      scale == .log
      ? [range.lowerBound, range.upperBound].map { pow(10, $0) }
      : [range.lowerBound, range.upperBound]
    let (lo, hi) = (TickLabel.scientific(bounds[0]), TickLabel.scientific(bounds[1]))
    let kind = scale == .log ? " logarithmic" : ""
    return "The\(kind) \(name) axis\(shown) runs from \(lo) to \(hi)."
  }

  /// Tick count targets for a frame: about one x tick per 90 units, one y tick per 55.
  static func tickTargets(_ frame: Rect) -> (x: Int, y: Int) {
    (max(2, Int(frame.width / 90)), max(2, Int(frame.height / 55)))
  }

  func render(idPrefix: String?) throws -> String {
    let scaled = try inAxisUnits()
    let (xr, yr) = try scaled.ranges()
    let width = size.width
    let height = size.height
    let legend = self.legend
    var top = 8.0
    if !title.isEmpty { top += 24 }
    let legendTop = top
    let legendHeight = legend.height(width: width - 32)
    top += legendHeight + (legendHeight > 0 ? 4 : 0) + 8
    let bottom = height - 8 - Panel.xTickBand - (xLabel.isEmpty ? 0 : 22)
    // The y ticks depend only on the frame height, so find them before the left margin.
    let yTarget = max(2, Int((bottom - top) / 55))
    let yAxis = Axis(range: yr, target: yTarget, scale: yScale)
    let left = 10 + Panel.yTickBand(yAxis.labels) + (yLabel.isEmpty ? 0 : 22)
    var frame = Rect(x: left, y: top, width: width - left - 20, height: bottom - top)
    frame.width = max(frame.width, 40)
    frame.height = max(frame.height, 40)
    let xAxis = Axis(range: xr, target: Self.tickTargets(frame).x, scale: xScale)
    let panel = Panel(frame: frame, x: xAxis, y: yAxis)
    let desc = describe(x: xr, y: yr)
    let points = series.reduce(0) { $0 + $1.xs.count }
    return SVGDocument.render(
      idPrefix: idPrefix, size: size, title: title.isEmpty ? kind : title, description: desc,
      capacity: 2048 + points * 14
    ) { w, prefix in
      Label.title(&w, title, width: width)
      legend.draw(&w, left: 16, top: legendTop, width: width - 32)
      scaled.drawPanel(&w, panel: panel, clipID: "\(prefix)-clip")
      Label.centred(
        &w, xLabel, x: frame.x + frame.width / 2, y: height - 10, fontSize: SVGDocument.fontSize)
      Label.centred(
        &w, yLabel, x: 18, y: frame.y + frame.height / 2, fontSize: SVGDocument.fontSize,
        rotated: true)
    }
  }

  /// Grid and axes, then reference lines and series clipped to the frame, then the tick
  /// labels. `colour` gives each series' palette index (its position, unless a grid says).
  func drawPanel(
    _ w: inout SVGWriter, panel: Panel, clipID: String, colour: ((Int, Series) -> Int)? = nil
  ) {
    panel.drawClipPath(&w, id: clipID)
    panel.drawAxes(&w)
    w.raw("<g clip-path=\"url(#\(clipID))\">\n")
    for rule in rules { rule.draw(&w, panel: panel) }
    let xm = panel.xMap
    let ym = panel.yMap
    for (i, s) in series.enumerated() {
      s.draw(&w, index: colour?(i, s) ?? i, xMap: xm, yMap: ym)
    }
    w.raw("</g>\n")
    panel.drawTickLabels(&w)
  }
}

/// A plot made of an `XYChart`: `LinePlot` and `ScatterPlot`, the panels of a `PlotGrid`.
public protocol XYPlot: SVGRenderable {
  /// The description this plot draws.
  var chart: XYChart { get set }
}

/// The settings every x–y plot shares; each returns a changed copy, so calls chain.
extension XYPlot {
  /// Fixes the x axis range.
  public func xRange(_ range: ClosedRange<Double>) -> Self {
    var copy = self
    copy.chart.xRange = range
    return copy
  }

  /// Fixes the y axis range.
  public func yRange(_ range: ClosedRange<Double>) -> Self {
    var copy = self
    copy.chart.yRange = range
    return copy
  }

  /// Sets how x values are placed: `.log` for ratios (values ≤ 0 leave gaps).
  public func xScale(_ scale: AxisScale) -> Self {
    var copy = self
    copy.chart.xScale = scale
    return copy
  }

  /// Sets how y values are placed: `.log` e.g. for a loss falling over decades.
  public func yScale(_ scale: AxisScale) -> Self {
    var copy = self
    copy.chart.yScale = scale
    return copy
  }

  /// Adds a dashed vertical reference line at x = `value` (kept in view), labelled at its
  /// top: e.g. `.rule(x: 1, label: "margin m")`.
  public func rule(x value: Double, label: String = "") -> Self {
    var copy = self
    copy.chart.rules.append(ReferenceLine(axis: .x, value: value, label: label))
    return copy
  }

  /// Adds a dashed horizontal reference line at y = `value` (kept in view), labelled above
  /// its right end.
  public func rule(y value: Double, label: String = "") -> Self {
    var copy = self
    copy.chart.rules.append(ReferenceLine(axis: .y, value: value, label: label))
    return copy
  }

  /// Replaces the generated `<desc>` (which lists series and ranges) with `text`.
  public func summary(_ text: String) -> Self {
    var copy = self
    copy.chart.summary = text
    return copy
  }
}

extension XYPlot {
  /// The plot as one `<svg>` element, ids derived from its content.
  public func renderSVG() throws -> String { try chart.render(idPrefix: nil) }

  /// The same, with ids starting with `idPrefix`.
  public func renderSVG(idPrefix: String) throws -> String {
    try chart.render(idPrefix: idPrefix)
  }
}
