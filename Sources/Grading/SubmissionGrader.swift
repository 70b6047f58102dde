import BlockRecords
import Builder
import Diagnostics
import Execution
import Foundation

/// Grades one submission: for each document the grader asks about, the student's verify blocks
/// and then the grader's asks run as one program in a sandbox; the values it wrote are read once
/// every process of it is gone, and compared with the judge's references here, in `hw`.
///
/// One question's failure costs that question only: an ask that does not compile against the
/// student's code, crashes or runs too long is charged to its question and the program runs
/// again without it; a student block that does not compile, crashes or runs too long is
/// reported and the program runs again without it and the blocks after it.
public struct SubmissionGrader: Sendable {
  /// The grader.
  public var grader: Grader
  /// Its asks and references.
  public var judge: Judge
  /// How runs are made (compiler, runtime, sandbox, limits); the content folder and cache are
  /// set for each submission (no cache: the submission's own `.hw-cache/` is never read).
  public var configuration: ExecutorConfiguration
  /// Whether results show the hidden inputs and the references.
  public var showExpected: Bool
  /// The most seconds a student's block may run, whatever its `timeout=` says, so that one
  /// submission cannot hold up a class for an hour.
  public var blockTimeoutSeconds: Double
  /// The most seconds one document of a submission may take in all, rounds included; the asks
  /// not settled by then score 0.
  public var submissionTimeoutSeconds: Double

  /// Creates a grader of submissions.
  public init(
    grader: Grader, judge: Judge, configuration: ExecutorConfiguration, showExpected: Bool,
    blockTimeoutSeconds: Double = 30, submissionTimeoutSeconds: Double = 600
  ) {
    self.submissionTimeoutSeconds = submissionTimeoutSeconds
    self.grader = grader
    self.judge = judge
    self.configuration = configuration
    self.showExpected = showExpected
    self.blockTimeoutSeconds = blockTimeoutSeconds
  }

  /// Grades the submission folder `folder` (which holds `Content/`) as `id`.
  public func grade(folder: String, id: String) -> SubmissionResult {
    var result = SubmissionResult(
      id: id, name: nil, email: nil, score: 0,
      maxScore: grader.questions.reduce(0) { $0 + $1.points },
      questions: grader.questions.map {
        SubmissionResult.Question(
          id: $0.id, title: $0.title, document: $0.document, score: 0, maxScore: $0.points,
          visibility: $0.visibility, asks: [], problems: [])
      }, selfChecks: [], problems: [])
    (result.name, result.email) = SubmissionFiles.metadata(in: folder)
    guard let content = SubmissionFiles.contentFolder(of: folder) else {
      result.problems.append(
        "Content: error: the submission has no Content/ folder (or it leads outside the "
          + "submission): nothing to grade")
      return result
    }
    var documents: [String] = []
    for question in grader.questions where !documents.contains(question.document) {
      documents.append(question.document)
    }
    for document in documents {
      gradeDocument(document, content: content, into: &result)
    }
    result.score = result.questions.reduce(0) { $0 + $1.score }
    return result
  }

  /// One ask waiting to be answered: its question, its place there, and the ask.
  private struct Pending {
    var question: Int
    var ordinal: Int
    var ask: GradeAsk
  }

