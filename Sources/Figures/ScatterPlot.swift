/// Points as markers; each series gets its own colour and shape (circle, square, diamond,
/// triangle), so series stay apart without colour too.
///
///     let p = ScatterPlot(title: "Samples", xLabel: "x₁", yLabel: "x₂")
///       .points("positive", xs: px, ys: py)
///       .points("negative", xs: nx, ys: ny)
///
/// Points with a NaN or infinite coordinate are skipped.
public struct ScatterPlot: XYPlot {
  /// The description drawn: series, labels, ranges and scales.
  public private(set) var chart: XYChart

  /// An empty plot; add series with `points`.
  public init(
    title: String = "", xLabel: String = "", yLabel: String = "", size: PlotSize = .standard,
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil
  ) {
    chart = XYChart(
      kind: "Scatter plot", title: title, xLabel: xLabel, yLabel: yLabel, xRange: xRange,
      yRange: yRange, size: size)
  }

  /// Adds a series of markers at (xs[i], ys[i]).
  public func points(
    _ name: String, xs: [Double], ys: [Double], marker: Marker = .automatic
  ) -> ScatterPlot {
    var copy = self
    copy.chart.series.append(Series(name: name, xs: xs, ys: ys, mark: .points(marker)))
    return copy
  }

  /// Adds a line through (xs[i], ys[i]), e.g. a fitted curve or a decision boundary.
  public func line(
    _ name: String, xs: [Double], ys: [Double], style: LineStyle = .solid
  ) -> ScatterPlot {
    var copy = self
    copy.chart.series.append(Series(name: name, xs: xs, ys: ys, mark: .line(style)))
    return copy
  }

  /// Fixes the x axis range.
  public func xRange(_ range: ClosedRange<Double>) -> ScatterPlot {
    var copy = self
    copy.chart.xRange = range
    return copy
  }

  /// Sets how x values are placed: `.log` for ratios (values ≤ 0 leave gaps).
  public func xScale(_ scale: AxisScale) -> ScatterPlot {
    var copy = self
    copy.chart.xScale = scale
    return copy
  }

  /// Sets how y values are placed: `.log` e.g. for a loss falling over decades.
  public func yScale(_ scale: AxisScale) -> ScatterPlot {
    var copy = self
    copy.chart.yScale = scale
    return copy
  }

  /// Adds a dashed vertical reference line at x = `value` (kept in view), labelled at its
  /// top: e.g. `.rule(x: 1, label: "margin m")`.
  public func rule(x value: Double, label: String = "") -> ScatterPlot {
    var copy = self
    copy.chart.rules.append(ReferenceLine(axis: .x, value: value, label: label))
    return copy
  }

  /// Adds a dashed horizontal reference line at y = `value` (kept in view), labelled above
  /// its right end.
  public func rule(y value: Double, label: String = "") -> ScatterPlot {
    var copy = self
    copy.chart.rules.append(ReferenceLine(axis: .y, value: value, label: label))
    return copy
  }

  /// Fixes the y axis range.
  public func yRange(_ range: ClosedRange<Double>) -> ScatterPlot {
    var copy = self
    copy.chart.yRange = range
    return copy
  }

  /// Replaces the generated `<desc>` with `text`.
  public func summary(_ text: String) -> ScatterPlot {
    var copy = self
    copy.chart.summary = text
    return copy
  }
}
