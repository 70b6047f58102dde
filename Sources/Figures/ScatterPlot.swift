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
  public var chart: XYChart

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
}
