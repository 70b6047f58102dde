/// One line of the record file a runner writes: what happened, in order.
///
/// The file is JSON lines (one object per line, `\n`-terminated, UTF-8). Every object has a
/// `"record"` key: `"started"` / `"finished"` (with `"block"`, the 0-based block index),
/// `"check"` (a `CheckRecord`), `"value"` (a `ShownValue`), `"figure"` (a `FigureRecord`);
/// in grading, `"ask"` (a `GradeAsk`, from a grader's program) and `"answer"` (a `GradeAnswer`,
/// from a student's); `"notAnswered"` (with `"block"` and `"name"`: a handout's stub was called);
/// `"formula"` (with `"block"` and `"label"`: the block evaluated the page's formula of that label).
/// A block's stdout and stderr are not records: they go to per-block files (see `Execution`).
public enum BlockRecord: Sendable, Equatable {
  /// Block `block` (0-based) began running.
  case started(block: Int)
  /// Block `block` ran to its end without a crash.
  case finished(block: Int)
  /// A check was made.
  case check(CheckRecord)
  /// A value was shown.
  case value(ShownValue)
  /// A figure was made.
  case figure(FigureRecord)
  /// A grader's program asked for a value of the student's code.
  case ask(GradeAsk)
  /// A student's program answered an ask.
  case answer(GradeAnswer)
  /// Block `block` called `name`, a handout's stub not answered yet: the program ended there.
  case notAnswered(block: Int, name: String)
  /// Block `block` evaluated the page's formula labelled `label`.
  case formula(block: Int, label: String)
}

extension BlockRecord: Codable {
  private enum CodingKeys: String, CodingKey {
    case kind = "record"
    case block
    case name
    case label
  }

  /// Encodes as one flat JSON object with a `record` key (see the type's documentation).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .started(let block):
      try container.encode("started", forKey: .kind)
      try container.encode(block, forKey: .block)
    case .finished(let block):
      try container.encode("finished", forKey: .kind)
      try container.encode(block, forKey: .block)
    case .check(let record):
      try container.encode("check", forKey: .kind)
      try record.encode(to: encoder)
    case .value(let record):
      try container.encode("value", forKey: .kind)
      try record.encode(to: encoder)
    case .figure(let record):
      try container.encode("figure", forKey: .kind)
      try record.encode(to: encoder)
    case .ask(let record):
      try container.encode("ask", forKey: .kind)
      try record.encode(to: encoder)
    case .answer(let record):
      try container.encode("answer", forKey: .kind)
      try record.encode(to: encoder)
    case .notAnswered(let block, let name):
      try container.encode("notAnswered", forKey: .kind)
      try container.encode(block, forKey: .block)
      try container.encode(name, forKey: .name)
    case .formula(let block, let label):
      try container.encode("formula", forKey: .kind)
      try container.encode(block, forKey: .block)
      try container.encode(label, forKey: .label)
    }
  }

  /// Decodes the forms written by `encode(to:)`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "started": self = .started(block: try container.decode(Int.self, forKey: .block))
    case "finished": self = .finished(block: try container.decode(Int.self, forKey: .block))
    case "check": self = .check(try CheckRecord(from: decoder))
    case "value": self = .value(try ShownValue(from: decoder))
    case "figure": self = .figure(try FigureRecord(from: decoder))
    case "ask": self = .ask(try GradeAsk(from: decoder))
    case "answer": self = .answer(try GradeAnswer(from: decoder))
    case "formula":
      self = .formula(
        block: try container.decode(Int.self, forKey: .block),
        label: try container.decode(String.self, forKey: .label))
    case "notAnswered":
      self = .notAnswered(
        block: try container.decode(Int.self, forKey: .block),
        name: try container.decode(String.self, forKey: .name))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "unknown record kind \(kind)")
    }
  }
}
