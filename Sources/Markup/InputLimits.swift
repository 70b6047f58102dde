import Diagnostics

/// The most `hw` accepts from each kind of input, so that no file, however it is written, can
/// crash the tool or make it use time or memory out of proportion to the file. Crossing a limit is
/// an error located where the input crosses it. The README's "Limits" table states these numbers;
/// a test holds the two together.
public enum InputLimits {
  /// The longest Markdown document, in bytes (8 MiB). A longer one is cut at the start of the
  /// line that holds its 8,388,609th byte.
  public static let documentBytes = 8 << 20

  /// The longest YAML text, in bytes: one front matter block, or `site.yml` (256 KiB).
  public static let yamlBytes = 256 << 10

  /// How deeply YAML collections (mappings and sequences) may nest, counted as `YAMLPrescan`
  /// counts them: each more indented line, each `- ` or key after the first on a line, and each
  /// `[` or `{` opens one more.
  public static let yamlDepth = 32

  /// How deeply template sections (`{{#name}}`, `{{^name}}`) may nest.
  public static let templateDepth = 32

  /// A template's output may be at most this many times the size of the template and of all
  /// the text it is given, ...
  public static let templateOutputFactor = 4

  /// ... plus this many bytes (1 MiB).
  public static let templateOutputSlack = 1 << 20

  /// The most bytes a template may write when it is given `inputBytes` of template and text.
  public static func templateOutputBytes(inputBytes: Int) -> Int {
    templateOutputSlack + templateOutputFactor * inputBytes
  }

  /// `bytes` formatted for a message, in the largest binary unit that divides it (`8 MiB`).
  public static func describe(bytes: Int) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }
}

extension InputLimits {
  /// A Markdown document as `hw` reads it: whole when it is at most `documentBytes` long, else
  /// cut at the start of the line that crosses the limit, with an error at that line.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - path: the path to show in diagnostics.
  public static func document(_ bytes: [UInt8], path: String) -> (
    bytes: [UInt8], diagnostic: Diagnostic?
  ) {
    guard bytes.count > documentBytes else { return (bytes, nil) }
    var line = 1
    var lineStart = 0
    var newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes)
    while let index = newline, index < documentBytes {
      line += 1
      lineStart = index + 1
      newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: index + 1)
    }
    let diagnostic = Diagnostic.error(
      "the document is longer than \(describe(bytes: documentBytes)) (\(bytes.count) bytes): "
        + "it is cut before this line", path: path, at: SourceLocation(line: line, column: 1))
    return (Array(bytes[..<lineStart]), diagnostic)
  }
}
