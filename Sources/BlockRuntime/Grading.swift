import BlockRecords
import Diagnostics

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
