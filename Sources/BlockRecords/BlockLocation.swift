/// A place in a Markdown source file: 1-based line, 1-based column counted in UTF-8 bytes.
///
/// Locations inside verification blocks are produced by `#sourceLocation`, so `file` is the
/// display path of the Markdown document (for example `Content/hw.md`), never a generated file.
public struct BlockLocation: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The display path of the document, as given to the runner generator.
  public var file: String
  /// 1-based line in `file`.
  public var line: Int
  /// 1-based column in UTF-8 bytes; 0 when unknown (a crash located only to a line).
  public var column: Int

  /// Creates a location; `line` is 1-based, `column` is 1-based UTF-8 bytes (0 = unknown).
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `path:line:col`, or `path:line` when the column is unknown, the way compilers print it.
  public var description: String {
    column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
  }
}
