import Foundation

/// How data values are placed along an axis.
public enum AxisScale: Sendable, Equatable {
  /// Equal distances for equal differences.
  case linear
  /// Equal distances for equal ratios (base 10): position ∝ log₁₀ v. Values v ≤ 0 cannot be
  /// placed and leave gaps, like NaN.
  case log

  /// The position of `v` along the axis in this scale's units (log₁₀ v for `.log`).
  func forward(_ v: Double) -> Double {
    switch self {
    case .linear: return v
    case .log: return v > 0 ? log10(v) : .nan
    }
  }
}

extension Axis {
  /// Ticks for a logarithmic axis whose `range` is in decades (log₁₀ of the values): every
  /// decade (or every 2nd, 5th, … when there are many), or 1-2-5 within decades when the range
  /// spans less than about two decades.
  static func logTicks(range: ClosedRange<Double>, target: Int) -> (
    ticks: [Double], labels: [String]
  ) {
    let span = range.upperBound - range.lowerBound
    if span >= 2 || !span.isFinite {
      let decades = NiceTicks.ticks(in: range, target: target).filter { $0 == $0.rounded() }
      if decades.count >= 2 { return (decades, decades.map { decadeLabel(Int($0)) }) }
    }
    var ticks: [Double] = []
    var labels: [String] = []
    let first = Int(range.lowerBound.rounded(.down))
    let last = Int(range.upperBound.rounded(.up))
    if first <= last && last - first < 40 {
      for k in first...last {
        for m in [1.0, 2, 5] {
          let t = log10(m) + Double(k)
          guard t >= range.lowerBound - 1e-9 && t <= range.upperBound + 1e-9 else { continue }
          ticks.append(t)
          labels.append(m == 1 ? decadeLabel(k) : multipleLabel(m, k))
        }
      }
    }
    if ticks.count >= 2 { return (ticks, labels) }
    // Less than a factor of two: nice ticks on the values themselves.
    let values = (pow(10, range.lowerBound))...(pow(10, range.upperBound))
    let linear = NiceTicks.ticks(in: values, target: target).filter { $0 > 0 }
    let texts = TickLabel.labels(for: linear, range: values, target: target)
    return (linear.map { log10($0) }, texts)
  }

  /// 10ᵏ: plainly for −3 ≤ k ≤ 4 ("0.001" … "10000"), else as "10ᵏ".
  static func decadeLabel(_ k: Int) -> String {
    guard (-3...4).contains(k) else { return "10" + TickLabel.superscript(k) }
    return TickLabel.format(NiceTicks.pow10Signed(k), decimals: max(0, -k))
  }

  /// m × 10ᵏ: plainly for −3 ≤ k ≤ 4, else as "m×10ᵏ".
  static func multipleLabel(_ m: Double, _ k: Int) -> String {
    guard (-3...4).contains(k) else {
      return TickLabel.format(m, decimals: 0) + "×10" + TickLabel.superscript(k)
    }
    let value = k >= 0 ? m * NiceTicks.pow10(k) : m / NiceTicks.pow10(-k)
    return TickLabel.format(value, decimals: max(0, -k))
  }
}
