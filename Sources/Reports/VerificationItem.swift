import BlockRecords
import Diagnostics

/// One graded thing, the unit of every report (a JUnit test case, a Gradescope test):
/// - each check of a block that ran as an ordinary block (passed or failed);
/// - one item for an `expect-failure` block (passed when a check failed, failed when none did;
///   its checks are not items of their own);
/// - one error item for a block that did not compile, crashed or timed out (checks it made
///   before crashing are still items);
/// - one skipped item for a block that was not run.
/// A block that ran without checks gives no item.
public struct VerificationItem: Sendable, Equatable {
  /// The verdict.
  public enum Outcome: Sendable, Equatable {
    /// The check held (or an expect-failure block failed as it should).
    case passed
    /// A check failed (or an expect-failure block did not fail); `message` says how.
    case failed(message: String)
    /// The block did not compile, crashed or timed out; `kind` says which.
    case error(kind: ErrorKind, message: String)
    /// The block was not run.
    case skipped(reason: String)

    /// The kinds of verdict, named as the reports write them.
    public enum Kind: String, Sendable, CaseIterable, Codable {
      case passed, failed, error, skipped
    }

    /// Which kind of verdict this is.
    public var kind: Kind {
      switch self {
      case .passed: return .passed
      case .failed: return .failed
      case .error: return .error
      case .skipped: return .skipped
      }
    }

    /// The message of a failed, error or skipped outcome.
    public var message: String? {
      switch self {
      case .passed: return nil
      case .failed(let message): return message
      case .error(_, let message): return message
      case .skipped(let reason): return reason
      }
    }
  }

  /// Why a block came to no verdict, named as the reports write it.
  public enum ErrorKind: String, Sendable, CaseIterable, Codable {
    /// The document did not compile; the errors are located in this block.
    case compileError
    /// The runner died while this block ran.
    case crashed
    /// The block ran past its time limit.
    case timedOut
  }

  /// The document's display path.
  public var document: String
  /// 0-based block index.
  public var block: Int
  /// The check's label, or a description of the block (`block at line 12`).
  public var name: String
  /// Where it is in the Markdown file.
  public var location: FileLocation
  /// The verdict.
  public var outcome: Outcome
  /// The check record, for check items.
  public var check: CheckRecord?
  /// The block's stdout and stderr, for error items (empty otherwise).
  public var output: String

  /// The items of one document (see the type's documentation).
  public static func items(of run: DocumentRun, displayPath: String) -> [VerificationItem] {
    var items: [VerificationItem] = []
    for block in run.blocks {
      let blockLocation = FileLocation(path: displayPath, line: block.line, column: 0)
      let blockName = "block at line \(block.line)"
      func item(_ outcome: Outcome, at location: FileLocation = blockLocation) -> VerificationItem {
        VerificationItem(
          document: displayPath, block: block.index, name: blockName, location: location,
          outcome: outcome, check: nil,
          output: [block.stdout, block.stderr].filter { !$0.isEmpty }.joined(separator: "\n"))
      }
      switch block.status {
      case .expectedFailureHeld:
        items.append(item(.passed))
        items[items.count - 1].name = "expect-failure block at line \(block.line)"
        continue
      case .expectedFailureDidNotFail:
        items.append(item(.failed(message: "expect-failure block did not fail: every check held")))
        items[items.count - 1].name = "expect-failure block at line \(block.line)"
        continue
      case .notRun(let reason):
        items.append(item(.skipped(reason: "block not run: \(reason)")))
        continue
      default:
        break
      }
      for check in block.checks {
        items.append(
          VerificationItem(
            document: displayPath, block: block.index, name: check.label,
            location: check.location,
            outcome: check.passed ? .passed : .failed(message: Self.failureMessage(check)),
            check: check, output: ""))
      }
      switch block.status {
      case .compileError(let diagnostics):
        let first = diagnostics.first
        items.append(
          item(
            .error(
              kind: .compileError,
              message: diagnostics.map(\.description).joined(separator: "\n")),
            at: first.flatMap(\.fileLocation) ?? blockLocation))
        if let first { items[items.count - 1].name = "\(blockName): \(first.message)" }
      case .crashed(let message, let location):
        items.append(
          item(
            .error(kind: .crashed, message: "block crashed: \(message)"),
            at: location ?? blockLocation))
      case .timedOut(let seconds):
        items.append(
          item(
            .error(
              kind: .timedOut,
              message: "block ran past its time limit of \(NumberText.format(seconds)) s")))
      default:
        break
      }
    }
    return items
  }

  /// `check failed: label (actual 4, expected 5, tolerance 1e-08, worst index 2, scaled
  /// error 0.2)`. A vector of more than `CheckRecord.longVector` entries is named by its worst
  /// element instead: `check failed: label (25 entries, worst at index 7: actual 0.5, expected 0.48,
  /// scaled error 0.02, tolerance 1e-08)`.
  public static func failureMessage(_ check: CheckRecord) -> String {
    var details: [String] = []
    if let worst = check.worstElementSummary {
      details.append(worst)
      if let tolerance = check.tolerance {
        details.append("tolerance \(NumberText.format(tolerance))")
      }
    } else {
      if let actual = check.actual { details.append("actual \(actual)") }
      if let expected = check.expected { details.append("expected \(expected)") }
      if let tolerance = check.tolerance {
        details.append("tolerance \(NumberText.format(tolerance))")
      }
      if let index = check.worstIndex { details.append("worst index \(index)") }
      if let error = check.worstError { details.append("scaled error \(error)") }
    }
    if let note = check.note { details.append(note) }
    let suffix = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"
    return "check failed: \(check.label)\(suffix)"
  }
}
