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
    var diagnostics: [Diagnostic] = []
    for file in grader.files {
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
        for ask in blockRun.asks {
          if let problem = problem(with: ask) {
            diagnostics.append(.error(problem, path: file.displayPath, at: ask.location.location))
          } else {
            asks[question].append(ask)
            weights[question].append(file.points[position] / Double(blockRun.asks.count))
            timeouts[question].append(block.options.timeoutSeconds)
          }
        }
      }
    }
    return (Judge(asks: asks, weights: weights, timeouts: timeouts), diagnostics)
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
