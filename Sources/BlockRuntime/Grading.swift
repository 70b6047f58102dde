import BlockRecords
import Diagnostics
import Synchronization
import TeXMath

#if canImport(Glibc)
  import Glibc
#endif

/// A value that can cross between a grader and a student's program (`GradeValue`): a number,
/// an integer, a vector, a matrix, text or a truth value.
public protocol GradeValueConvertible {
  /// The value as it crosses.
  var gradeValue: GradeValue { get }
}

extension Double: GradeValueConvertible {
  public var gradeValue: GradeValue { .number(self) }
}

extension Int: GradeValueConvertible {
  public var gradeValue: GradeValue { .integer(self) }
}

extension Vector: GradeValueConvertible {
  public var gradeValue: GradeValue { .vector(scalars) }
}

extension Matrix: GradeValueConvertible {
  public var gradeValue: GradeValue { .matrix(rows: rows, columns: columns, scalars: scalars) }
}

extension Array: GradeValueConvertible where Element == Double {
  public var gradeValue: GradeValue { .vector(self) }
}

extension String: GradeValueConvertible {
  public var gradeValue: GradeValue { .text(self) }
}

extension Bool: GradeValueConvertible {
  public var gradeValue: GradeValue { .flag(self) }
}

/// In a grader's `swift grade` block: asks the student's code for the value of `expression`,
/// evaluated in the student's program after its last block with each of `inputs` bound by
/// name, and says what it should be.
///
/// The answer passes when every entry is within `tolerance · max(1, |expected|)` of
/// `expected`, and has its kind and shape. `expected` is computed here, in the grader's
/// program, and never reaches the student's. For example
/// ```swift
/// var random = SeededGenerator(seed: 41)
/// let f = random.gaussianVector(6)
/// ask("gibbs(f, beta: beta)", given: ["f": f, "beta": 0.8],
///     expect: GibbsDistribution(energies: f, beta: 0.8).probabilities, tolerance: 1e-9)
/// ```
public func ask(
  _ expression: String, given inputs: KeyValuePairs<String, any GradeValueConvertible> = [:],
  expect expected: some GradeValueConvertible, tolerance: Double = 1e-9,
  file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) {
  let session = RunnerSession.shared
  _ = GradeAskCounter.shared.next(in: session.currentBlock)
  session.append(
    .ask(
      GradeAsk(
        block: session.currentBlock,
        location: FileLocation(path: "\(file)", line: Int(line), column: Int(column)),
        expression: expression,
        inputs: inputs.map { GradeInput(name: $0.key, value: $0.value.gradeValue) },
        expected: expected.gradeValue, tolerance: tolerance)))
}

/// Called by a generated ask with the value of its expression. Not for use in blocks.
public func _hwGradeAnswer(_ value: some GradeValueConvertible) {
  let session = RunnerSession.shared
  session.append(.answer(GradeAnswer(block: session.currentBlock, value: value.gradeValue)))
}

/// Called by a generated ask with its expression, which it evaluates and hands over as
/// `_hwGradeAnswer` does; an error the expression throws goes on to the ask's `catch`. Declared
/// `throws` whether or not the expression can throw, so that the ask's `try` and `catch` are
/// never reported as unneeded. Not for use in blocks.
public func _hwGradeAsk<Value: GradeValueConvertible>(
  _ value: @autoclosure () throws -> Value
) throws {
  _hwGradeAnswer(try value())
}

/// Called by a generated ask whose expression threw. Not for use in blocks.
public func _hwGradeThrew(_ error: any Error) {
  let session = RunnerSession.shared
  let text = String(describing: error)
  session.append(
    .answer(
      GradeAnswer(
        block: session.currentBlock, value: nil,
        error: text.utf8.count > 1024 ? String(text.prefix(512)) + "…" : text)))
}

/// The body of a handout's stub: records a failed check, "not answered yet: `name`", in the
/// block that called it, and ends the program there; the blocks after it are reported as not
/// run. `hw assign` writes it in place of an instructor's solution.
public func notAnswered(
  _ name: String, file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) -> Never {
  let session = RunnerSession.shared
  let block = session.currentBlock
  check(false, "not answered yet: \(name)", file: file, line: line, column: column)
  session.append(.notAnswered(block: block, name: name))
  session.end(block: block)
  _exit(0)
}

extension MathValue {
  /// The value as it crosses to `hw`: a number, a vector, or a matrix row after row.
  var gradeValue: GradeValue {
    switch self {
    case .scalar(let x): .number(x)
    case .vector(let v): .vector(v)
    case .matrix(let rows, let columns, let elements):
      .matrix(rows: rows, columns: columns, scalars: elements)
    }
  }
}