  private func gradeDocument(
    _ document: String, content: String, into result: inout SubmissionResult
  ) {
    let displayPath = "Content/" + document
    let questionIndices = grader.questions.indices.filter {
      grader.questions[$0].document == document
    }
    var answered: [Int: [Int: SubmissionResult.Ask]] = [:]
    func charge(_ item: Pending, _ message: String, problem: Bool) {
      var entry = unanswered(item.ask)
      entry.message = message
      answered[item.question, default: [:]][item.ordinal] = entry
      // Once a question: asks alike (one call at two inputs) meet the same problem.
      let text = "\(displayPath): error: \(AskCode.signature(item.ask)): \(message)"
      if problem, !result.questions[item.question].problems.contains(text) {
        result.questions[item.question].problems.append(text)
      }
    }
    var pending: [Pending] = []
    for question in questionIndices {
      for (ordinal, ask) in judge.asks[question].enumerated() {
        pending.append(Pending(question: question, ordinal: ordinal, ask: ask))
      }
    }
    defer {
      for question in questionIndices {
        let asks = (answered[question] ?? [:]).sorted { $0.key < $1.key }
        result.questions[question].asks = asks.map(\.value)
        let weights = judge.weights[question]
        let score = asks.reduce(0.0) { total, entry in
          total + (entry.value.passed && entry.key < weights.count ? weights[entry.key] : 0)
        }
        // Sums of shares round: a question answered in full gets its points exactly.
        let full = asks.count == weights.count && asks.allSatisfy(\.value.passed)
        result.questions[question].score = full ? grader.questions[question].points : score
      }
    }
    guard let bytes = SubmissionFiles.document(document, in: content) else {
      result.problems.append(
        "\(displayPath): error: no such document (or it leads outside the submission); the "
          + "grader asks about it")
      for item in pending { charge(item, "the document is missing", problem: false) }
      return
    }
    let outline = DocumentOutline.read(bytes, path: displayPath)
    result.problems += outline.diagnostics.filter { $0.severity == .error }.map(\.description)
    for question in questionIndices
    where outline.heading(named: grader.questions[question].heading) == nil {
      result.questions[question].problems.append(
        "\(displayPath): warning: no heading '\(grader.questions[question].heading)'; the "
          + "question is graded all the same")
    }
    // Asks about a typeset formula are answered by the grader's program from the TeX that
    // `hw` read; nothing of the student's runs for them, so they are asked meanwhile, and
    // settled (before the scores are added up) however this document's grading ends.
    let formulaAsks = pending.filter { $0.ask.formula != nil }
    pending.removeAll { $0.ask.formula != nil }
    let formulaRun = FormulaRun()
    if !formulaAsks.isEmpty {
      let formulas = outline.formulas
      formulaRun.start { [judge, grader] in
        judge.formulaAnswers(
          grader, document: document, displayPath: displayPath, formulas: formulas)
      }
    }
    defer {
      let answers = formulaRun.wait()
      for item in formulaAsks {
        switch answers[item.question]?[item.ordinal] {
        case .success(let given)?:
          answered[item.question, default: [:]][item.ordinal] = formulaAnswer(item.ask, given)
          // Once a question: every ask of a formula meets the same problem.
          if let error = given.error, !result.questions[item.question].problems.contains(error) {
            result.questions[item.question].problems.append(error)
          }
        case .failure(let failure)?:
          charge(item, failure.message, problem: true)
        case nil:
          charge(item, "was not evaluated", problem: true)
        }
      }
    }
    let executor = Executor(
      configuration: {
        var configuration = self.configuration
        configuration.cacheDirectory = nil
        configuration.contentDirectory = content
        configuration.runsBlocksBeforeACompileError = false
        return configuration
      }())
    var studentBlocks = outline.verifyBlocks.map { block in
      var block = block
      block.options.timeoutSeconds = min(
        block.options.effectiveTimeoutSeconds, blockTimeoutSeconds)
      return block
    }
    var selfChecksTaken = false
    // Each round settles an ask or leaves out a block, so this many always suffice.
    let maximumRounds = pending.count + studentBlocks.count + 1
    var rounds = 0
    let started = Date()
    while !pending.isEmpty, rounds < maximumRounds {
      if Date().timeIntervalSince(started) > submissionTimeoutSeconds {
        for item in pending {
          charge(
            item,
            "was not asked: the submission ran past its time budget of "
              + "\(NumberText.format(submissionTimeoutSeconds)) s", problem: true)
        }
        return
      }
      rounds += 1
      // Blocks are numbered afresh each round: a block left out leaves no gap.
      var blocks = studentBlocks.enumerated().map { position, block in
        var block = block
        block.index = position
        return block
      }
      // Ask blocks get lines past the document's end, so that nothing of them is taken for a
      // line of the student's.
      var line = outline.lineCount + 10
      for item in pending {
        let code = AskCode.code(for: item.ask)
        let block = VerifyBlock(
          code: code, codeLine: line,
          options: VerifyOptions(timeoutSeconds: judge.timeouts[item.question][item.ordinal]),
          index: blocks.count)
        line += block.lineCount + 10
        blocks.append(block)
      }
      let run: DocumentRun
      do {
        run = try executor.run(
          ExecutionRequest(
            displayPath: displayPath, blocks: blocks, formulas: outline.formulas,
            appendedCount: pending.count),
          useCache: false)
      } catch {
        for item in pending {
          charge(item, "could not be run: \(error.description)", problem: true)
        }
        return
      }
      let studentRuns = Array(run.blocks.prefix(studentBlocks.count))
      // The student's own checks, from the first run that ran their blocks.
      if !selfChecksTaken,
        studentRuns.contains(where: { $0.status.kind != .notRun && $0.status.kind != .compileError }
        )
      {
        selfChecksTaken = true
        let checks = studentRuns.flatMap(\.checks)
        result.selfChecks += checks.prefix(Self.selfCheckLimit).map {
          SubmissionResult.SelfCheck(
            label: $0.label.count > 300 ? String($0.label.prefix(300)) + "…" : $0.label,
            passed: $0.passed, location: $0.location.description)
        }
        if checks.count > Self.selfCheckLimit {
          result.problems.append(
            "\(displayPath): warning: \(checks.count) self-checks; the first "
              + "\(Self.selfCheckLimit) are shown")
        }
      }
      if let broken = studentRuns.firstIndex(where: Self.isBroken) {
        let shown = DocumentRun(blocks: [studentRuns[broken]])
        result.problems +=
          DocumentOutline.diagnostics(of: shown, path: displayPath, sitePath: displayPath)
          .filter { $0.severity == .error }.map(\.description)
        result.problems.append(
          "\(displayPath):\(studentBlocks[broken].codeLine):1: note: the grader's questions "
            + "were asked without this block and the ones after it")
        studentBlocks = Array(studentBlocks.prefix(broken))
        continue
      }
      // A block that called a stub not answered yet ended the program there: the questions
      // are asked without that block alone (what comes after it may answer them).
      if let stopped = studentRuns.indices.first(where: {
        Self.calledUnanswered(studentRuns[$0]) && $0 + 1 < run.blocks.count
          && run.blocks[$0 + 1].status.kind == .notRun
      }) {
        result.problems.append(
          "\(displayPath):\(studentBlocks[stopped].codeLine):1: note: this block calls what is "
            + "not answered yet; the grader's questions were asked without it")
        // Its declarations stay: only its statements, which called the stub, go.
        let declarations = SolutionStubs.declarations(studentBlocks[stopped].code)
        if declarations.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
          || declarations == studentBlocks[stopped].code
        {
          studentBlocks.remove(at: stopped)
        } else {
          studentBlocks[stopped].code = declarations
        }
        continue
      }
      var waiting: [Pending] = []
      for (position, item) in pending.enumerated() {
        let askRun = run.blocks[studentBlocks.count + position]
        switch askRun.status {
        case .notRun:
          waiting.append(item)
        case .compileError(let diagnostics):
          let messages = diagnostics.filter { $0.severity == .error }.map { diagnostic in
            ([diagnostic.message]
              + diagnostic.notes.compactMap { note in
                guard note.path == displayPath || note.path == nil, let at = note.location
                else { return nil }
                return "\(note.message) (\(displayPath):\(at.line))"
              }).joined(separator: "; ")
          }
          charge(
            item,
            "does not compile against your code: "
              + (messages.isEmpty
                ? "the compiler gave no reason" : messages.joined(separator: "; ")),
            problem: true)
        case .crashed(let message, _):
          charge(item, "your code crashed: \(message)", problem: true)
        case .timedOut(let seconds):
          charge(
            item, "your code ran past the time limit of \(NumberText.format(seconds)) s",
            problem: true)
        case .passed, .failed, .expectedFailureHeld, .expectedFailureDidNotFail:
          var entry = answer(item.ask, answers: askRun.answers)
          if askRun.answers.isEmpty,
            let stub = askRun.checks.first(where: {
              !$0.passed && $0.label.hasPrefix(Self.unansweredPrefix)
            })
          {
            entry.message =
              "your code calls " + stub.label.dropFirst(Self.unansweredPrefix.count).prefix(200)
              + ", which is not answered yet"
          }
          answered[item.question, default: [:]][item.ordinal] = entry
        }
      }
      pending = waiting
    }
    for item in pending { charge(item, "was not asked: the program kept failing", problem: true) }
  }

