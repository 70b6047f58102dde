import ArgumentParser
import Diagnostics
import Execution
import Foundation
import Grading

/// `hw assign`: one instructor source to a handout, solutions, a grader and an autograder.
struct AssignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assign",
    abstract: "Turn an instructor's source into a handout, solutions, a grader and an autograder.",
    discussion: """
      SOURCE is a folder of Markdown documents (and their data files) with the solutions and \
      the grader's checks in them: <!-- solution --> … <!-- end solution --> around prose and \
      math to hide (<!-- solution: text --> gives the text shown instead), ```swift verify \
      solution blocks (handed out as stubs: each function and typed constant they declare, \
      with a body that says "not answered yet"), and ```swift grade points=N [public] blocks \
      under the heading of the question they check.

      Writes, in the output folder: student/Content/ (the handout; student/Grader/ holds the \
      public checks, which `hw check` runs), solutions/ (the full site, built and verified), \
      grader/ (every check, as `hw grade --checks` reads them) and autograder.zip (for \
      Gradescope). Before writing anything, it builds the solutions, runs the grader's code \
      and grades the handout, so that an ask that does not compile against the stubs is \
      reported in the source. Nothing is written when there is a problem.

      Exit status: 0 when all was written, 1 when the source has problems (each printed as \
      path:line:col: error: message), 2 when hw cannot run.
      """)

  @Argument(help: "The instructor's folder.")
  var source: String

  @Option(help: "Where to write (a new or empty folder, or one hw assign wrote).")
  var output: String

  @Option(
    help: ArgumentHelp(
      "hw's package folder, put into the autograder (default: the one hw was built from).",
      valueName: "dir"))
  var hwSource: String?

  @Flag(help: "Write no autograder.zip.")
  var noAutograder = false

  @OptionGroup var sandbox: SandboxOptions

  func run() throws {
    let configuration = ExecutorConfiguration(
      runtimeDirectory: ExecutorConfiguration.executableDirectory, sandbox: sandbox.request)
    do {
      try Executor(configuration: configuration).validate()
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    var autograder: (@Sendable (String, String) throws(ToolError) -> Void)?
    if !noAutograder {
      guard
        let packageFolder = hwSource
          ?? Autograder.sourceDirectory(
            executableDirectory: ExecutorConfiguration.executableDirectory)
      else {
        Console.error(
          "cannot find hw's sources for the autograder: pass --hw-source DIR (the folder of "
            + "hw's Package.swift), or --no-autograder")
        throw ExitCode(2)
      }
      autograder = { zip, grader throws(ToolError) in
        try Autograder.write(to: zip, graderDirectory: grader, hwSourceDirectory: packageFolder)
      }
    }
    let outcome: AssignPipeline.Outcome
    do {
      outcome = try AssignPipeline(
        source: source, output: output, configuration: configuration, autograder: autograder,
        warn: { Console.warning($0) }
      ).run()
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    Console.report(outcome.diagnostics)
    if outcome.diagnostics.containsErrors {
      Console.print("Nothing written: the source has problems.")
      throw ExitCode(1)
    }
    let documents = outcome.documents == 1 ? "1 document" : "\(outcome.documents) documents"
    Console.print(
      "Wrote \(output): \(documents), \(outcome.questions) questions "
        + "(\(outcome.publicQuestions) with public checks)"
        + (noAutograder ? "." : ", autograder.zip."))
  }
}

/// `hw check`: a student's own work against the public checks handed out with it.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Run the public checks of a handout on your own work.",
    discussion: """
      Grades the folder that holds the content folder with the checks in --checks (default \
      Grader, as `hw assign` hands them out), the way the hidden checks will be run: in a \
      sandbox, on inputs of the grader's. Prints each question with its points and what \
      went wrong. Nothing is written beside your work.

      Exit status: 0 when every public check passes, 1 when one does not, 2 when hw cannot run.
      """)

  @Option(help: "The content folder of your work.")
  var content = "Content"

  @Option(help: "The public checks.")
  var checks = "Grader"

  @OptionGroup var sandbox: SandboxOptions

  func run() throws {
    let folder = URL(fileURLWithPath: content).standardizedFileURL.deletingLastPathComponent().path
    guard URL(fileURLWithPath: content).standardizedFileURL.lastPathComponent == "Content" else {
      Console.error("the content folder must be named Content, as a submission's is")
      throw ExitCode(2)
    }
    let output = NSTemporaryDirectory() + "hw-check-\(getpid())-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: output) }
    let configuration = ExecutorConfiguration(
      runtimeDirectory: ExecutorConfiguration.executableDirectory, sandbox: sandbox.request)
    let graded: [ClassGrading.Graded]
    do {
      let (grader, problems) = try Grader.load(directory: checks)
      Console.report(problems)
      if problems.containsErrors { throw ExitCode(2) }
      let (judge, judgeProblems) = try Judge.run(
        grader, configuration: configuration, cacheDirectory: nil,
        warn: { Console.warning($0) })
      Console.report(judgeProblems)
      if judgeProblems.containsErrors { throw ExitCode(2) }
      graded = try ClassGrading(
        grader: SubmissionGrader(
          grader: grader, judge: judge, configuration: configuration, showExpected: false),
        output: output, jobs: 1, environmentFingerprint: ""
      ).run(submissions: [folder], ids: ["work"])
    } catch let error as ToolError {
      Console.error(error.description)
      throw ExitCode(2)
    }
    guard let result = graded.first?.result else { throw ExitCode(2) }
    for problem in result.problems { Console.print(problem) }
    for question in result.questions {
      Console.print(
        "\(question.title): \(pointsText(question.score)) of \(pointsText(question.maxScore))")
      for ask in question.asks where !ask.passed {
        Console.print("  \(ask.signature): \(ask.message)")
      }
      for problem in question.problems { Console.print("  " + problem) }
    }
    Console.print(
      "\(pointsText(result.score)) of \(pointsText(result.maxScore)) points on the public checks")
    if result.score < result.maxScore { throw ExitCode(1) }
  }
}
