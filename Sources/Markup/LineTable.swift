import Diagnostics

/// Turns UTF-8 byte offsets in a file into 1-based lines and columns, and back.
public struct LineTable: Sendable {
  /// The byte offset at which each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]
  /// The length of the text in bytes.
  public let byteCount: Int

  /// Indexes the lines of `bytes`. A line ends after `\n`; `\r\n` counts as one line end.
  public init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    if let indexed = bytes.withContiguousStorageIfAvailable({ Self.lineStarts(of: $0) }) {
      lineStarts = indexed
      byteCount = bytes.count
      return
    }
    var starts = [0]
    var offset = 0
    for byte in bytes {
      offset += 1
      if byte == UInt8(ascii: "\n") { starts.append(offset) }
    }
    lineStarts = starts
    byteCount = offset
  }

  private static func lineStarts(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    var starts = [0]
    var newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: 0)
    while let index = newline {
      starts.append(index + 1)
      newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: index + 1)
    }
    return starts
  }

  /// The number of lines (a final line without `\n` counts; an empty text has one line).
  public var lineCount: Int { lineStarts.count }

  /// The location of a byte offset (0-based, may equal `byteCount`).
  public func location(ofOffset offset: Int) -> SourceLocation {
    precondition(offset >= 0 && offset <= byteCount, "offset \(offset) is outside the text")
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
  }

  /// `location(ofOffset:)` for offsets that mostly grow, as in a scan of the text: the search
  /// starts at line `hint` (0-based), and `hint` is left at the line found.
  public func location(ofOffset offset: Int, hint: inout Int) -> SourceLocation {
    precondition(offset >= 0 && offset <= byteCount, "offset \(offset) is outside the text")
    var line = min(max(hint, 0), lineStarts.count - 1)
    if lineStarts[line] <= offset {
      // A few lines on: step; further: search.
      var steps = 0
      while line + 1 < lineStarts.count && lineStarts[line + 1] <= offset && steps < 8 {
        line += 1
        steps += 1
      }
      if line + 1 == lineStarts.count || lineStarts[line + 1] > offset {
        hint = line
        return SourceLocation(line: line + 1, column: offset - lineStarts[line] + 1)
      }
    }
    let location = location(ofOffset: offset)
    hint = location.line - 1
    return location
  }

  /// The byte offset of a location, clamped to the text.
  public func offset(of location: SourceLocation) -> Int {
    let line = min(max(location.line, 1), lineStarts.count)
    return min(lineStarts[line - 1] + max(location.column, 1) - 1, byteCount)
  }
}
