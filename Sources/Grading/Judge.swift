import BlockRecords
import Builder
import Diagnostics
import Execution
import Foundation

/// The grader's programs: each grader file's grade blocks, compiled with the engine and no
/// student code, run once in a sandbox of their own. What they record (`ask(…)`) is every hidden
/// input, expression and reference the questions need.
public struct Judge: Sendable {
  /// For each question of the grader (by index), its asks in order.
  public var asks: [[GradeAsk]]
  /// For each question, the points of each of its asks: its block's points shared equally
  /// among that block's asks.
  public var weights: [[Double]]
  /// For each question, the time limit of each of its asks: its block's `timeout=`.
  public var timeouts: [[Double?]]
  /// For each question, where each of its asks was made: the grader file (its index in
  /// `Grader.files`), the grade block's position there, and the ask's place in that block.
  public var origins: [[Origin]]
  /// Runs the grader's programs again, on a submission's typeset formulas (`askFormula`); nil
  /// when no ask is about a formula.
  var executor: Executor?

  /// Where an ask was made.
  public struct Origin: Sendable, Equatable {
    public var file: Int
    public var block: Int
    public var index: Int
  }

  /// Runs the grader's programs with `executor` (whose content folder is the grader folder).
  /// The diagnostics say, located in the grader's files, what keeps a question from being
  /// asked: a block that does not compile, crashes or fails a check of its own, a block that
  /// asks nothing, an input that is not an identifier, a reference that is not finite.
  public static func run(_ grader: Grader, executor: Executor) throws(ToolError) -> (
    Judge, [Diagnostic]
  ) {
    var asks = Array(repeating: [GradeAsk](), count: grader.questions.count)
    var weights = Array(repeating: [Double](), count: grader.questions.count)
    var timeouts = Array(repeating: [Double?](), count: grader.questions.count)
    var origins = Array(repeating: [Origin](), count: grader.questions.count)
    var diagnostics: [Diagnostic] = []
    for (fileIndex, file) in grader.files.enumerated() {
      let run: DocumentRun
      do {
        run = try executor.run(
          ExecutionRequest(displayPath: file.displayPath, blocks: file.blocks), useCache: true)
      } catch {
        throw ToolError(error.description)
      }
      diagnostics += DocumentOutline.diagnostics(
        of: run, path: file.displayPath, sitePath: file.displayPath
      ).filter { $0.severity == .error }
      for (position, blockRun) in run.blocks.enumerated() where blockRun.status.isSuccess {
        let question = file.questions[position]
        let block = file.blocks[position]
        if blockRun.asks.isEmpty {
          diagnostics.append(
            .error(
              "this grade block asks nothing of the student's code: call ask(…) at least once",
              path: file.displayPath, at: SourceLocation(line: block.codeLine - 1, column: 1)))
        }
        for (index, ask) in blockRun.asks.enumerated() {
          if let problem = problem(with: ask) {
            diagnostics.append(.error(problem, path: file.displayPath, at: ask.location.location))
          } else {
            asks[question].append(ask)
            weights[question].append(file.points[position] / Double(blockRun.asks.count))
            timeouts[question].append(block.options.timeoutSeconds)
            origins[question].append(Origin(file: fileIndex, block: position, index: index))
          }
        }
      }
    }
    let judge = Judge(
      asks: asks, weights: weights, timeouts: timeouts, origins: origins,
      executor: asks.joined().contains { $0.formula != nil } ? executor : nil)
    if !diagnostics.containsErrors {
      diagnostics += judge.checkFormulasOnReference(grader)
    }
    return (judge, diagnostics)
  }

