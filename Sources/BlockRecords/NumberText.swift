#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fixed text form of numbers shown on a page: 6 significant digits, C `%.6g` rules.
///
/// The result does not depend on the build configuration, the locale or the platform:
/// `%.6g` in the C locale is exact decimal rounding of the binary value, trailing zeros are
/// dropped, exponent form is used when the decimal exponent is below -4 or at least 6
/// (`1.5e-05`, `1.23457e+06`). NaN prints as `nan`, infinities as `inf` / `-inf`.
public enum NumberText {
  /// Significant digits used for every shown number.
  public static let significantDigits = 6

  /// `value` at 6 significant digits, `%.6g` style (see the type's documentation).
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    var digits = ""
    var mantissa = 0
    var exponent = 0
    decompose(value.magnitude, mantissa: &mantissa, exponent: &exponent, digits: &digits)
    let sign = value.sign == .minus && mantissa != 0 ? "-" : ""
    if mantissa == 0 { return "0" }
    // `digits` holds 6 significant digits d0 d1 … d5; value ≈ d0.d1…d5 × 10^exponent.
    if exponent < -4 || exponent >= significantDigits {
      let body = trimmed(String(digits.prefix(1)) + "." + String(digits.dropFirst()))
      let magnitude = abs(exponent)
      let exponentText = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
      return sign + body + "e" + (exponent < 0 ? "-" : "+") + exponentText
    }
    if exponent < 0 {
      let zeros = String(repeating: "0", count: -exponent - 1)
      return sign + trimmed("0." + zeros + digits)
    }
    let whole = String(digits.prefix(exponent + 1))
    let fraction = String(digits.dropFirst(exponent + 1))
    return sign + trimmed(fraction.isEmpty ? whole : whole + "." + fraction)
  }

  /// An integer in plain decimal.
  public static func format(_ value: Int) -> String { String(value) }

  /// Splits |x| > 0 into 6 significant digits and a decimal exponent, using `%.5e` from the C
  /// library (correctly rounded on glibc and Darwin, and never locale-dependent for `e`).
  private static func decompose(
    _ magnitude: Double, mantissa: inout Int, exponent: inout Int, digits: inout String
  ) {
    if magnitude == 0 {
      mantissa = 0
      return
    }
    var buffer = [CChar](repeating: 0, count: 64)
    let count = withVaList([magnitude]) { arguments in
      buffer.withUnsafeMutableBufferPointer { pointer in
        vsnprintf(pointer.baseAddress, pointer.count, "%.5e", arguments)
      }
    }
    precondition(count > 0 && count < 64, "format(_:): vsnprintf failed for \(magnitude)")
    let text = String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // text is "d.ddddde±XX".
    let parts = text.split(separator: "e")
    digits = parts[0].replacingOccurrences(of: ".", with: "")
    exponent = Int(parts[1]) ?? 0
    mantissa = Int(digits) ?? 0
  }

  /// Drops trailing zeros of a fraction, and a trailing point.
  private static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = Substring(text)
    while result.last == "0" { result = result.dropLast() }
    if result.last == "." { result = result.dropLast() }
    return String(result)
  }
}

extension Substring {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    String(self).split(separator: Character(target), omittingEmptySubsequences: false)
      .joined(separator: replacement)
  }
}