  /// Self-checks kept of one document.
  static let selfCheckLimit = 1000

  /// The label of the check a stub not answered yet makes (`notAnswered(_:)`).
  static let unansweredPrefix = "not answered yet: "

  /// Whether a block called a stub not answered yet.
  static func calledUnanswered(_ run: BlockRun) -> Bool {
    run.checks.contains { !$0.passed && $0.label.hasPrefix(unansweredPrefix) }
  }

  /// A student block that stopped the program.
  private static func isBroken(_ run: BlockRun) -> Bool {
    switch run.status {
    case .compileError, .crashed, .timedOut: true
    default: false
    }
  }

  /// An ask's entry before any answer: failed, the reference shown only with `--show-expected`.
  private func unanswered(_ ask: GradeAsk) -> SubmissionResult.Ask {
    SubmissionResult.Ask(
      expression: ask.expression, signature: AskCode.signature(ask), answer: nil, passed: false,
      message: "", inputs: showExpected ? ask.inputs : nil,
      expected: showExpected ? ask.expected : nil)
  }

  /// The verdict on what the grader's program made of a typeset formula.
  private func formulaAnswer(_ ask: GradeAsk, _ given: GradeAnswer) -> SubmissionResult.Ask {
    var entry = unanswered(ask)
    if let error = given.error {
      // "path:line:col: error: message": the message is kept, the place is in the problems.
      let message = error.range(of: ": error: ").map { String(error[$0.upperBound...]) } ?? error
      entry.message = "your formula gives no value: " + message
      return entry
    }
    return judged(entry, given.value, ask, missing: "your formula gave no value")
  }

