import Foundation

/// Tick label text: fixed decimals from the tick step, a true minus sign (U+2212), and
/// scientific notation (2.5×10⁻⁶) when the numbers are very large or very small.
enum TickLabel {
  static func labels(for ticks: [Double], range: ClosedRange<Double>, target: Int) -> [String] {
    let span = range.upperBound - range.lowerBound
    let magnitude = max(abs(range.lowerBound), abs(range.upperBound))
    guard span > 0 && span.isFinite else { return ticks.map(scientific) }
    let step = NiceTicks.niceStep(span: span, target: target)
    if magnitude >= 1e6 || step.exponent < -4 {
      let exponent = Int(log10(magnitude).rounded(.down))
      let decimals = min(6, max(0, exponent - step.exponent))
      let scale = NiceTicks.Step(mantissa: 1, exponent: exponent).value
      return ticks.map { tick in
        tick == 0 ? "0" : format(tick / scale, decimals: decimals) + "×10" + superscript(exponent)
      }
    }
    let decimals = min(6, max(0, -step.exponent))
    return ticks.map { format($0, decimals: decimals) }
  }

  /// `x` as m×10ⁿ with up to three decimals of m (plainly for 0.001 ≤ |x| < 10⁶).
  static func scientific(_ x: Double) -> String {
    guard x != 0 && x.isFinite else { return "0" }
    var exponent = Int(log10(abs(x)).rounded(.down))
    if (-3..<6).contains(exponent) { return trimmed(x, decimals: max(0, 2 - exponent)) }
    // Scale in two steps so that subnormal x does not overflow 10⁻ⁿ.
    var mantissa =
      exponent < -300
      ? x * 1e300 / NiceTicks.pow10Signed(exponent + 300) : x / NiceTicks.pow10Signed(exponent)
    if abs(mantissa) >= 9.9995 {
      mantissa /= 10
      exponent += 1
    }
    return trimmed(mantissa, decimals: 3) + "×10" + superscript(exponent)
  }

  /// `x` with at most `decimals` places, trailing zeros dropped, and "−".
  static func trimmed(_ x: Double, decimals: Int) -> String {
    let text = Fixed.format(x, decimals: decimals)
    return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
  }

  /// `x` with `decimals` places kept (trailing zeros kept too, so labels line up), and "−".
  static func format(_ x: Double, decimals: Int) -> String {
    var text = Fixed.format(x, decimals: decimals)
    if decimals > 0 {
      if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        text += String(repeating: "0", count: decimals - have)
      } else {
        text += "." + String(repeating: "0", count: decimals)
      }
    }
    if text.hasPrefix("-") { text = "\u{2212}" + text.dropFirst() }
    return text
  }

  static func superscript(_ n: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    var text = n < 0 ? "⁻" : ""
    for c in String(abs(n)) { text.append(digits[Int(String(c))!]) }
    return text
  }
}
