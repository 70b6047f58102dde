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
      // A narrow panel asks for few ticks, and a coarse nice step can then leave only one (−4…4
      // with a step of 5 keeps 0 alone), which gives no scale: ask for more until two show.
      var asked = target
      ticks = NiceTicks.ticks(in: range, target: asked)
      while ticks.count < 2 && range.lowerBound < range.upperBound && asked < 4 * target + 4 {
        asked += 1
        ticks = NiceTicks.ticks(in: range, target: asked)
      }
      labels = TickLabel.labels(for: ticks, range: range, target: asked)
    case .log:
      (ticks, labels) = Self.logTicks(range: range, target: target)
    }
  }

  /// Maps a data value to a coordinate: `range` onto `from...to` (to may be below from).
  func scale(from: Double, to: Double) -> LinearMap {
    LinearMap(domain: range, from: from, to: to)
  }
}
