import Diagnostics

extension VerifyBlock {
  /// The compiler directive that sets the file and line of the code after it.
  static let sourceLocationDirective = "#sourceLocation"

  /// What a block that uses the directive is told.
  static let sourceLocationMessage =
    "#sourceLocation is not allowed in a verify block: hw uses it to point the compiler's "
    + "messages into this file"

  /// One error at each `#sourceLocation` in the block's code, located at its `#` (1-based line
  /// in `displayPath`, 1-based column in UTF-8 bytes).
  ///
  /// The runner puts the directive before every block, so that the compiler's messages, the
  /// checks' lines and a crash's frames point into the Markdown file; a block's own directive
  /// could make them point at, or hide in, another file or another block. It has no use in a
  /// homework, so it is refused wherever it is written, comments and string literals included:
  /// telling those apart would take Swift's own lexer, and a lexer that disagreed with the
  /// compiler's would let a directive through.
  func sourceLocationErrors(displayPath: String) -> [Diagnostic] {
    var errors: [Diagnostic] = []
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    for (offset, line) in lines.enumerated() {
      for range in line.ranges(of: Self.sourceLocationDirective) {
        let column = line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
        errors.append(
          .error(
            Self.sourceLocationMessage, path: displayPath,
            at: SourceLocation(line: codeLine + offset, column: column)))
      }
    }
    return errors
  }
}