  /// What the grader's programs make of the typeset formulas `formulas` of the submission's
  /// document `document` (shown as `displayPath`): for each question of that document, by the
  /// ask's place in it, the answer to each formula ask (a value, or a located problem with the
  /// formula), or why there is none.
  ///
  /// Each grader file that asks about a formula of the document runs again, in its sandbox,
  /// with the TeX of the submission's labelled formulas as data. An evaluation that does not
  /// finish (a formula whose sums nest without end, say) ends that run: the ask is charged and
  /// the file runs again without evaluating it, so one formula costs its own ask only.
  func formulaAnswers(
    _ grader: Grader, document: String, displayPath: String, formulas: PageFormulas
  ) -> [Int: [Int: Result<GradeAnswer, FormulaFailure>]] {
    var answers: [Int: [Int: Result<GradeAnswer, FormulaFailure>]] = [:]
    guard let executor else { return answers }
    // The formula asks of the document, by grader file.
    var byFile: [Int: [(question: Int, ordinal: Int, origin: Origin)]] = [:]
    for question in grader.questions.indices where grader.questions[question].document == document {
      for (ordinal, ask) in asks[question].enumerated() where ask.formula != nil {
        let origin = origins[question][ordinal]
        byFile[origin.file, default: []].append((question, ordinal, origin))
      }
    }
    for (fileIndex, wanted) in byFile.sorted(by: { $0.key < $1.key }) {
      let file = grader.files[fileIndex]
      var skipped: [String] = []
      var open = wanted
      // Each round settles at least one ask, so this many suffice.
      for _ in 0...wanted.count where !open.isEmpty {
        var request = ExecutionRequest(displayPath: file.displayPath, blocks: file.blocks)
        request.formulas = formulas
        request.formulas.judged = PageFormulas.Judged(path: displayPath, skipped: skipped)
        let run: DocumentRun
        do {
          run = try executor.run(request, useCache: true)
        } catch {
          for item in open {
            answers[item.question, default: [:]][item.ordinal] = .failure(
              FormulaFailure(message: "the grader's program could not be run: \(error.description)")
            )
          }
          open = []
          break
        }
        var stillOpen: [(question: Int, ordinal: Int, origin: Origin)] = []
        var culprit: (question: Int, ordinal: Int, origin: Origin)?
        for item in open {
          let blockRun =
            run.blocks.indices.contains(item.origin.block)
            ? run.blocks[item.origin.block] : nil
          // The answers of a block are its formula asks', in order, those skipped left out.
          if let blockRun, blockRun.asks.indices.contains(item.origin.index),
            blockRun.asks[item.origin.index].formula == asks[item.question][item.ordinal].formula
          {
            let place = blockRun.asks[..<item.origin.index].indices.filter {
              blockRun.asks[$0].formula != nil
                && !skipped.contains(PageFormulas.Judged.key(block: item.origin.block, index: $0))
            }.count
            if blockRun.answers.indices.contains(place) {
              answers[item.question, default: [:]][item.ordinal] = .success(blockRun.answers[place])
              continue
            }
          }
          if culprit == nil, let blockRun, !blockRun.status.isSuccess,
            blockRun.status.kind != .notRun
          {
            culprit = item
            answers[item.question, default: [:]][item.ordinal] = .failure(
              FormulaFailure(message: Self.unfinished(blockRun.status)))
            skipped.append(
              PageFormulas.Judged.key(block: item.origin.block, index: item.origin.index))
            continue
          }
          stillOpen.append(item)
        }
        if culprit == nil {
          // Nothing failed, yet asks went unanswered: the grader's program asked otherwise
          // than when it made its references.
          for item in stillOpen {
            answers[item.question, default: [:]][item.ordinal] = .failure(
              FormulaFailure(
                message: "the grader's program did not ask for the formula again (its asks "
                  + "must not depend on anything but its own seeded inputs)"))
          }
          stillOpen = []
        }
        open = stillOpen
      }
      for item in open {
        answers[item.question, default: [:]][item.ordinal] = .failure(
          FormulaFailure(message: "was not evaluated: the grader's program kept failing"))
      }
    }
    return answers
  }

  /// Why evaluating a formula in the grader's program gave no answer.
  struct FormulaFailure: Error, Equatable {
    var message: String
  }

  /// Words for a grader's block that stopped while it evaluated a submission's formula.
  static func unfinished(_ status: BlockStatus) -> String {
    switch status {
    case .timedOut(let seconds):
      "evaluating your formula did not finish within the grade block's \(NumberText.format(seconds)) s"
    case .crashed(let message, _):
      "evaluating your formula stopped the grader's program: \(message)"
    default:
      "evaluating your formula stopped the grader's program"
    }
  }

