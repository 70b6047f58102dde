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
/// `%.6g` in the C locale is exact decimal rounding (round half to even on the binary value),
/// trailing zeros are dropped, exponent form is used when the decimal exponent is below -4 or
/// at least 6 (`1.5e-05`, `1.23457e+06`). NaN prints as `nan`, infinities as `inf` / `-inf`.
public enum NumberText {
  /// Significant digits used for every shown number.
  public static let significantDigits = 6

  /// `value` at 6 significant digits, `%.6g` style (see the type's documentation).
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    var buffer = [CChar](repeating: 0, count: 64)
    let count = withVaList([value]) { arguments in
      buffer.withUnsafeMutableBufferPointer { pointer in
        vsnprintf(pointer.baseAddress, pointer.count, "%.6g", arguments)
      }
    }
    precondition(count > 0 && count < 64, "format(_:): vsnprintf failed for value \(value)")
    return String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// An integer in plain decimal.
  public static func format(_ value: Int) -> String { String(value) }
}