/// In a grader's `swift grade` block: asks for the student's typeset display formula labelled
/// `label` (`$$ … \label{label} $$` in the question's document), evaluated with its symbols
/// bound by `bindings`, and says what it should be (README, "Grading").
///
/// Nothing of it runs in the student's program: `hw` reads the formula's TeX from the
/// submission's Markdown and hands it, as data, to this grader's program, which evaluates it
/// here. So a question on a formula cannot be passed by a function that calls the engine, only
/// by the formula the student typeset. `side` picks the side (0 is left of the first `=`); the
/// right-hand side by default. The answer passes as `ask`'s do: every entry within
/// `tolerance · max(1, |expected|)`, and the shape right. A label the page lacks, TeX that does
/// not evaluate and an unbound symbol fail the ask, located in the student's file. For example
/// ```swift
/// let G = LinearEnergy(labels: 4, inputs: 3, using: &random)
/// askFormula("nll-grad", bindings: ["x": .value(x), "y": 2, "\\beta": 0.5, …],
///            expect: reverseMode(.nll(beta: 0.5), G, x, 2), tolerance: 1e-8)
/// ```
public func askFormula(
  _ label: String, side: Int? = nil, bindings: FormulaBindings,
  expect expected: some FormulaValueConvertible, tolerance: Double = 1e-9,
  file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) {
  let session = RunnerSession.shared
  let block = session.currentBlock
  let index = GradeAskCounter.shared.next(in: block)
  let target = GradeFormula(label: label, side: side)
  session.append(
    .ask(
      GradeAsk(
        block: block,
        location: FileLocation(path: "\(file)", line: Int(line), column: Int(column)),
        expression: "the display formula labelled '\(label)', \(target.sideDescription)",
        inputs: [], expected: expected.mathValue.gradeValue, tolerance: tolerance,
        formula: target)))
  // Without a submission's formulas (the class-wide run that makes the references, or a page's
  // own blocks) the ask is only recorded.
  let table = PageFormulaTable.shared
  guard let judged = table.judged,
    !judged.skipped.contains(PageFormulas.Judged.key(block: block, index: index))
  else { return }
  switch table.evaluate(target, bindings, path: judged.path) {
  case .success(let value):
    session.append(.answer(GradeAnswer(block: block, value: value.gradeValue)))
  case .failure(let problem):
    session.append(.answer(GradeAnswer(block: block, value: nil, error: problem.text)))
  }
}

/// Why a submission's formula gave no value, as `path:line:col: message`.
struct FormulaProblem: Error {
  var text: String
}

extension PageFormulaTable {
  /// `target` of the submission's formulas evaluated with `bindings`; a problem is located in
  /// the submission's file, `path`.
  func evaluate(
    _ target: GradeFormula, _ bindings: FormulaBindings, path: String
  ) -> Result<MathValue, FormulaProblem> {
    guard let source = formulas.first(where: { $0.label == target.label }) else {
      return .failure(
        FormulaProblem(
          text: "\(path): error: the page has no display formula labelled '\(target.label)' "
            + "(a formula's label is its \\label{…})"))
    }
    func located(_ error: TeXError) -> FormulaProblem {
      let at = source.location(ofTeXOffset: error.offset)
      return FormulaProblem(
        text: "\(path):\(at.line):\(at.column): error: formula '\(target.label)': "
          + error.message)
    }
    do throws(TeXError) {
      let parsed = try self.parsed(source)
      let index = target.side ?? max(parsed.sides.count - 1, 0)
      guard parsed.sides.indices.contains(index) else {
        let at = source.location(ofTeXOffset: 0)
        return .failure(
          FormulaProblem(
            text: "\(path):\(at.line):\(at.column): error: formula '\(target.label)' has "
              + "\(parsed.sides.count) side\(parsed.sides.count == 1 ? "" : "s"); the grader "
              + "asks for side \(index)"))
      }
      return .success(try parsed.sides[index].evaluate(bindings))
    } catch {
      return .failure(located(error))
    }
  }
}

/// How many asks each grade block has made so far: an ask's place in its block.
final class GradeAskCounter: Sendable {
  static let shared = GradeAskCounter()
  private let counts = Mutex<[Int: Int]>([:])

  /// The next ask's 0-based index in `block`.
  func next(in block: Int) -> Int {
    counts.withLock { counts in
      defer { counts[block, default: 0] += 1 }
      return counts[block, default: 0]
    }
  }
}
