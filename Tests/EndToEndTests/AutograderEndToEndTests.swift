import Foundation
import Grading
import TestSupport
import Testing

/// The autograder zip as Gradescope uses it: written from the grading fixture's grader, unpacked
/// into a folder laid out as Gradescope lays out `/autograder/`, and `run_autograder` run there
/// (`AUTOGRADER_ROOT`) with the built `hw` (`HW`) in place of the release build `setup.sh`
/// makes, on a right upload, a wrong one and broken ones.
@Suite(.serialized) struct AutograderEndToEndTests {
  static let fixtures = Repository.fixtures.appendingPathComponent("grading")

  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
  }

  /// The zip, written once for every test from a grader folder without the fixture's
  /// `content:` line.
  final class Zip: @unchecked Sendable {
    let folder = TemporaryFolder()
    var path: String { folder.path + "/autograder.zip" }

    init() throws {
      let checks = try AutograderEndToEndTests.fixture("checks.md")
        .split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("content:") }.joined(separator: "\n")
      folder.write("grader/checks.md", checks)
      try Autograder.write(
        to: path, graderDirectory: folder.path + "/grader",
        hwSourceDirectory: Repository.root.path)
    }
  }

  static let zip = Result(catching: { try Zip() })

  /// Gradescope's `/autograder/`: the zip unpacked in `source/`, the upload in `submission/`
  /// (each path → text), an empty `results/`, and `submission_metadata.json`.
  static func autograderRoot(upload: [String: String]) throws -> TemporaryFolder {
    let root = TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: root.path + "/source", withIntermediateDirectories: true)
    try ZipFiles.extract(try zip.get().path, into: root.path + "/source")
    try FileManager.default.createDirectory(
      atPath: root.path + "/submission", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: root.path + "/results", withIntermediateDirectories: true)
    for (path, text) in upload { root.write("submission/" + path, text) }
    root.write(
      "submission_metadata.json",
      #"{"id": 1, "created_at": "2025-10-15T12:00:00Z", "users": [{"name": "Ada Lovelace", "#
        + #""email": "ada@example.edu", "id": 7}], "assignment": {"title": "A small homework"}}"#)
    return root
  }

  /// Runs `source/run_autograder` in `root` as Gradescope does (working folder the root), with
  /// `hw` as given: the built one unless told otherwise.
  static func runAutograder(in root: TemporaryFolder, hw: String? = nil) throws -> Program.Result {
    let env = try #require(Program.find("env"))
    return try Program.run(
      env,
      [
        "AUTOGRADER_ROOT=" + root.path, "HW=" + (hw ?? (try BuiltProducts.hw().path)),
        root.path + "/source/run_autograder",
      ], in: root.url)
  }

  /// `results/results.json`, checked against Gradescope's documented format: a numeric
  /// `score` and `output` text; each test with `name`, `score`, `max_score`, `status`
  /// (`passed`/`failed`), `output` and `visibility`.
  static func results(in root: TemporaryFolder) throws -> [String: Any] {
    let data = try #require(
      FileManager.default.contents(atPath: root.path + "/results/results.json"),
      "no results.json")
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["score"] is NSNumber)
    #expect(object["output"] is String)
    let tests = try #require(object["tests"] as? [[String: Any]])
    var total = 0.0
    for test in tests {
      #expect(test["name"] is String)
      let score = try #require(test["score"] as? Double)
      let maximum = try #require(test["max_score"] as? Double)
      #expect(score >= 0 && score <= maximum)
      total += score
      #expect(["passed", "failed"].contains(test["status"] as? String))
      #expect(test["output"] is String)
      #expect(
        ["visible", "hidden", "after_due_date", "after_published"]
          .contains(test["visibility"] as? String))
    }
    #expect(abs(total - ((object["score"] as? Double) ?? -1)) < 1e-9)
    return object
  }

  static var canRun: Bool {
    (try? BuiltProducts.hw()) != nil && ZipFiles.readerMissing == nil
      && Program.find("env") != nil
  }

  @Test(.enabled(if: canRun, "needs the built hw and a zip reader"))
  func gradesARightUploadInFull() throws {
    let root = try Self.autograderRoot(upload: ["Content/hw.md": try Self.fixture("hw.md")])
    let run = try Self.runAutograder(in: root)
    #expect(run.status == 0, "\(run.output)")
    let results = try Self.results(in: root)
    #expect(results["score"] as? Double == 3, "\(run.output)")
    let tests = try #require(results["tests"] as? [[String: Any]])
    #expect(tests.count == 2)
    #expect(tests.allSatisfy { $0["visibility"] as? String == "after_published" })
    #expect(tests.allSatisfy { $0["status"] as? String == "passed" })
  }

  @Test(.enabled(if: canRun, "needs the built hw and a zip reader"))
  func gradesAWrongUploadOfMarkdownAtItsTop() throws {
    let wrong = try Self.fixture("hw.md")
      .replacingOccurrences(of: "v.map { $0 * $0 }", with: "v.map { 2 * $0 }")
    #expect(wrong != (try Self.fixture("hw.md")))
    let root = try Self.autograderRoot(upload: ["hw.md": wrong])
    let run = try Self.runAutograder(in: root)
    #expect(run.status == 0, "\(run.output)")
    let results = try Self.results(in: root)
    #expect(results["score"] as? Double == 1, "\(run.output)")
    let tests = try #require(results["tests"] as? [[String: Any]])
    #expect(tests.map { $0["status"] as? String } == ["failed", "passed"])
  }

  @Test(.enabled(if: canRun, "needs the built hw and a zip reader"))
  func anEmptyUploadScoresZeroWithResultsAllTheSame() throws {
    let root = try Self.autograderRoot(upload: [:])
    let run = try Self.runAutograder(in: root)
    #expect(run.status == 0, "\(run.output)")
    let results = try Self.results(in: root)
    #expect(results["score"] as? Double == 0, "\(run.output)")
    #expect(!(results["output"] as? String ?? "").isEmpty)
  }

  @Test(.enabled(if: canRun, "needs the built hw and a zip reader"))
  func aFailureToGradeStillWritesResultsThatSaySo() throws {
    let root = try Self.autograderRoot(upload: ["Content/hw.md": try Self.fixture("hw.md")])
    let run = try Self.runAutograder(in: root, hw: root.path + "/source/hw/.build/release/hw")
    #expect(run.status == 0, "\(run.output)")
    let results = try Self.results(in: root)
    #expect(results["score"] as? Double == 0)
    let output = results["output"] as? String ?? ""
    #expect(output.contains("could not grade") && output.contains("hw is not built"), "\(output)")
    #expect((results["tests"] as? [Any])?.isEmpty == true)
  }
}
