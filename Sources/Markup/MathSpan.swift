import Diagnostics

/// A `$…$` or `$$…$$` formula found in a document, with where it stands.
public struct MathSpan: Hashable, Sendable {
  /// The TeX between the delimiters, trimmed; line breaks inside inline math become spaces.
  public var tex: String
  /// Display (`$$`) or inline (`$`) math.
  public var display: Bool
  /// From the opening delimiter to just past the closing one.
  public var range: SourceRange
  /// Where the TeX starts in the file.
  var texStart: SourceLocation
  /// Where each further line of the TeX starts: `(texOffset, location)`, one entry per source
  /// line after the first that the formula spans. Offsets are UTF-8 bytes.
  var laterRuns: [Run]

  struct Run: Hashable, Sendable {
    var texOffset: Int
    var location: SourceLocation
  }

  /// Where each line of the TeX starts: its UTF-8 offset into `tex` and its place in the file,
  /// the first line's at offset 0.
  public var lineStarts: [(texOffset: Int, location: SourceLocation)] {
    [(0, texStart)] + laterRuns.map { ($0.texOffset, $0.location) }
  }

  /// The file location of a UTF-8 byte offset into `tex`, for errors found inside the formula.
  public func location(ofTeXOffset offset: Int) -> SourceLocation {
    var run = Run(texOffset: 0, location: texStart)
    for candidate in laterRuns where candidate.texOffset <= offset { run = candidate }
    return SourceLocation(
      line: run.location.line, column: run.location.column + max(0, offset - run.texOffset))
  }
}
