import ArgumentParser
import Diagnostics
import Execution
import Foundation
import Grading

/// `hw grade`: a class graded on the grader's hidden checks.
struct GradeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grade",
    abstract: "Grade submissions on a grader's hidden checks.",
    discussion: """
      A grader folder (--checks) holds Markdown files whose ```swift grade``` blocks are the \
      questions: each names a document and a heading of the submission and its points, and \
      calls ask(…) with an expression for the student's code, hidden inputs and a reference. \
      The grader's code runs once, in a sandbox, with the engine and no student code. Each \
      SUBMISSION is a folder holding Content/: its verify blocks run with the grader's asks \
      appended, in a sandbox; the values it gives are compared here with the references. \
      Nothing the student's program reports is taken as a verdict. A grade block may also \
      call askFormula(…) with the label of a display formula: the TeX the student typeset \
      is read from the submission and evaluated by the grader's code, with its bindings.

      Writes, in the output folder: for each submission, <id>/result.json, <id>/results.json \
      (Gradescope's format) and <id>/feedback.html; grades.csv for the class; .cache/, so \
      that an unchanged submission is not graded again. Prints a line per submission and \
      `N graded, mean …, N with problems`.

      Exit status: 0 when every submission was graded (a broken submission scores 0 on what \
      it breaks, with a located message), 1 when the grader has problems (each printed as \
      path:line:col: error: message; nothing is graded), 2 when hw cannot run.
      """)

  @Option(help: "The grader folder: Markdown files with ```swift grade``` blocks.")
  var checks: String

  @Argument(help: "Submission folders, each holding Content/.")
  var submissions: [String]

  @Option(help: "Submissions graded at once.")
  var jobs = 1

  @Option(help: "Where results go.")
  var output = "Grades"

  @Flag(help: "Show the hidden inputs and the references in results and feedback pages.")
  var showExpected = false

  @Option(
    help: ArgumentHelp(
      "The most seconds a student's block may run, whatever its timeout= says.",
      valueName: "seconds"))
  var blockTimeout = 30.0

  @Option(
    help: ArgumentHelp(
      "The most seconds one document of a submission may take in all (its runs again after a "
        + "failure included); the questions not answered by then score 0.",
      valueName: "seconds"))
  var submissionTimeout = 600.0

  @OptionGroup var sandbox: SandboxOptions

  func validate() throws {
    guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1 to 64") }
    guard blockTimeout > 0, blockTimeout <= 3600 else {
      throw ValidationError("--block-timeout must be a number of seconds in (0, 3600]")
    }
    guard submissionTimeout > 0, submissionTimeout <= 86400 else {
      throw ValidationError("--submission-timeout must be a number of seconds in (0, 86400]")
    }
    guard !submissions.isEmpty else { throw ValidationError("give at least one submission folder") }
  }

  func run() throws {
    do {
      try grade()
    } catch let error as ToolError {
      Console.error(error.description)
      throw ExitCode(2)
    }
  }

  private func grade() throws {
    try checkFolders()
    let (grader, problems) = try Grader.load(directory: checks)
    Console.report(problems)
    if problems.containsErrors { throw ExitCode(1) }

    let configuration = ExecutorConfiguration(
      runtimeDirectory: ExecutorConfiguration.executableDirectory, sandbox: sandbox.request)
    let probe = Executor(configuration: configuration)
    let level: SandboxLevel
    let compiler: String
    do {
      try probe.validate()
      compiler = try probe.toolchainFingerprint()
      let (found, warning) = try probe.sandboxLevel()
      level = found
      if sandbox.sandbox == nil, found != .bubblewrap {
        throw ToolError(
          (warning ?? "bubblewrap does not work here")
            + "; grading needs it to keep submissions from reading the grader and each "
            + "other: install bubblewrap, or pass --sandbox user to grade with less containment")
      }
      if found != .bubblewrap {
        Console.warning(
          "grading with --sandbox \(found.rawValue): a student's code can read files "
            + "that every user may read, the grader's included")
      }
    } catch let error as ExecutorError {
      throw ToolError(error.description)
    }
    let cache = output + "/.cache"
    try? FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
    let (judge, judgeProblems) = try Judge.run(
      grader, configuration: configuration, cacheDirectory: cache + "/judge",
      warn: { Console.warning($0) })
    Console.report(judgeProblems)
    if judgeProblems.containsErrors { throw ExitCode(1) }

    let grading = ClassGrading(
      grader: SubmissionGrader(
        grader: grader, judge: judge, configuration: configuration, showExpected: showExpected,
        blockTimeoutSeconds: blockTimeout, submissionTimeoutSeconds: submissionTimeout),
      output: output, jobs: jobs,
      environmentFingerprint: Self.environmentFingerprint(level: level)
        + "block-timeout \(blockTimeout) submission-timeout \(submissionTimeout)\n"
        + "compiler \(compiler)\n")
    let ids = ClassGrading.ids(for: submissions)
    let graded = try grading.run(submissions: submissions, ids: ids)
    for entry in graded {
      let result = entry.result
      var line =
        "\(result.id): \(pointsText(result.score)) of \(pointsText(result.maxScore))"
      if result.hasProblems { line += ", with problems (see \(output)/\(result.id)/feedback.html)" }
      if entry.fromCache { line += " (unchanged)" }
      Console.print(line)
    }
    let mean = graded.isEmpty ? 0 : graded.reduce(0) { $0 + $1.result.score } / Double(graded.count)
    let maximum = graded.first?.result.maxScore ?? 0
    Console.print(
      "\(graded.count) graded, mean \(pointsText(mean)) of \(pointsText(maximum)), "
        + "\(graded.filter { $0.result.hasProblems }.count) with problems")
  }

  /// The grader folder and the submissions must exist; the output folder must be apart from
  /// them (not inside one, none inside it).
  private func checkFolders() throws(ToolError) {
    let files = FileManager.default
    var isFolder: ObjCBool = false
    guard files.fileExists(atPath: checks, isDirectory: &isFolder), isFolder.boolValue else {
      throw ToolError("the grader folder '\(checks)' does not exist")
    }
    for submission in submissions {
      guard files.fileExists(atPath: submission, isDirectory: &isFolder), isFolder.boolValue else {
        throw ToolError("the submission folder '\(submission)' does not exist")
      }
    }
    do {
      try files.createDirectory(atPath: output, withIntermediateDirectories: true)
    } catch { throw ToolError("cannot create the output folder '\(output)'") }
    func real(_ path: String) -> String {
      URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
    func within(_ inner: String, _ outer: String) -> Bool {
      inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }
    let out = real(output)
    for (folder, what) in [(checks, "the grader folder")] + submissions.map({ ($0, "submission") })
    {
      let path = real(folder)
      if within(out, path) || within(path, out) {
        throw ToolError(
          "the output folder '\(output)' and \(what) '\(folder)' overlap: keep results apart "
            + "from what is graded")
      }
    }
  }

  /// `hw`, its runtime library and the sandbox level, as a fingerprint (path, size, mtime).
  static func environmentFingerprint(level: SandboxLevel) -> String {
    let directory = ExecutorConfiguration.executableDirectory
    let files = [
      directory + "/hw", directory + "/" + ExecutorConfiguration.runtimeLibraryName,
    ]
    var text = "sandbox \(level.rawValue)\n"
    for file in files {
      var status = stat()
      if stat(file, &status) == 0 {
        text += "\(file) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)\n"
      }
    }
    return text
  }
}
