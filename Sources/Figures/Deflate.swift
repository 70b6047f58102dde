/// A small deflate compressor (RFC 1951): greedy LZ77 matching with hash chains over a 32 KiB
/// window, coded with the fixed Huffman table (one block, BTYPE = 01). No dynamic tables: on
/// filtered heat-map rows the matches carry nearly all the gain. Shared within the package: the
/// PNG images of heat maps and the autograder zip (`Grading`) use it.
package enum Deflate {
  /// `data` as one final fixed-Huffman block.
  package static func fixedHuffman(_ input: [UInt8]) -> [UInt8] {
    input.withUnsafeBufferPointer { compress($0) }
  }

  private static func compress(_ data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var bits = BitWriter(capacity: data.count / 2 + 16)
    bits.write(1, count: 1)  // BFINAL
    bits.write(1, count: 2)  // BTYPE = 01, fixed Huffman
    let n = data.count
    let windowSize = 32768
    let hashBits = 15
    var head = [Int32](repeating: -1, count: 1 << hashBits)
    var previous = [Int32](repeating: -1, count: windowSize)

    @inline(__always) func hash(_ i: Int) -> Int {
      let v = Int(data[i]) << 16 | Int(data[i + 1]) << 8 | Int(data[i + 2])
      return (v &* 2_654_435_761) >> (32 - hashBits) & ((1 << hashBits) - 1)
    }
    @inline(__always) func insert(_ i: Int) {
      guard i + 2 < n else { return }
      let h = hash(i)
      previous[i & (windowSize - 1)] = head[h]
      head[h] = Int32(i)
    }

    var i = 0
    while i < n {
      var bestLength = 0
      var bestDistance = 0
      if i + 2 < n {
        var candidate = Int(head[hash(i)])
        var chain = 16
        let limit = min(258, n - i)
        let niceLength = min(64, limit)  // long enough: stop searching
        while candidate >= 0 && i - candidate <= windowSize && chain > 0 {
          var length = 0
          while length < limit && data[candidate + length] == data[i + length] { length += 1 }
          if length > bestLength {
            bestLength = length
            bestDistance = i - candidate
            if length >= niceLength { break }
          }
          let next = Int(previous[candidate & (windowSize - 1)])
          guard next < candidate else { break }
          candidate = next
          chain -= 1
        }
      }
      if bestLength >= 3 {
        bits.writeLength(bestLength)
        bits.writeDistance(bestDistance)
        // Long matches are runs inside smooth rows: indexing their first positions suffices.
        for j in i..<(i + min(bestLength, 16)) { insert(j) }
        i += bestLength
      } else {
        bits.writeLiteral(Int(data[i]))
        insert(i)
        i += 1
      }
    }
    bits.writeLiteral(256)  // end of block
    return bits.finish()
  }

  static let lengthBase: [Int] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258,
  ]
  static let lengthExtra: [Int] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBase: [Int] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra: [Int] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]
}

/// Writes bits least-significant first, as deflate packs them.
struct BitWriter {
  private var bytes: [UInt8] = []
  private var buffer: UInt64 = 0
  private var count = 0

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  /// The low `count` bits of `value`, least significant first (extra bits, headers).
  mutating func write(_ value: Int, count n: Int) {
    buffer |= UInt64(value) << UInt64(count)
    count += n
    while count >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: buffer))
      buffer >>= 8
      count -= 8
    }
  }

  /// A Huffman code of `length` bits, most significant bit first.
  mutating func writeCode(_ code: Int, length: Int) {
    var reversed = 0
    for b in 0..<length { reversed |= ((code >> b) & 1) << (length - 1 - b) }
    write(reversed, count: length)
  }

  /// Literal/length symbol 0…287 with the fixed table (RFC 1951 §3.2.6).
  mutating func writeLiteral(_ symbol: Int) {
    switch symbol {
    case 0...143: writeCode(0x30 + symbol, length: 8)
    case 144...255: writeCode(0x190 + symbol - 144, length: 9)
    case 256...279: writeCode(symbol - 256, length: 7)
    default: writeCode(0xC0 + symbol - 280, length: 8)
    }
  }

  /// A match length 3…258: its symbol 257…285 and extra bits.
  mutating func writeLength(_ length: Int) {
    var k = Deflate.lengthBase.count - 1
    while Deflate.lengthBase[k] > length { k -= 1 }
    writeLiteral(257 + k)
    write(length - Deflate.lengthBase[k], count: Deflate.lengthExtra[k])
  }

  /// A match distance 1…32768: its 5-bit code and extra bits.
  mutating func writeDistance(_ distance: Int) {
    var k = Deflate.distanceBase.count - 1
    while Deflate.distanceBase[k] > distance { k -= 1 }
    writeCode(k, length: 5)
    write(distance - Deflate.distanceBase[k], count: Deflate.distanceExtra[k])
  }

  /// The bytes written, the last one padded with zero bits.
  mutating func finish() -> [UInt8] {
    if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
    buffer = 0
    count = 0
    return bytes
  }
}
