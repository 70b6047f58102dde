import Diagnostics

/// How a verification block ended.
public enum BlockStatus: Sendable, Equatable {
  /// Ran to its end and every check held (or it made no checks).
  case passed
  /// Ran to its end and at least one check failed.
  case failed
  /// An `expect-failure` block in which at least one check failed, as it should.
  case expectedFailureHeld
  /// An `expect-failure` block that ran to its end with every check holding.
  case expectedFailureDidNotFail
  /// The document did not compile; these are the errors located in this block.
  case compileError([Diagnostic])
  /// The runner died while this block ran: `message` from the runtime (e.g.
  /// `Fatal error: Index out of range`), `location` the innermost line in the Markdown file
  /// when the backtrace shows one.
  case crashed(message: String, location: FileLocation?)
  /// The block ran past its time limit (seconds) and the runner was killed.
  case timedOut(seconds: Double)
  /// The block was not run; `reason` says why (an earlier block crashed, timed out, …).
  case notRun(reason: String)

  /// True for the statuses a grader counts as good: passed and expectedFailureHeld.
  public var isSuccess: Bool {
    switch self {
    case .passed, .expectedFailureHeld: return true
    default: return false
    }
  }

  /// The statuses without what they carry; the raw values are the stable names that records
  /// and reports write.
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case passed, failed, expectedFailureHeld, expectedFailureDidNotFail, compileError, crashed
    case timedOut, notRun
  }

  /// Which status this is.
  public var kind: Kind {
    switch self {
    case .passed: return .passed
    case .failed: return .failed
    case .expectedFailureHeld: return .expectedFailureHeld
    case .expectedFailureDidNotFail: return .expectedFailureDidNotFail
    case .compileError: return .compileError
    case .crashed: return .crashed
    case .timedOut: return .timedOut
    case .notRun: return .notRun
    }
  }
}

extension BlockStatus: Codable {
  private enum CodingKeys: String, CodingKey {
    case status, diagnostics, message, location, seconds, reason
  }

  /// Encodes as `{"status":"crashed","message":…,"location":…}` and the like: the `status`
  /// key holds `kind`, the other keys the associated values.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(kind, forKey: .status)
    switch self {
    case .compileError(let diagnostics):
      try container.encode(diagnostics, forKey: .diagnostics)
    case .crashed(let message, let location):
      try container.encode(message, forKey: .message)
      try container.encodeIfPresent(location, forKey: .location)
    case .timedOut(let seconds):
      try container.encode(seconds, forKey: .seconds)
    case .notRun(let reason):
      try container.encode(reason, forKey: .reason)
    default:
      break
    }
  }

  /// Decodes the form written by `encode(to:)`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decode(String.self, forKey: .status)
    guard let kind = Kind(rawValue: name) else {
      throw DecodingError.dataCorruptedError(
        forKey: .status, in: container, debugDescription: "unknown block status \(name)")
    }
    switch kind {
    case .passed: self = .passed
    case .failed: self = .failed
    case .expectedFailureHeld: self = .expectedFailureHeld
    case .expectedFailureDidNotFail: self = .expectedFailureDidNotFail
    case .compileError:
      self = .compileError(try container.decode([Diagnostic].self, forKey: .diagnostics))
    case .crashed:
      self = .crashed(
        message: try container.decode(String.self, forKey: .message),
        location: try container.decodeIfPresent(FileLocation.self, forKey: .location))
    case .timedOut: self = .timedOut(seconds: try container.decode(Double.self, forKey: .seconds))
    case .notRun: self = .notRun(reason: try container.decode(String.self, forKey: .reason))
    }
  }
}
