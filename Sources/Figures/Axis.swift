import Foundation

/// One axis of a panel: its range, tick positions and tick labels.
struct Axis {
  var range: ClosedRange<Double>
  var ticks: [Double]
  var labels: [String]

  /// An axis over `range`, given in the scale's units (decades for `.log`).
  init(range: ClosedRange<Double>, target: Int, scale: AxisScale = .linear) {
    self.range = range
    switch scale {
    case .linear:
      ticks = NiceTicks.ticks(in: range, target: target)
      labels = TickLabel.labels(for: ticks, range: range, target: target)
    case .log:
      (ticks, labels) = Self.logTicks(range: range, target: target)
    }
  }

  /// Maps a data value to a coordinate: `range` onto `from...to` (to may be below from).
  func scale(from: Double, to: Double) -> LinearMap {
    LinearMap(domain: range, from: from, to: to)
  }
}
