/// Accumulates the UTF-8 bytes of an SVG document. Numbers are written with a fixed number of
/// decimals, trailing zeros dropped and never as "-0", so the output is the same byte for byte
/// on every platform.
struct SVGWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 4096) {
    bytes.reserveCapacity(capacity)
  }

  var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Appends markup verbatim (the caller guarantees it is well-formed).
  mutating func raw(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  mutating func byte(_ b: UInt8) {
    bytes.append(b)
  }

  mutating func append(contentsOf data: [UInt8]) {
    bytes.append(contentsOf: data)
  }

  /// Appends character data with `&`, `<`, `>`, `"` escaped and control characters (which XML
  /// forbids) dropped.
  mutating func text(_ text: String) {
    for b in text.utf8 {
      switch b {
      case UInt8(ascii: "&"): raw("&amp;")
      case UInt8(ascii: "<"): raw("&lt;")
      case UInt8(ascii: ">"): raw("&gt;")
      case UInt8(ascii: "\""): raw("&quot;")
      case 0x09, 0x0A: bytes.append(b)
      case 0..<0x20, 0x7F: continue
      default: bytes.append(b)
      }
    }
  }

  /// Appends `x` rounded to `decimals` (0…6) places.
  mutating func number(_ x: Double, decimals: Int = 1) {
    Fixed.append(x, decimals: decimals, to: &bytes)
  }

  /// Appends ` name="value"` with `value` escaped.
  mutating func attribute(_ name: String, _ value: String) {
    bytes.append(0x20)
    raw(name)
    raw("=\"")
    text(value)
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends ` name="number"`.
  mutating func attribute(_ name: String, _ value: Double, decimals: Int = 1) {
    bytes.append(0x20)
    raw(name)
    raw("=\"")
    number(value, decimals: decimals)
    bytes.append(UInt8(ascii: "\""))
  }
}

/// Fixed-point decimal formatting without Foundation: round half away from zero at `decimals`
/// places, drop trailing zeros, print zero as "0" (never "-0").
enum Fixed {
  private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
  private static let divisors: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

  static func format(_ x: Double, decimals: Int) -> String {
    var out: [UInt8] = []
    append(x, decimals: decimals, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func append(_ x: Double, decimals: Int, to out: inout [UInt8]) {
    precondition((0...6).contains(decimals), "decimals must be in 0...6, got \(decimals)")
    guard x.isFinite else {
      out.append(UInt8(ascii: "0"))
      return
    }
    let scaled = (x * scales[decimals]).rounded(.toNearestOrAwayFromZero)
    guard abs(scaled) < 9e15 else {
      // Far outside any drawing; clamp rather than trap.
      appendInteger(x < 0 ? -9_000_000_000_000 : 9_000_000_000_000, to: &out)
      return
    }
    var n = Int64(scaled)
    if n == 0 {
      out.append(UInt8(ascii: "0"))
      return
    }
    if n < 0 {
      out.append(UInt8(ascii: "-"))
      n = -n
    }
    let divisor = divisors[decimals]
    appendInteger(n / divisor, to: &out)
    var fraction = n % divisor
    guard fraction != 0 else { return }
    var digits = decimals
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    out.append(UInt8(ascii: "."))
    let start = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
    var i = start + digits - 1
    while fraction > 0 {
      out[i] = UInt8(ascii: "0") + UInt8(fraction % 10)
      fraction /= 10
      i -= 1
    }
  }

  private static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
    var n = value
    if n < 0 {
      out.append(UInt8(ascii: "-"))
      n = -n
    }
    if n < 10 {
      out.append(UInt8(ascii: "0") + UInt8(n))
      return
    }
    let start = out.count
    while n > 0 {
      out.append(UInt8(ascii: "0") + UInt8(n % 10))
      n /= 10
    }
    out[start...].reverse()
  }
}
