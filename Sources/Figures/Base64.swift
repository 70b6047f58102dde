/// Base64 (RFC 4648, with padding) written straight into an `SVGWriter`.
enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func append(_ data: [UInt8], to w: inout SVGWriter) {
    var out: [UInt8] = []
    out.reserveCapacity((data.count + 2) / 3 * 4)
    var i = 0
    while i + 3 <= data.count {
      let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
      out.append(alphabet[Int(n >> 18)])
      out.append(alphabet[Int((n >> 12) & 63)])
      out.append(alphabet[Int((n >> 6) & 63)])
      out.append(alphabet[Int(n & 63)])
      i += 3
    }
    let rest = data.count - i
    if rest > 0 {
      let n = UInt32(data[i]) << 16 | (rest == 2 ? UInt32(data[i + 1]) << 8 : 0)
      out.append(alphabet[Int(n >> 18)])
      out.append(alphabet[Int((n >> 12) & 63)])
      out.append(rest == 2 ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
      out.append(UInt8(ascii: "="))
    }
    w.append(contentsOf: out)
  }
}
