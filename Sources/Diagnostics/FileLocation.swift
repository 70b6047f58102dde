/// A point in a named file: the file as the user should see it, and the place in it.
///
/// What a verification block records carries one (a check, a shown value, a figure, a crash).
/// Inside a block the file is the one `#sourceLocation` names, the display path of the Markdown
/// document (for example `Content/hw.md`), never the generated runner source.
///
/// Encoded as one flat object, `{"file": "Content/hw.md", "line": 12, "column": 6}` (column 0
/// when unknown), the form the runner's records and the JSON report use.
public struct FileLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file, as the user should see it.
  public var path: String
  /// Where in the file; its column is 0 when unknown (a crash located only to a line).
  public var location: SourceLocation

  /// Creates a location in the file at `path`.
  public init(path: String, location: SourceLocation) {
    self.path = path
    self.location = location
  }

  /// Creates a location from a 1-based line and a 1-based UTF-8 byte column (0 = unknown).
  public init(path: String, line: Int, column: Int) {
    self.init(path: path, location: SourceLocation(line: line, column: column))
  }

  /// `path:line:col`, or `path:line` when the column is unknown, the way compilers print it.
  public var description: String { "\(path):\(location)" }
}

extension FileLocation: Codable {
  private enum CodingKeys: String, CodingKey { case file, line, column }

  /// Encodes as `{"file": …, "line": …, "column": …}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(path, forKey: .file)
    try container.encode(location.line, forKey: .line)
    try container.encode(location.column, forKey: .column)
  }

  /// Decodes the form written by `encode(to:)`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      path: try container.decode(String.self, forKey: .file),
      line: try container.decode(Int.self, forKey: .line),
      column: try container.decode(Int.self, forKey: .column))
  }
}
