import Diagnostics

/// Reads `swiftc -diagnostic-style=llvm` output (`path:line:col: severity: message`, then
/// source and caret lines) into diagnostics attributed to blocks.
///
/// Nothing kept names the scratch folder: a location in the generated program that no block
/// holds is shown in `<runner>`, and paths into the folder in messages are replaced (see
/// `ScratchPaths`).
struct CompilerDiagnostics {
  /// Diagnostics (errors and warnings, notes attached) per block position in the runner.
  var byBlock: [Int: [Diagnostic]] = [:]
  /// Error lines that belong to no block (toolchain or link problems), as printed.
  var unattributedErrors: [String] = []
  /// The same errors as values, with their notes: a link error the linker could not place,
  /// an error in the generated program outside any block or at the end of it, a message of the
  /// driver (path `swiftc`, `clang`, or empty when the line names no place).
  var unattributed: [Diagnostic] = []

  /// Parses `output` of a compile of `source`, whose generated file is `generatedPath`.
  init(output: String, source: RunnerSource, generatedPath: String) {
    var current: (position: Int?, diagnostic: Diagnostic, generated: Bool)?
    func flush() {
      guard let (position, diagnostic, _) = current else { return }
      let stable = Self.stable(diagnostic, generatedPath: generatedPath)
      if let position {
        byBlock[position, default: []].append(stable)
      } else if diagnostic.severity == .error {
        unattributedErrors.append(diagnostic.description)
        unattributed.append(stable)
      }
      current = nil
    }
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      guard let parsed = Self.parse(line, displayPath: source.displayPath) else {
        if line.hasPrefix("error: ") || line.contains(": error: ") {
          flush()
          unattributedErrors.append(String(line))
          unattributed.append(Self.driverError(line))
        }
        continue
      }
      if parsed.severity == .note, current != nil {
        let note = Self.relocated(parsed, source: source, generatedPath: generatedPath).diagnostic
        current!.diagnostic.notes.append(
          Diagnostic.Note(note.message, at: note.location, path: note.path))
        // An error reported in the generated file (an unclosed brace, found at the end of the
        // file) belongs to the block its note in the Markdown file points at. So does a
        // comment never closed, reported at the end of the file too, but wherever the last
        // `#sourceLocation` it did not swallow maps that (even into a later block): it is
        // placed where it starts.
        let unclosedComment = parsed.message == "comment started here"
        if current!.generated || unclosedComment, parsed.path == source.displayPath,
          let line = parsed.location?.line,
          let position = source.blockPosition(forMarkdownLine: line)
        {
          current!.position = position
          current!.diagnostic.path = source.displayPath
          current!.diagnostic.location =
            unclosedComment ? note.location : Self.lastLine(of: source.blocks[position])
          current!.generated = false
        }
        continue
      }
      flush()
      let relocated = Self.relocated(parsed, source: source, generatedPath: generatedPath)
      current = (relocated.position, relocated.diagnostic, parsed.path != source.displayPath)
    }
    flush()
  }

  /// Every error of this compile, for the block at `position` that a bisection found at fault:
  /// those attributed to a block as they are, then the unattributed ones located at the block's
  /// first line (column unknown), each message as the compiler gave it, prefixed with its place
  /// when that is neither the document nor the generated program (`elsewhere.swift:1:14: …`,
  /// `clang: …`).
  func errors(attributedTo position: Int, of source: RunnerSource) -> [Diagnostic] {
    let block = source.blocks[position]
    var errors = byBlock.keys.sorted().flatMap { key in
      byBlock[key, default: []].filter { $0.severity == .error }
    }
    for diagnostic in unattributed {
      var message = diagnostic.message
      if !diagnostic.path.isEmpty, diagnostic.path != source.displayPath,
        diagnostic.path != ScratchPaths.runner
      {
        let place = diagnostic.location.map { "\(diagnostic.path):\($0)" } ?? diagnostic.path
        message = "\(place): \(message)"
      }
      let notes = diagnostic.notes.map { note in
        var moved = note
        moved.path = note.path ?? diagnostic.path
        return moved
      }
      errors.append(
        Diagnostic(
          .error, message, path: source.displayPath,
          at: SourceLocation(line: block.codeLine, column: 0), notes: notes))
    }
    return errors
  }

  /// `diagnostic` with the generated file, where it is still named, shown as `<runner>`, and
  /// scratch paths in its messages replaced.
  private static func stable(_ diagnostic: Diagnostic, generatedPath: String) -> Diagnostic {
    func path(_ path: String) -> String {
      isGenerated(path, generatedPath: generatedPath)
        ? ScratchPaths.runner
        : ScratchPaths.stable(path)
    }
    var stable = diagnostic
    stable.path = path(diagnostic.path)
    stable.message = ScratchPaths.stable(diagnostic.message)
    stable.notes = diagnostic.notes.map { note in
      var moved = note
      moved.path = note.path.map(path)
      moved.message = ScratchPaths.stable(note.message)
      return moved
    }
    return stable
  }

  /// Whether `path` names the generated file (the compiler may print it relative).
  private static func isGenerated(_ path: String, generatedPath: String) -> Bool {
    path == generatedPath || generatedPath.hasSuffix("/" + path)
  }

  /// Attributes a diagnostic to a block and moves generated-file locations into the Markdown
  /// file (to the block's last line, column unknown).
  private static func relocated(
    _ diagnostic: Diagnostic, source: RunnerSource, generatedPath: String
  ) -> (position: Int?, diagnostic: Diagnostic) {
    guard let line = diagnostic.location?.line else { return (nil, diagnostic) }
    if diagnostic.path == source.displayPath {
      return (source.blockPosition(forMarkdownLine: line), diagnostic)
    }
    guard isGenerated(diagnostic.path, generatedPath: generatedPath),
      let position = source.blockPosition(forGeneratedLine: line)
    else {
      return (nil, diagnostic)
    }
    var moved = diagnostic
    moved.path = source.displayPath
    moved.location = lastLine(of: source.blocks[position])
    return (position, moved)
  }

  /// The last code line of a block in the Markdown file, column unknown.
  private static func lastLine(of block: VerifyBlock) -> SourceLocation {
    SourceLocation(line: block.codeLine + block.lineCount - 1, column: 0)
  }

  /// One `path:line:col: severity: message` line, or nil; also `path:line: severity: message`
  /// when `path` is `displayPath` (the linker names a line of the document without a column).
  static func parse(_ line: Substring, displayPath: String? = nil) -> Diagnostic? {
    if let match = line.wholeMatch(of: /(.+?):(\d+):(\d+): (error|warning|note|remark): (.*)/),
      let severity = Diagnostic.Severity(rawValue: String(match.output.4)),
      let lineNumber = Int(match.output.2), let column = Int(match.output.3)
    {
      return Diagnostic(
        severity, String(match.output.5), path: String(match.output.1),
        at: SourceLocation(line: lineNumber, column: column))
    }
    if let displayPath,
      let match = line.wholeMatch(of: /(.+?):(\d+): (error|warning|note|remark): (.*)/),
      match.output.1 == displayPath,
      let severity = Diagnostic.Severity(rawValue: String(match.output.3)),
      let lineNumber = Int(match.output.2)
    {
      return Diagnostic(
        severity, String(match.output.4), path: displayPath,
        at: SourceLocation(line: lineNumber, column: 0))
    }
    return nil
  }

  /// An error line of the driver or the linker that names no place in a file
  /// (`error: link command failed …`, `clang: error: …`): its message, and what names it
  /// (`clang`) as the path, or an empty path.
  private static func driverError(_ line: Substring) -> Diagnostic {
    let stable = ScratchPaths.stable(String(line))
    if stable.hasPrefix("error: ") {
      return .error(String(stable.dropFirst("error: ".count)), path: "", at: nil)
    }
    guard let range = stable.firstRange(of: ": error: ") else {
      return .error(stable, path: "", at: nil)
    }
    return .error(
      String(stable[range.upperBound...]), path: String(stable[..<range.lowerBound]), at: nil)
  }
}
