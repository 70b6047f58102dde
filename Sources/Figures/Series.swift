/// One named set of points, drawn as a line or as markers.
struct Series: Sendable {
  enum Mark: Sendable, Equatable {
    case line(LineStyle)
    case points(Marker)
    case lineWithMarkers(LineStyle, Marker)
  }

  var name: String
  var xs: [Double]
  var ys: [Double]
  var mark: Mark

  /// Checks lengths and that something is drawable; returns the finite extents.
  func validated(plot: String) throws -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    guard xs.count == ys.count else {
      throw PlotError.mismatchedLengths(plot: plot, series: name, xs: xs.count, ys: ys.count)
    }
    guard !xs.isEmpty else { throw PlotError.emptySeries(plot: plot, series: name) }
    var xLo = Double.infinity
    var xHi = -Double.infinity
    var yLo = Double.infinity
    var yHi = -Double.infinity
    for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
      xLo = min(xLo, x)
      xHi = max(xHi, x)
      yLo = min(yLo, y)
      yHi = max(yHi, y)
    }
    guard xLo <= xHi else { throw PlotError.noFiniteValues(plot: plot, series: name) }
    return (xLo...xHi, yLo...yHi)
  }
}
