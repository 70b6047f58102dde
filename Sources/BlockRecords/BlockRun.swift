import Diagnostics

/// What one verification block did: its status, its output and what it recorded.
public struct BlockRun: Sendable, Equatable {
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
  /// In a grader's program: what the block asked of the student's code, in order.
  public var asks: [GradeAsk] = []
  /// In a student's program being graded: the answers written while the block ran, in order.
  public var answers: [GradeAnswer] = []
  /// The labels of the page's formulas the block evaluated, in the order first evaluated.
  public var formulas: [String] = []

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

extension BlockRun: Codable {
  private enum CodingKeys: String, CodingKey {
    case index, line, status, stdout, stderr, checks, values, figures, warnings, outputTruncated
    case asks, answers, formulas
  }

  /// Encodes every field; `asks` and `answers` only when there are some, so a page's results
  /// (and the hashes of them in the manifest) do not change with grading.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(index, forKey: .index)
    try container.encode(line, forKey: .line)
    try container.encode(status, forKey: .status)
    try container.encode(stdout, forKey: .stdout)
    try container.encode(stderr, forKey: .stderr)
    try container.encode(checks, forKey: .checks)
    try container.encode(values, forKey: .values)
    try container.encode(figures, forKey: .figures)
    try container.encode(warnings, forKey: .warnings)
    try container.encode(outputTruncated, forKey: .outputTruncated)
    if !asks.isEmpty { try container.encode(asks, forKey: .asks) }
    if !answers.isEmpty { try container.encode(answers, forKey: .answers) }
    if !formulas.isEmpty { try container.encode(formulas, forKey: .formulas) }
  }

  /// Decodes what `encode(to:)` writes.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      index: try container.decode(Int.self, forKey: .index),
      line: try container.decode(Int.self, forKey: .line),
      status: try container.decode(BlockStatus.self, forKey: .status),
      stdout: try container.decode(String.self, forKey: .stdout),
      stderr: try container.decode(String.self, forKey: .stderr),
      checks: try container.decode([CheckRecord].self, forKey: .checks),
      values: try container.decode([ShownValue].self, forKey: .values),
      figures: try container.decode([FigureRecord].self, forKey: .figures),
      warnings: try container.decode([Diagnostic].self, forKey: .warnings),
      outputTruncated: try container.decode(Bool.self, forKey: .outputTruncated))
    asks = try container.decodeIfPresent([GradeAsk].self, forKey: .asks) ?? []
    answers = try container.decodeIfPresent([GradeAnswer].self, forKey: .answers) ?? []
    formulas = try container.decodeIfPresent([String].self, forKey: .formulas) ?? []
  }
}
