/// CRC-32 (ISO 3309, the polynomial 0xEDB88320 reflected), as PNG chunks and zip entries carry
/// it. Shared within the package: the PNG encoder and the autograder zip (`Grading`) use it.
package enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// The CRC-32 of `bytes`: `CRC32.checksum("123456789".utf8) == 0xCBF43926`.
  package static func checksum<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }
}
