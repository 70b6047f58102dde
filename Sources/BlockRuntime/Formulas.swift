import BlockRecords
import Diagnostics
import Foundation
import Synchronization
import TeXMath

/// A scalar, vector or matrix that a typeset formula computes or is given (TeXMath's).
public typealias MathValue = TeXMath.MathValue
/// What a typeset formula's symbols stand for, by their TeX spelling (TeXMath's).
public typealias FormulaBindings = TeXMath.FormulaBindings

/// A value a formula can be given or compared with: a number, a vector, a matrix.
public protocol FormulaValueConvertible {
  /// The value as a formula sees it.
  var mathValue: MathValue { get }
}

extension Double: FormulaValueConvertible {
  public var mathValue: MathValue { .scalar(self) }
}

extension Int: FormulaValueConvertible {
  public var mathValue: MathValue { .scalar(Double(self)) }
}

extension Array: FormulaValueConvertible where Element == Double {
  public var mathValue: MathValue { .vector(self) }
}

extension Vector: FormulaValueConvertible {
  public var mathValue: MathValue { .vector(scalars) }
}

extension Matrix: FormulaValueConvertible {
  public var mathValue: MathValue {
    MathValue(rows: (0..<rows).map { Array(scalars[($0 * columns)..<(($0 + 1) * columns)]) })
  }
}

extension MathValue: FormulaValueConvertible {
  public var mathValue: MathValue { self }
}

extension MathValue {
  /// A value from a number, vector or matrix (for a function bound in a formula to return).
  public init(_ value: some FormulaValueConvertible) { self = value.mathValue }

  /// The number, or NaN when this is a vector or matrix.
  public var number: Double { scalar ?? .nan }

  /// The number as an integer label (a class, an index), rounded: what a bound function gets
  /// for `\bar y` in `F_W(x, \bar y)`.
  public var label: Int { Int(number.rounded()) }
}

extension Vector {
  /// The entries of a formula's value (a vector's, or a matrix's row after row).
  public init(_ value: MathValue) { self.init(value.elements) }
}

extension FormulaBindings.Binding {
  /// A number, vector or matrix.
  public static func value(_ value: some FormulaValueConvertible) -> Self {
    .value(value.mathValue)
  }

  /// The labels `0..<n` (or any integers) a sum, product, max or min ranges over.
  public static func labels(_ labels: some Sequence<Int>) -> Self {
    .set(labels.map { .scalar(Double($0)) })
  }
}

/// The page's display formula labelled `label` (`$$ … \label{label} $$`), as typeset, to
/// evaluate with its symbols bound to this block's values (README, "The formula as typeset").
///
/// A problem (no such label, TeX that does not evaluate, an unbound symbol, a shape mismatch)
/// is a failed check located at the offending token in the Markdown file, and what the formula
/// gives is then NaN, so no check that uses it passes.
public func formula(
  _ label: String, file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) -> TypesetFormula {
  let call = FileLocation(path: "\(file)", line: Int(line), column: Int(column))
  let session = RunnerSession.shared
  guard let source = PageFormulaTable.shared.formulas.first(where: { $0.label == label }) else {
    let known = PageFormulaTable.shared.formulas.map(\.label)
    let hint =
      known.isEmpty
      ? "this page has no labelled display formula"
      : "labels on this page: " + known.joined(separator: ", ")
    TypesetFormula.fail("no display formula labelled '\(label)' (\(hint))", at: call)
    return TypesetFormula(label: label, source: nil, parsed: nil, path: call.path)
  }
  PageFormulaTable.shared.noteUse(of: label, in: session)
  do throws(TeXError) {
    let parsed = try PageFormulaTable.shared.parsed(source)
    return TypesetFormula(label: label, source: source, parsed: parsed, path: call.path)
  } catch {
    TypesetFormula.fail(
      "formula '\(label)': \(error.message)",
      at: FileLocation(path: call.path, location: source.location(ofTeXOffset: error.offset)))
    return TypesetFormula(label: label, source: source, parsed: nil, path: call.path)
  }
}

/// A labelled display formula of the page, parsed for evaluation: its sides (split at its
/// relations: side 0 left of the first `=`), each evaluated with bindings.
public struct TypesetFormula {
  /// The formula's label.
  public let label: String
  let source: PageFormulas.Formula?
  let parsed: EvaluableFormula?
  /// The Markdown file, as locations name it.
  let path: String

  /// How many sides the formula has (2 for `a = b`).
  public var sideCount: Int { parsed?.sides.count ?? 0 }

