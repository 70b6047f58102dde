import Diagnostics

/// The lines of a fuzz input as an editor and cmark count them, worked out here independently of
/// the code under test: a line ends at `\n`, `\r\n` or a lone `\r`; a byte order mark at the start
/// is not part of the first line (columns are counted without it); columns are 1-based UTF-8
/// bytes. A location may stand just past the last byte of a line (an error at the line's end).
public struct InputLines {
  /// The text without its byte order mark.
  public let bytes: [UInt8]
  /// Each line's first byte and the byte after its last (its line end excluded).
  public let lines: [(start: Int, end: Int)]

  /// - Parameters:
  ///   - skippingByteOrderMark: whether a byte order mark is left out, as cmark does.
  ///   - carriageReturnEndsLine: whether a lone `\r` ends a line, as in Markdown (templates count
  ///     `\n` alone).
  public init(
    _ input: [UInt8], skippingByteOrderMark: Bool = true, carriageReturnEndsLine: Bool = true
  ) {
    var bytes = input
    if skippingByteOrderMark && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var lines: [(start: Int, end: Int)] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\n"):
        lines.append((start, index))
        index += 1
        start = index
      case UInt8(ascii: "\r") where carriageReturnEndsLine:
        lines.append((start, index))
        index += index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
        start = index
      default:
        index += 1
      }
    }
    // The text after the last line end is a line; so is an empty text, and the empty line after
    // a final line end (where an error "at the end of the file" stands).
    lines.append((start, bytes.count))
    self.bytes = bytes
    self.lines = lines
  }

  /// How many lines the text has, counting the empty one after a final line end.
  public var count: Int { lines.count }

  /// Whether `location` names a place in the text: an existing line, and a column from 1 to
  /// just past the line's last byte.
  public func contains(_ location: SourceLocation) -> Bool {
    guard location.line >= 1 && location.line <= lines.count else { return false }
    let line = lines[location.line - 1]
    return location.column >= 1 && location.column <= line.end - line.start + 1
  }

  /// The byte at `location`, or `nil` past the end of its line.
  public func byte(at location: SourceLocation) -> UInt8? {
    guard contains(location) else { return nil }
    let line = lines[location.line - 1]
    let offset = line.start + location.column - 1
    return offset < line.end ? bytes[offset] : nil
  }
}
