/// A minimal PNG writer for palette images: 8-bit indices, a 256-colour `PLTE`, a `tRNS`
/// that makes the last entry transparent, and zlib data. Rows use the Sub filter (each byte
/// minus its left neighbour), which turns the slowly changing indices of a smooth surface into
/// long repeats that `Deflate` compresses about four-fold; data that does not compress (noise)
/// falls back to stored blocks.
enum PNGEncoder {
  /// `indices` row by row from the top, `width × height` of them.
  static func palettePNG(
    width: Int, height: Int, indices: [UInt8], palette: [(UInt8, UInt8, UInt8)],
    transparentIndex: Int?
  ) -> [UInt8] {
    precondition(indices.count == width * height, "indices must hold width × height values")
    precondition(palette.count <= 256, "palette must have at most 256 entries")
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header: [UInt8] = []
    header.appendBigEndian(UInt32(width))
    header.appendBigEndian(UInt32(height))
    header += [8, 3, 0, 0, 0]  // depth 8, colour type 3 (palette), deflate, filter 0, no interlace
    appendChunk(&png, "IHDR", header)
    appendChunk(&png, "PLTE", palette.flatMap { [$0.0, $0.1, $0.2] })
    if let transparentIndex {
      var alpha = [UInt8](repeating: 255, count: transparentIndex + 1)
      alpha[transparentIndex] = 0
      appendChunk(&png, "tRNS", alpha)
    }
    var raw: [UInt8] = []
    raw.reserveCapacity((width + 1) * height)
    for row in 0..<height {
      raw.append(1)  // filter: Sub
      var left: UInt8 = 0
      for i in (row * width)..<((row + 1) * width) {
        raw.append(indices[i] &- left)
        left = indices[i]
      }
    }
    appendChunk(&png, "IDAT", zlib(raw))
    appendChunk(&png, "IEND", [])
    return png
  }

  /// A zlib stream (RFC 1950): fixed-Huffman deflate, or stored blocks if those are smaller.
  static func zlib(_ data: [UInt8]) -> [UInt8] {
    let compressed = Deflate.fixedHuffman(data)
    guard compressed.count + 6 < data.count + data.count / 65535 * 5 + 11 else {
      return zlibStored(data)
    }
    var out: [UInt8] = [0x78, 0x01]
    out.append(contentsOf: compressed)
    out.appendBigEndian(adler32(data))
    return out
  }

  /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4) and the Adler-32.
  static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    out.reserveCapacity(data.count + data.count / 65535 * 5 + 16)
    var offset = 0
    repeat {
      let length = min(65535, data.count - offset)
      let final: UInt8 = offset + length == data.count ? 1 : 0
      out.append(final)
      out.append(UInt8(length & 0xFF))
      out.append(UInt8(length >> 8))
      out.append(UInt8(~length & 0xFF))
      out.append(UInt8((~length >> 8) & 0xFF))
      out.append(contentsOf: data[offset..<(offset + length)])
      offset += length
    } while offset < data.count
    out.appendBigEndian(adler32(data))
    return out
  }

  static func adler32(_ data: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    var i = 0
    while i < data.count {
      let end = min(i + 5552, data.count)  // largest run before the sums can overflow
      while i < end {
        a += UInt32(data[i])
        b += a
        i += 1
      }
      a %= 65521
      b %= 65521
    }
    return b << 16 | a
  }

  private static func appendChunk(_ png: inout [UInt8], _ type: String, _ data: [UInt8]) {
    png.appendBigEndian(UInt32(data.count))
    let start = png.count
    png.append(contentsOf: type.utf8)
    png.append(contentsOf: data)
    png.appendBigEndian(CRC32.checksum(png[start...]))
  }
}

extension Array where Element == UInt8 {
  mutating func appendBigEndian(_ value: UInt32) {
    append(UInt8(value >> 24))
    append(UInt8((value >> 16) & 0xFF))
    append(UInt8((value >> 8) & 0xFF))
    append(UInt8(value & 0xFF))
  }
}
