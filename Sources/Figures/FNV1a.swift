/// The 64-bit FNV-1a hash: for each byte b, h = (h XOR b) × 1099511628211, from the offset
/// basis 14695981039346656037. Stable across processes and platforms, unlike `hashValue`,
/// so it can name SVG elements deterministically.
struct FNV1a: Sendable {
  private(set) var value: UInt64 = 14_695_981_039_346_656_037

  mutating func combine<S: Sequence>(bytes: S) where S.Element == UInt8 {
    for byte in bytes {
      value = (value ^ UInt64(byte)) &* 1_099_511_628_211
    }
  }

  /// Eight lowercase hexadecimal digits: the high and low halves folded together.
  var shortHex: String {
    let folded = UInt32(truncatingIfNeeded: value ^ (value >> 32))
    let digits = String(folded, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }
}
