/// Turns UTF-8 byte offsets in a file into 1-based lines and columns, and back.
public struct LineTable: Sendable {
  /// The byte offset at which each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]
  /// The length of the text in bytes.
  public let byteCount: Int

  /// Indexes the lines of `bytes`. A line ends after `\n`; `\r\n` counts as one line end.
  public init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    var starts = [0]
    var offset = 0
    for byte in bytes {
      offset += 1
      if byte == UInt8(ascii: "\n") { starts.append(offset) }
    }
    lineStarts = starts
    byteCount = offset
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

  /// The byte offset of a location, clamped to the text.
  public func offset(of location: SourceLocation) -> Int {
    let line = min(max(location.line, 1), lineStarts.count)
    return min(lineStarts[line - 1] + max(location.column, 1) - 1, byteCount)
  }
}
