import BlockRecords

/// Reads `swiftc -diagnostic-style=llvm` output (`path:line:col: severity: message`, then
/// source and caret lines) into diagnostics attributed to blocks.
struct CompilerDiagnostics {
  /// Diagnostics (errors and warnings, notes attached) per block position in the runner.
  var byBlock: [Int: [Diagnostic]] = [:]
  /// Error lines that belong to no block (toolchain or link problems), as printed.
  var unattributedErrors: [String] = []

  /// Parses `output` of a compile of `source`, whose generated file is `generatedPath`.
  init(output: String, source: RunnerSource, generatedPath: String) {
    var current: (position: Int?, diagnostic: Diagnostic, generated: Bool)?
    func flush() {
      guard let (position, diagnostic, _) = current else { return }
      if let position {
        byBlock[position, default: []].append(diagnostic)
      } else if diagnostic.severity == .error {
        unattributedErrors.append(diagnostic.formatted)
      }
      current = nil
    }
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      guard let parsed = Self.parse(line) else {
        if line.hasPrefix("error: ") || line.contains(": error: ") {
          flush()
          unattributedErrors.append(String(line))
        }
        continue
      }
      if parsed.severity == .note, current != nil {
        current!.diagnostic.notes.append(
          Self.relocated(parsed, source: source, generatedPath: generatedPath).diagnostic)
        // An error reported in the generated file (an unclosed brace, found at the end of the
        // file) belongs to the block its note in the Markdown file points at.
        if current!.generated, parsed.location.file == source.displayPath,
          let position = source.blockPosition(forMarkdownLine: parsed.location.line)
        {
          let block = source.blocks[position]
          current!.position = position
          current!.diagnostic.location = BlockLocation(
            file: source.displayPath, line: block.codeLine + block.lineCount - 1, column: 0)
          current!.generated = false
        }
        continue
      }
      flush()
      let relocated = Self.relocated(parsed, source: source, generatedPath: generatedPath)
      current = (
        relocated.position, relocated.diagnostic, parsed.location.file != source.displayPath
      )
    }
    flush()
  }

  /// Attributes a diagnostic to a block and moves generated-file locations into the Markdown
  /// file (to the block's first line, column unknown).
  private static func relocated(
    _ diagnostic: Diagnostic, source: RunnerSource, generatedPath: String
  ) -> (position: Int?, diagnostic: Diagnostic) {
    var diagnostic = diagnostic
    if diagnostic.location.file == source.displayPath {
      return (source.blockPosition(forMarkdownLine: diagnostic.location.line), diagnostic)
    }
    let isGenerated =
      diagnostic.location.file == generatedPath
      || generatedPath.hasSuffix("/" + diagnostic.location.file)
    guard isGenerated,
      let position = source.blockPosition(forGeneratedLine: diagnostic.location.line)
    else { return (nil, diagnostic) }
    let block = source.blocks[position]
    diagnostic.location = BlockLocation(
      file: source.displayPath, line: block.codeLine + block.lineCount - 1, column: 0)
    return (position, diagnostic)
  }

  /// One `path:line:col: severity: message` line, or nil.
  static func parse(_ line: Substring) -> Diagnostic? {
    guard
      let match = line.wholeMatch(
        of: /(.+?):(\d+):(\d+): (error|warning|note|remark): (.*)/)
    else { return nil }
    guard let severity = Diagnostic.Severity(rawValue: String(match.output.4)),
      let lineNumber = Int(match.output.2), let column = Int(match.output.3)
    else { return nil }
    return Diagnostic(
      severity: severity, message: String(match.output.5),
      location: BlockLocation(file: String(match.output.1), line: lineNumber, column: column))
  }
}