  /// `entry` with the verdict on `value`, or saying `missing` when there is none.
  private func judged(
    _ entry: SubmissionResult.Ask, _ value: GradeValue?, _ ask: GradeAsk, missing: String
  ) -> SubmissionResult.Ask {
    var entry = entry
    guard let value else {
      entry.message = missing
      return entry
    }
    entry.answer = value
    let outcome = Verdict.compare(value, ask.expected, tolerance: ask.tolerance)
    entry.passed = outcome.passed
    entry.message = showExpected ? outcome.detail : outcome.message
    return entry
  }

  /// The verdict on what an ask's block wrote.
  private func answer(_ ask: GradeAsk, answers: [GradeAnswer]) -> SubmissionResult.Ask {
    var entry = unanswered(ask)
    guard answers.count == 1, let only = answers.first else {
      entry.message =
        answers.isEmpty
        ? "your code gave no value" : "your program gave \(answers.count) values for one ask"
      return entry
    }
    if let error = only.error {
      // The student's program wrote it: no more than a line's worth is kept.
      let shown = error.count > 500 ? String(error.prefix(500)) + "…" : error
      entry.message = "your code threw an error: \(shown)"
      return entry
    }
    return judged(entry, only.value, ask, missing: "your code gave no value")
  }
}

/// The grader's program answering a document's formula asks on a thread of its own, while the
/// student's program compiles and runs.
private final class FormulaRun: @unchecked Sendable {
  typealias Answers = [Int: [Int: Result<GradeAnswer, Judge.FormulaFailure>]]
  private let done = DispatchSemaphore(value: 0)
  // Written by the thread before it signals `done`, read after `wait` returns.
  private var answers: Answers = [:]
  private var started = false

  func start(_ work: @escaping @Sendable () -> Answers) {
    started = true
    let thread = Thread { [self] in
      answers = work()
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The answers, once the thread is done; none when it was never started.
  func wait() -> Answers {
    guard started else { return [:] }
    done.wait()
    return answers
  }
}

/// The Swift code of an ask, as appended to a student's program.
enum AskCode {
  /// The ask's block: its inputs bound in a scope of their own, the expression evaluated and
  /// its value handed to the runtime; a thrown error is reported as the answer instead. The
  /// expression is an argument of `_hwGradeAsk`, which throws, so that the compiler warns of
  /// neither the `try` nor the `catch` when the student's code throws nothing.
  ///
  /// Every name the code uses is qualified by its module (`BlockRuntime._hwGradeAnswer`,
  /// `LossEngine.Vector`, `Swift.Double`), so that a student's function or type of the same
  /// name does not take its place.
  static func code(for ask: GradeAsk) -> String {
    var lines = ["do {"]
    for input in ask.inputs {
      lines.append(
        "  let \(input.name): \(qualifiedType(input.value)) = \(qualifiedLiteral(input.value))")
    }
    lines.append("  try BlockRuntime._hwGradeAsk(")
    lines.append(ask.expression)
    lines.append("  )")
    lines.append("} catch {")
    lines.append("  BlockRuntime._hwGradeThrew(error)")
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The input's type, qualified by its module.
  static func qualifiedType(_ value: GradeValue) -> String {
    switch value {
    case .vector, .matrix: "LossEngine." + value.swiftType
    default: "Swift." + value.swiftType
    }
  }

  /// The input's literal, its type qualified by its module.
  static func qualifiedLiteral(_ value: GradeValue) -> String {
    let literal = value.swiftLiteral
    switch value {
    case .vector, .matrix:
      return "LossEngine."
        + literal.replacingOccurrences(of: "] as [Double]", with: "] as [Swift.Double]")
    case .number: return literal.replacingOccurrences(of: "Double.", with: "Swift.Double.")
    default: return literal
    }
  }

  /// `expression` with its inputs' names and types, and the kind of value expected.
  static func signature(_ ask: GradeAsk) -> String {
    if ask.formula != nil {
      return ask.expression + ", expecting \(ask.expected.kindDescription)"
    }
    let inputs = ask.inputs.map { "\($0.name): \($0.value.swiftType)" }.joined(separator: ", ")
    return "`\(ask.expression.trimmingCharacters(in: .whitespacesAndNewlines))`"
      + (inputs.isEmpty ? "" : " with \(inputs)") + ", expecting \(ask.expected.kindDescription)"
  }
}
