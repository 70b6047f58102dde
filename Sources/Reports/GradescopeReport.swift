import Foundation

/// The Gradescope `results.json` of `hw verify --format gradescope`.
///
/// One test per `VerificationItem`, worth one point: `name` is `path:line: label`, `score`
/// 1 or 0, `max_score` 1, `status` `passed` or `failed` (errors and blocks not run are failed,
/// their `output` says which), `output` the explanation. When the committed site was compared,
/// one more test `Committed site matches a fresh build` with `max_score` 0 and a status; and
/// `Content has no errors` (bad TeX, front matter, block options), also worth 0 points.
/// The top-level `score` is the sum of the tests' scores; `output` is the closing text line.
public enum GradescopeReport {
  /// The JSON text, ending in a newline.
  public static func render(_ summary: VerificationSummary) -> String {
    var tests = summary.items.map { item -> Test in
      let passed = item.outcome == .passed
      var output = item.outcome.message ?? ""
      if case .error(let kind, _) = item.outcome { output = "[\(kind.rawValue)] " + output }
      if case .skipped = item.outcome { output = "[skipped] " + output }
      if !item.output.isEmpty { output += "\n\n" + item.output }
      return Test(
        name: "\(item.location.path):\(item.location.location.line): \(item.name)",
        score: passed ? 1 : 0, maxScore: 1, status: passed ? .passed : .failed,
        output: output)
    }
    tests.append(
      Test(
        name: "Content has no errors", score: 0, maxScore: 0,
        status: summary.contentProblems.isEmpty ? .passed : .failed,
        output: summary.contentProblems.joined(separator: "\n")))
    switch summary.outputComparison {
    case .matches:
      tests.append(
        Test(
          name: "Committed site matches a fresh build", score: 0, maxScore: 0,
          status: .passed, output: ""))
    case .differs(let pages):
      tests.append(
        Test(
          name: "Committed site matches a fresh build", score: 0, maxScore: 0,
          status: .failed,
          output: "pages that differ:\n" + pages.joined(separator: "\n")))
    case .notCompared, .outputFolderMissing:
      break
    }
    let counts = summary.counts
    let report = Results(
      score: tests.reduce(0) { $0 + $1.score },
      output: "\(counts.passed) passed, \(counts.failed + counts.errors) failed"
        + (counts.skipped > 0 ? ", \(counts.skipped) not run" : ""),
      tests: tests)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(report) else {
      preconditionFailure("render(_:): the summary cannot be encoded")
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The top level of `results.json`.
  struct Results: Encodable {
    var score: Double
    var output: String
    var tests: [Test]
  }

  /// One test; field names are Gradescope's.
  struct Test: Encodable {
    var name: String
    var score: Double
    var maxScore: Double
    var status: Status
    var output: String

    /// A test's status; Gradescope's names.
    enum Status: String, Encodable {
      case passed, failed
    }

    private enum CodingKeys: String, CodingKey {
      case name, score, status, output
      case maxScore = "max_score"
    }
  }
}
