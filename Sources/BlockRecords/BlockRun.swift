import Diagnostics

/// What one verification block did: its status, its output and what it recorded.
public struct BlockRun: Codable, Sendable, Equatable {
  /// 0-based index of the block in its document.
  public var index: Int
  /// 1-based line of the block's first code line in the Markdown file.
  public var line: Int
  /// How the block ended.
  public var status: BlockStatus
  /// Everything the block wrote to stdout (cut at 1 MB, see `outputTruncated`).
  public var stdout: String
  /// Everything the block wrote to stderr (cut at 1 MB), without the runtime's crash banner.
  public var stderr: String
  /// The checks the block made, in order.
  public var checks: [CheckRecord]
  /// The values the block showed, in order.
  public var values: [ShownValue]
  /// The figures the block made, in order.
  public var figures: [FigureRecord]
  /// Compiler warnings located in this block (errors are in `status`).
  public var warnings: [Diagnostic]
  /// True when stdout or stderr went past 1 MB (1,048,576 bytes) and was cut, with a note.
  public var outputTruncated: Bool

  /// Creates a block result.
  public init(
    index: Int, line: Int, status: BlockStatus, stdout: String = "", stderr: String = "",
    checks: [CheckRecord] = [], values: [ShownValue] = [], figures: [FigureRecord] = [],
    warnings: [Diagnostic] = [], outputTruncated: Bool = false
  ) {
    self.index = index
    self.line = line
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
    self.checks = checks
    self.values = values
    self.figures = figures
    self.warnings = warnings
    self.outputTruncated = outputTruncated
  }
}
