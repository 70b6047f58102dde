import BlockRecords

/// One `swift verify` block of a document, as the parser found it.
public struct VerifyBlock: Sendable, Equatable {
  /// The code between the fences, without the fences.
  public var code: String
  /// 1-based line in the Markdown file of the first code line (the line after the fence).
  public var codeLine: Int
  /// The options of the info string.
  public var options: VerifyOptions
  /// 0-based position among the document's verification blocks.
  public var index: Int

  /// Creates a block.
  public init(code: String, codeLine: Int, options: VerifyOptions, index: Int) {
    precondition(codeLine >= 1, "VerifyBlock(codeLine:) must be 1-based, got \(codeLine)")
    self.code = code
    self.codeLine = codeLine
    self.options = options
    self.index = index
  }

  /// Number of lines of `code` (a trailing newline does not start a line).
  public var lineCount: Int {
    var count = code.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    if code.utf8.last == 0x0A { count -= 1 }
    return max(count, 1)
  }
}

/// Every verification block of one document, to be compiled into one runner and run.
public struct ExecutionRequest: Sendable, Equatable {
  /// The path printed in every location and given to `#sourceLocation`, e.g. `Content/hw.md`.
  public var displayPath: String
  /// The blocks, in document order.
  public var blocks: [VerifyBlock]
  /// The page's labelled display formulas, which its blocks may evaluate (`formula("name")`).
  public var formulas: PageFormulas
  /// How many of the last blocks are appended to the document (a grader's asks): they use what
  /// the document's blocks declare and declare nothing for them, and are compiled as the body
  /// of one function, which costs the compiler less than more top-level code.
  public var appendedCount: Int

  /// Creates a request.
  public init(
    displayPath: String, blocks: [VerifyBlock], formulas: PageFormulas = PageFormulas(),
    appendedCount: Int = 0
  ) {
    self.displayPath = displayPath
    self.blocks = blocks
    self.formulas = formulas
    self.appendedCount = appendedCount
  }
}
