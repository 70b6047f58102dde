import BlockRecords

/// The one Swift program generated for a document: every verification block in order, as
/// top-level code in a `main.swift`, so later blocks see what earlier ones declared.
///
/// Each block is wrapped as
/// ```
/// BlockRuntime._hwBlockBegin(i)
/// #sourceLocation(file: "Content/x.md", line: codeLine)
/// <the block's code>
/// #sourceLocation()
/// BlockRuntime._hwBlockEnd(i)
/// ```
/// (qualified, so that a block's own function of the same name does not take their place), so
/// compiler messages, `#filePath`/`#line` and backtraces inside the block point into the
/// Markdown file, while the boundary calls stay in the generated file.
public struct RunnerSource: Sendable, Equatable {
  /// The generated `main.swift`.
  public var text: String
  /// For each block, the 1-based generated lines of its wrapper (boundary calls included).
  public var generatedLines: [ClosedRange<Int>]
  /// The blocks that were included, in order.
  public var blocks: [VerifyBlock]
  /// The display path given to `#sourceLocation`.
  public var displayPath: String
  /// The page's labelled formulas, handed to the runner when it starts (not compiled in, so
  /// that editing a formula does not recompile the blocks).
  public var formulas: PageFormulas

  /// Generates the runner for `blocks` of the document shown as `displayPath`.
  public init(displayPath: String, blocks: [VerifyBlock], formulas: PageFormulas = PageFormulas()) {
    self.displayPath = displayPath
    self.blocks = blocks
    self.formulas = formulas
    var lines = [
      "// Generated from \(displayPath): every `swift verify` block, in order.",
      "import Foundation",
      "import BlockRuntime",
      "BlockRuntime._hwRunnerStart()",
    ]
    var ranges: [ClosedRange<Int>] = []
    let quotedPath = Self.quoted(displayPath)
    for block in blocks {
      let first = lines.count + 1
      lines.append("BlockRuntime._hwBlockBegin(\(block.index))")
      lines.append("#sourceLocation(file: \(quotedPath), line: \(block.codeLine))")
      var code = block.code
      if code.hasSuffix("\n") { code.removeLast() }
      lines.append(
        contentsOf: code.split(separator: "\n", omittingEmptySubsequences: false).map(
          String.init))
      lines.append("#sourceLocation()")
      lines.append("BlockRuntime._hwBlockEnd(\(block.index))")
      ranges.append(first...lines.count)
    }
    self.text = lines.joined(separator: "\n") + "\n"
    self.generatedLines = ranges
  }

  /// The runner of the first `count` blocks only.
  func prefix(_ count: Int) -> RunnerSource {
    count == blocks.count
      ? self
      : RunnerSource(
        displayPath: displayPath, blocks: Array(blocks.prefix(count)), formulas: formulas)
  }

  /// A Swift string literal for `text` (quotes, backslashes and control characters escaped).
  static func quoted(_ text: String) -> String { GradeValue.quoted(text) }

  /// The index into `blocks` of the block a diagnostic belongs to: by Markdown line when the
  /// diagnostic is in `displayPath`, by generated line when it is in the generated file.
  func blockPosition(forMarkdownLine line: Int) -> Int? {
    blocks.firstIndex { line >= $0.codeLine && line < $0.codeLine + $0.lineCount }
  }

  /// The position of the block whose wrapper holds generated line `line`, or the last block
  /// that starts before it.
  func blockPosition(forGeneratedLine line: Int) -> Int? {
    if let exact = generatedLines.firstIndex(where: { $0.contains(line) }) { return exact }
    return generatedLines.lastIndex { $0.lowerBound <= line }
  }
}
