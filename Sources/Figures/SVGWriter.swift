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
