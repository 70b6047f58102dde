import Diagnostics
import Digest
import Execution
import Foundation
import Synchronization

/// Grades a class: every submission folder, `jobs` at a time, each result written to
/// `<output>/<id>/` (`result.json`, `results.json`, `feedback.html`) and the class's
/// `grades.csv`. A submission whose files, grader, engine and `hw` are unchanged since it was
/// last graded is not graded again: its result is read from `<output>/.cache/`.
public struct ClassGrading: Sendable {
  /// Grades one submission.
  public var grader: SubmissionGrader
  /// Where results go.
  public var output: String
  /// Submissions graded at once.
  public var jobs: Int
  /// What else decides a result: `hw` and its runtime, the compiler, the sandbox level.
  public var environmentFingerprint: String

  /// Creates a class grading.
  public init(grader: SubmissionGrader, output: String, jobs: Int, environmentFingerprint: String) {
    self.grader = grader
    self.output = output
    self.jobs = jobs
    self.environmentFingerprint = environmentFingerprint
  }

  /// One graded submission, and whether its result came from the cache.
  public struct Graded: Sendable {
    /// The result.
    public var result: SubmissionResult
    /// True when read from the cache.
    public var fromCache: Bool
  }

  /// Grades `submissions` (folders), in order, each under the id `ids[i]`, and writes every
  /// file; `progress` hears of each submission as it is done. Throws only when the output
  /// folder cannot be written.
  public func run(
    submissions: [String], ids: [String]
  ) throws(ToolError) -> [Graded] {
    let cache = output + "/.cache"
    do {
      try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
    } catch { throw ToolError("cannot create the output folder '\(output)'") }
    let slots = Mutex<[Graded?]>(Array(repeating: nil, count: submissions.count))
    let next = Atomic<Int>(0)
    let failure = Mutex<ToolError?>(nil)
    let workers = max(1, min(jobs, submissions.count))
    // A thread per job (a dispatch queue's concurrentPerform would cap them at the cores).
    let group = DispatchGroup()
    for _ in 0..<workers {
      group.enter()
      let thread = Thread {
        defer { group.leave() }
        while true {
          let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard index < submissions.count else { return }
          let graded = grade(submissions[index], id: ids[index], cache: cache)
          do throws(ToolError) {
            try write(graded.result)
          } catch {
            failure.withLock { $0 = $0 ?? error }
          }
          slots.withLock { $0[index] = graded }
        }
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    group.wait()
    if let error = failure.withLock({ $0 }) { throw error }
    let graded = slots.withLock { $0.compactMap { $0 } }
    try Self.write(
      Data(GradeReports.csv(graded.map(\.result), questions: grader.grader.questions).utf8),
      to: output + "/grades.csv")
    return graded
  }

  private func grade(_ folder: String, id: String, cache: String) -> Graded {
    var hash = SHA256()
    hash.update("hw-grade v1\n\(environmentFingerprint)\ngrader \(grader.grader.fingerprint)\n")
    hash.update("show-expected \(grader.showExpected)\nid \(id)\n")
    SubmissionFiles.fingerprint(of: folder, into: &hash)
    let key = hash.hexDigest()
    let cached = cache + "/" + key + ".json"
    if let data = FileManager.default.contents(atPath: cached),
      let result = GradeReports.result(from: data)
    {
      return Graded(result: result, fromCache: true)
    }
    let result = grader.grade(folder: folder, id: id)
    // A run that could not be made, or ran out of time, may go better on another try (a
    // machine less busy): it is not kept.
    let lasting = !(result.problems + result.questions.flatMap(\.problems)).contains {
      $0.contains("could not be run") || $0.contains("time limit") || $0.contains("time budget")
    }
    if lasting { try? Self.write(GradeReports.json(result), to: cached) }
    return Graded(result: result, fromCache: false)
  }

  private func write(_ result: SubmissionResult) throws(ToolError) {
    let folder = output + "/" + result.id
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch { throw ToolError("cannot create '\(folder)'") }
    try Self.write(GradeReports.json(result), to: folder + "/result.json")
    try Self.write(GradeReports.gradescope(result), to: folder + "/results.json")
    try Self.write(Data(GradeReports.feedback(result).utf8), to: folder + "/feedback.html")
  }

  /// Writes `data` to `path` whole or not at all: a file beside it, then a rename.
  static func write(_ data: Data, to path: String) throws(ToolError) {
    let temporary = path + ".partial-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    guard FileManager.default.createFile(atPath: temporary, contents: data),
      rename(temporary, path) == 0
    else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw ToolError("cannot write '\(path)'")
    }
  }

  /// An id for each submission folder: its name, made safe as a folder name (letters, digits,
  /// `.`, `-`, `_`; anything else `_`), with `-2`, `-3`, … for repeats.
  public static func ids(for submissions: [String]) -> [String] {
    var used: Set<String> = []
    return submissions.map { folder in
      let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
      var safe = String(
        name.unicodeScalars.map {
          $0.isASCII
            && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
              || "._-".unicodeScalars.contains($0))
            ? Character($0) : "_"
        }.prefix(100))
      // Not hidden, and not the class's own file.
      if safe.isEmpty || safe.hasPrefix(".") || safe == "grades.csv" {
        safe = "submission" + (safe.hasPrefix(".") ? "" : "-") + safe
      }
      var candidate = safe
      var count = 1
      while used.contains(candidate) {
        count += 1
        candidate = "\(safe)-\(count)"
      }
      used.insert(candidate)
      return candidate
    }
  }
}
