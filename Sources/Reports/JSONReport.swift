import BlockRecords
import Diagnostics
import Foundation

/// The JSON report of `hw verify --format json`: pretty-printed, keys sorted, no timestamps.
///
/// Schema (also `Tests/Fixtures/exec-reports/schema.json`, JSON Schema draft 2020-12):
/// ```
/// {
///   "schemaVersion": 1,
///   "counts": {"passed": N, "failed": N, "errors": N, "skipped": N, "total": N},
///   "succeeded": true | false,
///   "contentProblems": ["Content/hw.md:3:12: error: …", …] (bad TeX, front matter, …),
///   "output": {"status": "notCompared" | "matches" | "differs" | "missing",
///              "path": "Output" (missing only), "pages": ["hw/index.html", …] (differs only)},
///   "documents": [
///     { "path": "Content/hw.md",
///       "counts": {…as above…},
///       "blocks": [ {"index": 0, "line": 12, "status": "passed" | "failed" |
///                    "expectedFailureHeld" | "expectedFailureDidNotFail" | "compileError" |
///                    "crashed" | "timedOut" | "notRun",
///                    "message": "…" (crashed, timedOut, notRun, compileError),
///                    "location": {"file", "line", "column"} (crashed, when known),
///                    "formulas": ["nll-grad", …] (labels of the page's formulas the block
///                    evaluated as typeset, when it evaluated some)} ],
///       "items": [ {"name": "label", "block": 0,
///                   "location": {"file": "Content/hw.md", "line": 42, "column": 17},
///                   "outcome": "passed" | "failed" | "error" | "skipped",
///                   "message": "…" (unless passed), "kind": "compileError" | "crashed" |
///                   "timedOut" (errors only), "actual", "expected" (strings, close checks),
///                   "tolerance" (number, or "inf"/"nan", close checks)} ] } ] }
/// ```
/// Columns are 1-based UTF-8 bytes; 0 means unknown. Items are defined by `VerificationItem`.
public enum JSONReport {
  /// The report text, ending in a newline.
  public static func render(_ summary: VerificationSummary) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // A block may pass a tolerance of infinity or NaN.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let report = Report(summary)
    guard let data = try? encoder.encode(report) else {
      preconditionFailure("render(_:): the summary cannot be encoded")
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  struct Report: Encodable {
    var schemaVersion = 1
    var counts: VerificationCounts
    var succeeded: Bool
    var contentProblems: [String]
    var output: Output
    var documents: [Document]

    init(_ summary: VerificationSummary) {
      counts = summary.counts
      succeeded = summary.succeeded
      contentProblems = summary.contentProblems
      output = Output(summary.outputComparison)
      documents = summary.documents.map(Document.init)
    }
  }

  struct Output: Encodable {
    var status: Status
    var path: String?
    var pages: [String]?

    /// How the output folder compares, as the schema names it.
    enum Status: String, Encodable, CaseIterable {
      case notCompared, matches, differs, missing
    }

    init(_ comparison: VerificationSummary.OutputComparison) {
      switch comparison {
      case .notCompared: status = .notCompared
      case .matches: status = .matches
      case .outputFolderMissing(let path):
        status = .missing
        self.path = path
      case .differs(let pages):
        status = .differs
        self.pages = pages
      }
    }
  }

  struct Document: Encodable {
    var path: String
    var counts: VerificationCounts
    var blocks: [Block]
    var items: [Item]

    init(_ result: VerificationSummary.DocumentResult) {
      path = result.displayPath
      let items = VerificationItem.items(of: result.run, displayPath: result.displayPath)
      counts = VerificationCounts(items)
      blocks = result.run.blocks.map(Block.init)
      self.items = items.map(Item.init)
    }
  }

  struct Block: Encodable {
    var index: Int
    var line: Int
    var status: BlockStatus.Kind
    var message: String?
    var location: FileLocation?
    var formulas: [String]?

    init(_ run: BlockRun) {
      index = run.index
      line = run.line
      status = run.status.kind
      formulas = run.formulas.isEmpty ? nil : run.formulas
      switch run.status {
      case .compileError(let diagnostics):
        message = diagnostics.map(\.description).joined(separator: "\n")
      case .crashed(let text, let crashLocation):
        message = text
        location = crashLocation
      case .timedOut(let seconds):
        message = "ran past its time limit of \(NumberText.format(seconds)) s"
      case .notRun(let reason):
        message = reason
      default:
        break
      }
    }
  }

  struct Item: Encodable {
    var name: String
    var block: Int
    var location: FileLocation
    var outcome: VerificationItem.Outcome.Kind
    var message: String?
    var kind: VerificationItem.ErrorKind?
    var actual: String?
    var expected: String?
    var tolerance: Double?

    init(_ item: VerificationItem) {
      name = item.name
      block = item.block
      location = item.location
      outcome = item.outcome.kind
      message = item.outcome.message
      if case .error(let errorKind, _) = item.outcome { kind = errorKind }
      actual = item.check?.actual
      expected = item.check?.expected
      tolerance = item.check?.tolerance
    }
  }
}