  /// Side `index` evaluated with `bindings` (0 is the left-hand side); NaN after a problem,
  /// which is recorded as a failed check at the TeX.
  public func side(_ index: Int, _ bindings: FormulaBindings) -> MathValue {
    evaluated(index, bindings) ?? .scalar(.nan)
  }

  /// Side `index` evaluated, or nil after a problem, recorded as a failed check at the TeX.
  func evaluated(_ index: Int, _ bindings: FormulaBindings) -> MathValue? {
    guard let parsed, let source else { return nil }
    guard parsed.sides.indices.contains(index) else {
      Self.fail(
        "formula '\(label)' has \(parsed.sides.count) sides; there is no side \(index)",
        at: FileLocation(path: path, location: source.location(ofTeXOffset: 0)))
      return nil
    }
    do throws(TeXError) {
      return try parsed.sides[index].evaluate(bindings)
    } catch {
      Self.fail(
        "formula '\(label)': \(error.message)",
        at: FileLocation(path: path, location: source.location(ofTeXOffset: error.offset)))
      return nil
    }
  }

  /// The right-hand side (the last side) evaluated with `bindings`.
  public func rhs(_ bindings: FormulaBindings) -> MathValue {
    side(max(sideCount - 1, 0), bindings)
  }

  /// The left-hand side (side 0) evaluated with `bindings`.
  public func lhs(_ bindings: FormulaBindings) -> MathValue { side(0, bindings) }

  /// Records that side `side` (the right-hand side unless told) is close to `expected`, entry
  /// by entry (|a − e| ≤ tolerance · max(1, |e|)), and of its shape. The check's label names the
  /// formula.
  public func checkClose(
    _ bindings: FormulaBindings, _ expected: some FormulaValueConvertible, side: Int? = nil,
    tolerance: Double = 1e-8, _ label: String, file: StaticString = #filePath,
    line: UInt = #line, column: UInt = #column
  ) {
    // A formula that did not evaluate has its failed check already, at the TeX.
    guard let actual = evaluated(side ?? max(sideCount - 1, 0), bindings) else { return }
    let expected = expected.mathValue
    let named = "\(label) (formula \(self.label), as typeset)"
    if actual.shape != expected.shape {
      BlockRuntime.check(
        false, "\(named): shape \(actual.shapeDescription), expected \(expected.shapeDescription)",
        file: file, line: line, column: column)
      return
    }
    if case .scalar(let a) = actual, case .scalar(let e) = expected {
      BlockRuntime.checkClose(
        a, e, tolerance: tolerance, named, file: file, line: line, column: column)
    } else {
      BlockRuntime.checkClose(
        actual.elements, expected.elements, tolerance: tolerance, named, file: file, line: line,
        column: column)
    }
  }

  /// A failed check at `location`, saying `message`.
  static func fail(_ message: String, at location: FileLocation) {
    let session = RunnerSession.shared
    session.append(
      .check(
        CheckRecord(
          block: session.currentBlock, kind: .condition, label: message, passed: false,
          location: location)))
  }
}

/// The page's labelled formulas, as `hw` hands them to the runner (a JSON file that
/// `HW_FORMULAS` names), read once;
/// each parsed once, however often a block asks for it, and each use recorded once a block.
final class PageFormulaTable: Sendable {
  static let shared = PageFormulaTable()

  let formulas: [PageFormulas.Formula]
  let macros: [String: String]
  /// Set in a grader's program run on a submission's formulas.
  let judged: PageFormulas.Judged?
  private let state = Mutex<(parsed: [String: EvaluableFormula], used: Set<String>)>(([:], []))

  /// `source` parsed with the page's macros.
  func parsed(_ source: PageFormulas.Formula) throws(TeXError) -> EvaluableFormula {
    if let known = state.withLock({ $0.parsed[source.label] }) { return known }
    let parsed = try EvaluableFormula(tex: source.tex, macros: try MacroTable(macros))
    state.withLock { $0.parsed[source.label] = parsed }
    return parsed
  }

  /// Records that the running block evaluated the formula `label`, the first time it does.
  func noteUse(of label: String, in session: RunnerSession) {
    let block = session.currentBlock
    let first = state.withLock { $0.used.insert("\(block) \(label)").inserted }
    if first { session.append(.formula(block: block, label: label)) }
  }

  init() {
    guard let path = ProcessInfo.processInfo.environment[PageFormulas.environmentVariable],
      let data = FileManager.default.contents(atPath: path),
      let decoded = try? JSONDecoder().decode(PageFormulas.self, from: data)
    else {
      formulas = []
      macros = [:]
      judged = nil
      return
    }
    formulas = decoded.formulas
    macros = decoded.macros
    judged = decoded.judged
  }
}
