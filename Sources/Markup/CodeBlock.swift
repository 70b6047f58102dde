import Diagnostics

/// A fenced or indented code block of a document.
public struct CodeBlock: Hashable, Sendable {
  /// The info string after the opening fence (empty for an indented block).
  public var info: String
  /// The code, each line ending in `\n`.
  public var code: String
  /// From the opening fence (or first line) to the end of the block.
  public var range: SourceRange
  /// The 1-based line of the first line of code.
  public var codeStartLine: Int
  /// Where the info string starts on the opening fence line.
  public var infoLocation: SourceLocation
  /// Whether the block has fences (as opposed to being indented).
  public var isFenced: Bool

  /// The first word of the info string: the block's language.
  public var language: String {
    String(info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
  }

  /// The words of the info string after the language.
  public var infoWords: [Substring] {
    Array(info.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst())
  }
}
