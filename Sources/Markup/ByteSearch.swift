#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Searches of large byte arrays that go at the speed of the C library (`memchr` is vectorised):
/// a homework of several megabytes is searched many times on its way through the parser.
enum ByteSearch {
  /// The index of the first `byte` in `bytes[range]`, or `nil`.
  static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int)
    -> Int?
  {
    guard start < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
  }

  /// The index of the first `byte` in `bytes` at or after `start`, or `nil`.
  static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int = 0) -> Int? {
    bytes.withUnsafeBufferPointer { firstIndex(of: byte, in: $0, from: start) }
  }

  /// The index of the first occurrence of `needle` in `bytes` at or after `start`, or `nil`.
  /// Each candidate is found with `memchr`, so the search is linear in the bytes it passes.
  static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first else { return start <= bytes.count ? start : nil }
    var candidate = firstIndex(of: first, in: bytes, from: start)
    while let index = candidate, index + needle.count <= bytes.count {
      if bytes[index..<index + needle.count].elementsEqual(needle) { return index }
      candidate = firstIndex(of: first, in: bytes, from: index + 1)
    }
    return nil
  }

  /// Whether `bytes` holds `first` followed by `second`.
  static func contains(_ first: UInt8, followedBy second: UInt8, in bytes: [UInt8]) -> Bool {
    var candidate = firstIndex(of: first, in: bytes)
    while let index = candidate, index + 1 < bytes.count {
      if bytes[index + 1] == second { return true }
      candidate = firstIndex(of: first, in: bytes, from: index + 1)
    }
    return false
  }

  /// Whether `bytes` holds `byte`.
  static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
    firstIndex(of: byte, in: bytes) != nil
  }
}
