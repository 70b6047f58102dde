import BlockRecords
import Digest

/// The one Swift program generated for a document: every verification block in order, as
/// top-level code in a `main.swift`, so later blocks see what earlier ones declared.
///
/// The blocks are separated by calls into the runtime (qualified, so that a block's own
/// function of the same name does not take their place), one call at each boundary:
/// ```
/// BlockRuntime._hwRunnerStart(beginning: 0)
/// #sourceLocation(file: "Content/x.md", line: codeLine)
/// <block 0's code>
/// #sourceLocation()
/// BlockRuntime._hwBlockBoundary(0, 1)
/// #sourceLocation(file: "Content/x.md", line: codeLine)
/// <block 1's code>
/// #sourceLocation()
/// BlockRuntime._hwBlockEnd(1)
/// ```
/// so compiler messages, `#filePath`/`#line` and backtraces inside a block point into the
/// Markdown file, while the boundary calls stay in the generated file.
///
/// The last `appendedCount` blocks (a grader's asks) only use what the others declare. They
/// are the statements of one function, declared before the first block and called after the
/// last: each top-level statement nests every later one in the compiler's scopes, so that a
/// name looked up after many of them costs as many steps, and code in a function declared
/// first looks its names up in a few. A function declared there still sees every name the
/// blocks declare at top level: their variables are the program's globals.
public struct RunnerSource: Sendable, Equatable {
  /// The generated `main.swift`.
  public var text: String
  /// For each block, the 1-based generated lines of its code and the boundary calls around it
  /// (a call between two blocks counts for both).
  public var generatedLines: [ClosedRange<Int>]
  /// The blocks that were included, in order.
  public var blocks: [VerifyBlock]
  /// How many of the last blocks are appended: compiled as one function's statements.
  public var appendedCount: Int
  /// The display path given to `#sourceLocation`.
  public var displayPath: String
  /// The page's labelled formulas, handed to the runner when it starts (not compiled in, so
  /// that editing a formula does not recompile the blocks).
  public var formulas: PageFormulas

  /// Generates the runner for `blocks` of the document shown as `displayPath`, the last
  /// `appendedCount` of them in a function of their own.
  public init(
    displayPath: String, blocks: [VerifyBlock], formulas: PageFormulas = PageFormulas(),
    appendedCount: Int = 0
  ) {
    self.displayPath = displayPath
    self.blocks = blocks
    self.formulas = formulas
    let appended = min(max(appendedCount, 0), blocks.count)
    self.appendedCount = appended
    let quotedPath = Self.quoted(displayPath)
    var lines = [
      "// Generated from \(displayPath): every `swift verify` block, in order.",
      "import Foundation",
      "import BlockRuntime",
    ]
    var ranges = [ClosedRange<Int>](repeating: 0...0, count: blocks.count)
    func appendCode(of block: VerifyBlock) {
      lines.append("#sourceLocation(file: \(quotedPath), line: \(block.codeLine))")
      var code = block.code
      if code.hasSuffix("\n") { code.removeLast() }
      lines.append(
        contentsOf: code.split(separator: "\n", omittingEmptySubsequences: false).map(
          String.init))
      lines.append("#sourceLocation()")
    }
    let document = blocks.count - appended
    let function = Self.appendedFunctionName(blocks: blocks)
    if appended > 0 {
      lines.append("func \(function)() {")
      for position in document..<blocks.count {
        let first = lines.count + 1
        lines.append("BlockRuntime._hwBlockBegin(\(blocks[position].index))")
        appendCode(of: blocks[position])
        lines.append("BlockRuntime._hwBlockEnd(\(blocks[position].index))")
        ranges[position] = first...lines.count
      }
      lines.append("}")
    }
    for position in 0..<document {
      let index = blocks[position].index
      let first = lines.count + 1
      lines.append(
        position == 0
          ? "BlockRuntime._hwRunnerStart(beginning: \(index))"
          : "BlockRuntime._hwBlockBoundary(\(blocks[position - 1].index), \(index))")
      appendCode(of: blocks[position])
      ranges[position] = first...lines.count + 1
      if position == document - 1 { lines.append("BlockRuntime._hwBlockEnd(\(index))") }
    }
    if appended > 0 {
      if document == 0 { lines.append("BlockRuntime._hwRunnerStart()") }
      lines.append("\(function)()")
    }
    self.text = lines.joined(separator: "\n") + "\n"
    self.generatedLines = ranges
  }

  /// The name of the function that holds the appended blocks: `_hwAppended_` and a digest of
  /// the blocks, which a block cannot name without knowing the digest of its own code.
  static func appendedFunctionName(blocks: [VerifyBlock]) -> String {
    var hash = SHA256()
    for block in blocks { hash.update("\(block.code.utf8.count)\n" + block.code) }
    return "_hwAppended_" + String(hash.hexDigest().prefix(16))
  }

  /// The runner of the first `count` blocks only.
  func prefix(_ count: Int) -> RunnerSource {
    count == blocks.count
      ? self
      : RunnerSource(
        displayPath: displayPath, blocks: Array(blocks.prefix(count)), formulas: formulas,
        appendedCount: appendedCount - (blocks.count - count))
  }

  /// A Swift string literal for `text` (quotes, backslashes and control characters escaped).
  static func quoted(_ text: String) -> String { GradeValue.quoted(text) }

  /// The index into `blocks` of the block a diagnostic belongs to: by Markdown line when the
  /// diagnostic is in `displayPath`, by generated line when it is in the generated file.
  func blockPosition(forMarkdownLine line: Int) -> Int? {
    blocks.firstIndex { line >= $0.codeLine && line < $0.codeLine + $0.lineCount }
  }

  /// The position of the block whose wrapper holds generated line `line` (the earlier one for
  /// a call between two), or the block that starts last before it.
  func blockPosition(forGeneratedLine line: Int) -> Int? {
    if let exact = generatedLines.firstIndex(where: { $0.contains(line) }) { return exact }
    return generatedLines.indices.filter { generatedLines[$0].lowerBound <= line }
      .max { generatedLines[$0].lowerBound < generatedLines[$1].lowerBound }
  }
}
