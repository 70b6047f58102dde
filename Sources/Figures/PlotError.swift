/// Why a plot could not be drawn. Each case's description names the plot and the offending
/// input, so a block's error reads well on the page.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A series has no points at all.
  case emptySeries(plot: String, series: String)
  /// A series' `xs` and `ys` have different lengths.
  case mismatchedLengths(plot: String, series: String, xs: Int, ys: Int)
  /// Every value of a series (or of a heat map) is NaN or infinite: nothing can be drawn.
  case noFiniteValues(plot: String, series: String)
  /// A plot has no series, a grid no panels.
  case nothingToDraw(plot: String)
  /// A heat map's rows do not all have the same number of values, or it has no values.
  case irregularGrid(plot: String, detail: String)
  /// An explicit axis range is empty or not finite.
  case invalidRange(plot: String, axis: String)

  /// One line naming the plot, the series and what is wrong with it.
  public var description: String {
    switch self {
    case .emptySeries(let plot, let series):
      return "plot '\(plot)': series '\(series)' is empty"
    case .mismatchedLengths(let plot, let series, let xs, let ys):
      return "plot '\(plot)': series '\(series)' has \(xs) x values but \(ys) y values"
    case .noFiniteValues(let plot, let series):
      return "plot '\(plot)': series '\(series)' has no finite values"
    case .nothingToDraw(let plot):
      return "plot '\(plot)' has nothing to draw"
    case .irregularGrid(let plot, let detail):
      return "plot '\(plot)': \(detail)"
    case .invalidRange(let plot, let axis):
      return "plot '\(plot)': the \(axis) range must be finite and non-empty"
    }
  }
}