  /// The formula asks of `document` that fail on `formulas`, the instructor's own (`on` says
  /// where they come from): each an error at the ask, in the grader's file.
  func formulaProblems(
    _ grader: Grader, document: String, formulas: PageFormulas, on source: String
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let answers = formulaAnswers(
      grader, document: document, displayPath: "Content/" + document, formulas: formulas)
    for (question, byOrdinal) in answers.sorted(by: { $0.key < $1.key }) {
      for (ordinal, outcome) in byOrdinal.sorted(by: { $0.key < $1.key }) {
        let ask = asks[question][ordinal]
        let problem: String?
        switch outcome {
        case .failure(let failure): problem = failure.message
        case .success(let answer):
          if let error = answer.error {
            // Its place is in the instructor's file, whose lines the message names.
            problem = error
          } else if let value = answer.value {
            let outcome = Verdict.compare(value, ask.expected, tolerance: ask.tolerance)
            problem = outcome.passed ? nil : outcome.detail
          } else {
            problem = "no value"
          }
        }
        if let problem {
          diagnostics.append(
            .error(
              "\(ask.expression) fails on \(source), so the grader's bindings or reference "
                + "are wrong: \(problem)",
              path: ask.location.path, at: ask.location.location))
        }
      }
    }
    return diagnostics
  }

  /// The formula asks run on the instructor's own content (the grader's `content:` folder):
  /// an ask that fails there has wrong bindings or a wrong reference, an error in the grader's
  /// file.
  func checkFormulasOnReference(_ grader: Grader) -> [Diagnostic] {
    guard executor != nil else { return [] }
    var diagnostics: [Diagnostic] = []
    var documents: [String: String] = [:]
    for question in grader.questions.indices {
      guard let first = asks[question].firstIndex(where: { $0.formula != nil }),
        let folder = grader.files[origins[question][first].file].reference
      else { continue }
      documents[grader.questions[question].document] = folder
    }
    for (document, folder) in documents.sorted(by: { $0.key < $1.key }) {
      guard let bytes = FileManager.default.contents(atPath: folder + "/" + document) else {
        continue
      }
      let outline = DocumentOutline.read([UInt8](bytes), path: "Content/" + document)
      diagnostics += formulaProblems(
        grader, document: document, formulas: outline.formulas,
        on: "the instructor's content (the grader's content: folder)")
    }
    return diagnostics
  }

  /// Runs the grader's programs as configured, with the grader folder as the content folder
  /// they may read and `cacheDirectory` for their results.
  public static func run(
    _ grader: Grader, configuration: ExecutorConfiguration, cacheDirectory: String?,
    warn: @escaping @Sendable (String) -> Void
  ) throws(ToolError) -> (Judge, [Diagnostic]) {
    var configuration = configuration
    configuration.contentDirectory =
      URL(fileURLWithPath: grader.directory).standardizedFileURL
      .path
    configuration.cacheDirectory = cacheDirectory
    return try run(grader, executor: Executor(configuration: configuration, warn: warn))
  }

  /// What is wrong with an ask, if anything.
  static func problem(with ask: GradeAsk) -> String? {
    let expression = ask.expression.trimmingCharacters(in: .whitespacesAndNewlines)
    if expression.isEmpty { return "the ask's expression is empty" }
    if expression.contains("#sourceLocation") {
      return "the ask's expression must not hold #sourceLocation"
    }
    var names: Set<String> = []
    for input in ask.inputs {
      guard isIdentifier(input.name) else {
        return "input name '\(input.name)' is not a Swift identifier"
      }
      guard names.insert(input.name).inserted else {
        return "input '\(input.name)' is given twice"
      }
    }
    if !Verdict.isFinite(ask.expected) {
      return "the reference is not finite (NaN or infinity): no answer could match it"
    }
    guard ask.tolerance.isFinite, ask.tolerance >= 0 else {
      return "the tolerance must be a finite number ≥ 0"
    }
    return nil
  }

  /// Letters, digits and `_`, not starting with a digit, and not a name the ask's code uses.
  static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first),
      !name.hasPrefix("_hw")
    else { return false }
    // Swift's keywords, and the modules the ask's code names.
    let reserved: Set<String> = [
      "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
      "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
      "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
      "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
      "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any",
      "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
      "error", "Swift", "LossEngine", "BlockRuntime", "Figures", "Foundation", "Glibc",
    ]
    return !reserved.contains(name)
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
      }
  }
}
