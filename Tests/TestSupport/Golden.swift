import Foundation
import Testing

/// Golden files: text a test produces, compared with the file recorded under `Tests/Fixtures/`.
///
/// With `RECORD_GOLDEN=1` in the environment the file is written instead, and the test fails,
/// so a recording is never mistaken for a pass: review the change (`git diff Tests/Fixtures`),
/// then run the tests again without the switch.
public enum Golden {
  /// The environment variable that switches recording on (its value must be `1`).
  public static let recordSwitch = "RECORD_GOLDEN"

  /// Whether this run records golden files instead of comparing with them.
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment[recordSwitch] == "1"
  }

  /// The most differing lines one failure lists.
  static let listedDifferences = 20

  /// Compares `actual` with the golden file `fixture` (a path under `Tests/Fixtures/`, such as
  /// `figure-line/expected.svg`), or records it there and fails when recording.
  public static func check(
    _ actual: String, _ fixture: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = Repository.fixtures.appendingPathComponent(fixture)
    if isRecording {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      Issue.record(
        "recorded \(fixture); run again without \(recordSwitch) to compare",
        sourceLocation: sourceLocation)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard actual != expected else { return }
    Issue.record(
      Comment(rawValue: difference(fixture, actual: actual, expected: expected)),
      sourceLocation: sourceLocation)
  }

  /// Says where `actual` and `expected` differ: each differing line (up to a limit), with both
  /// versions, and the line counts when they differ.
  static func difference(_ fixture: String, actual: String, expected: String) -> String {
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    var report = ["\(fixture) differs from what the test produced"]
    var listed = 0
    for line in 0..<max(got.count, want.count) {
      let a = line < got.count ? got[line] : "<end>"
      let e = line < want.count ? want[line] : "<end>"
      guard a != e else { continue }
      if listed == listedDifferences {
        report.append("  …")
        break
      }
      report.append("line \(line + 1):\n  got:  \(a.prefix(500))\n  want: \(e.prefix(500))")
      listed += 1
    }
    if got.count != want.count {
      report.append("\(got.count) lines, the golden file has \(want.count)")
    }
    return report.joined(separator: "\n")
  }
}
