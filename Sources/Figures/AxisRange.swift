/// Automatic axis ranges: the data's extent with a margin on each side.
public enum AxisRange {
  /// [min − p·s, max + p·s] where s = max − min and p = `padding` (default 4 %). A range of a
  /// single value v becomes [v − 1, v + 1] for v = 0 and [v − |v|/10, v + |v|/10] otherwise.
  public static func padded(
    _ extent: ClosedRange<Double>, padding: Double = 0.04
  ) -> ClosedRange<Double> {
    let span = extent.upperBound - extent.lowerBound
    if span > 0 {
      let lo = extent.lowerBound - padding * span
      let hi = extent.upperBound + padding * span
      // Near the largest doubles the padding would overflow: keep the extent itself.
      return lo.isFinite && hi.isFinite ? lo...hi : extent
    }
    let v = extent.lowerBound
    let half = v == 0 ? 1 : abs(v) / 10
    return (v - half)...(v + half)
  }

  /// The smallest range holding every finite value, or nil if none is finite.
  static func extent<S: Sequence>(of values: S) -> ClosedRange<Double>? where S.Element == Double {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    return lo <= hi ? lo...hi : nil
  }

  static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
    guard let a else { return b }
    guard let b else { return a }
    return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
  }
}
