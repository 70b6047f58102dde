/// Lines through data or sampled functions, with a legend, axis labels and a title.
///
///     let p = LinePlot(title: "Contrastive losses", xLabel: "energy gap", yLabel: "loss")
///       .function("hinge", in: -3...3) { max(0, 1 - $0) }
///       .series("log", xs: xs, ys: ys)
///     let svg = try p.renderSVG()
///
/// NaN and infinite values leave gaps in their line. Each modifier returns a new plot.
public struct LinePlot: XYPlot {
  /// The description drawn: series, labels, ranges and scales.
  public var chart: XYChart

  /// An empty plot; add lines with `series` and `function`.
  /// - Parameters:
  ///   - xRange, yRange: fixed axis ranges; nil (the default) fits the data with 4 % padding.
  public init(
    title: String = "", xLabel: String = "", yLabel: String = "", size: PlotSize = .standard,
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil
  ) {
    chart = XYChart(
      kind: "Line plot", title: title, xLabel: xLabel, yLabel: yLabel, xRange: xRange,
      yRange: yRange, size: size)
  }

  /// Adds the line through (xs[i], ys[i]) in order. Non-finite points break the line.
  /// - Parameter marker: also marks every point (e.g. `.automatic`), in the line's colour:
  ///   useful for a discrete distribution such as p(y) = e^(−βE(y)) / Z over a few y.
  public func series(
    _ name: String, xs: [Double], ys: [Double], style: LineStyle = .automatic,
    marker: Marker? = nil
  ) -> LinePlot {
    var copy = self
    let mark: Series.Mark = marker.map { .lineWithMarkers(style, $0) } ?? .line(style)
    copy.chart.series.append(Series(name: name, xs: xs, ys: ys, mark: mark))
    return copy
  }

  /// Adds the line through (i, ys[i]) for i = 0, 1, …: e.g. a loss per training step.
  public func series(
    _ name: String, ys: [Double], style: LineStyle = .automatic, marker: Marker? = nil
  ) -> LinePlot {
    series(name, xs: ys.indices.map(Double.init), ys: ys, style: style, marker: marker)
  }

  /// Adds y = f(x) sampled at `samples` evenly spaced x in `domain` (ends included).
  public func function(
    _ name: String, in domain: ClosedRange<Double>, samples: Int = 241,
    style: LineStyle = .automatic, _ f: (Double) throws -> Double
  ) rethrows -> LinePlot {
    precondition(samples >= 2, "samples must be at least 2, got \(samples)")
    let step = (domain.upperBound - domain.lowerBound) / Double(samples - 1)
    let xs = (0..<samples).map { i in
      i == samples - 1 ? domain.upperBound : domain.lowerBound + Double(i) * step
    }
    return series(name, xs: xs, ys: try xs.map(f), style: style)
  }

  /// Adds markers at (xs[i], ys[i]) on top of the lines (e.g. measured values over a curve).
  public func points(
    _ name: String, xs: [Double], ys: [Double], marker: Marker = .automatic
  ) -> LinePlot {
    var copy = self
    copy.chart.series.append(Series(name: name, xs: xs, ys: ys, mark: .points(marker)))
    return copy
  }
}
