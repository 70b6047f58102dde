import Foundation

/// "Nice" axis ticks: multiples of a step 1, 2 or 5 × 10^k chosen so that about `target`
/// intervals cover the range.
public enum NiceTicks {
  /// The nice step for `span` split into about `target` intervals: with
  /// raw = span / target = f × 10^k (1 ≤ f < 10), the step is m × 10^k with m the one of
  /// 1, 2, 5, 10 nearest to f in ratio: 1 for f < √2, 2 for f < √10, 5 for f < √50, else 10.
  public static func step(span: Double, target: Int) -> Double {
    precondition(span > 0 && span.isFinite, "span must be positive and finite, got \(span)")
    precondition(target >= 1, "target must be at least 1, got \(target)")
    return niceStep(span: span, target: target).value
  }

  /// The multiples of the nice step that lie in `range` (with a relative tolerance of 1e-9 of
  /// the step at both ends), in increasing order. A single-point range gives that point.
  public static func ticks(in range: ClosedRange<Double>, target: Int = 5) -> [Double] {
    precondition(
      range.lowerBound.isFinite && range.upperBound.isFinite,
      "range must be finite, got \(range)")
    let span = range.upperBound - range.lowerBound
    guard span > 0 else { return [range.lowerBound] }
    // Beyond what doubles can step through (a span that overflows, or steps too fine for the
    // magnitude), the ends are the only honest ticks.
    guard span.isFinite else { return [range.lowerBound, range.upperBound] }
    let step = niceStep(span: span, target: target)
    let first = (range.lowerBound / step.value - 1e-9).rounded(.up)
    let last = (range.upperBound / step.value + 1e-9).rounded(.down)
    guard max(abs(first), abs(last)) < 1e15 else { return [range.lowerBound, range.upperBound] }
    guard first <= last else { return [] }
    var ticks: [Double] = []
    var i = first
    while i <= last {
      ticks.append(step.multiple(i))
      i += 1
    }
    return ticks
  }

  /// A step m × 10^exponent, with m in {1, 2, 5}.
  struct Step {
    var mantissa: Double
    var exponent: Int

    var value: Double { exponent >= 0 ? mantissa * pow10(exponent) : mantissa / pow10(-exponent) }

    /// i × step, computed so that e.g. 3 × 0.1 is the double nearest to 0.3.
    func multiple(_ i: Double) -> Double {
      let whole = i * mantissa
      let result = exponent >= 0 ? whole * pow10(exponent) : whole / pow10(-exponent)
      return result == 0 ? 0 : result  // no -0
    }
  }

  static func niceStep(span: Double, target: Int) -> Step {
    let raw = span / Double(max(target, 1))
    var exponent = Int(log10(raw).rounded(.down))
    var fraction = raw / Step(mantissa: 1, exponent: exponent).value
    if fraction >= 10 {  // rounding in log10
      exponent += 1
      fraction /= 10
    } else if fraction < 1 {
      exponent -= 1
      fraction *= 10
    }
    let mantissa: Double
    switch fraction {
    case ..<1.4142135623730951: mantissa = 1
    case ..<3.1622776601683795: mantissa = 2
    case ..<7.0710678118654755: mantissa = 5
    default:
      mantissa = 1
      exponent += 1
    }
    return Step(mantissa: mantissa, exponent: exponent)
  }

  /// 10ⁿ for any n (negative too), exact for |n| ≤ 22.
  static func pow10Signed(_ n: Int) -> Double { n >= 0 ? pow10(n) : 1 / pow10(-n) }

  static func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<n { result *= 10 }
    return result
  }
}
