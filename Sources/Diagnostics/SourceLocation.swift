/// A point in a source file: 1-based line, 1-based column counted in UTF-8 bytes, the way
/// swiftc, gcc and libcmark count them.
///
/// A column of 0 means the column is not known: a crash or a backtrace may name only a line.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// 1-based line number.
  public var line: Int
  /// 1-based column, in UTF-8 bytes from the start of the line; 0 when unknown.
  public var column: Int

  /// Creates a location from a 1-based line and a 1-based UTF-8 byte column (0 = unknown).
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// `line:column`, or `line` alone when the column is unknown, the way compilers print it.
  public var description: String { column > 0 ? "\(line):\(column)" : "\(line)" }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// A half-open stretch of a source file, from `start` up to (not including) `end`.
public struct SourceRange: Hashable, Sendable, Codable {
  /// The first character of the range.
  public var start: SourceLocation
  /// The position just past the last character of the range.
  public var end: SourceLocation

  /// Creates a range from its two ends.
  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }

  /// An empty range at one point.
  public init(at point: SourceLocation) {
    self.init(start: point, end: point)
  }
}
