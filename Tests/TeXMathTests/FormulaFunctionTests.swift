import Foundation
import TestSupport
import Testing

@testable import TeXMath

/// ``FormulaFunction``'s two paths: the code compiled for numbers (``ScalarCode``) and the
/// general evaluator give the same value, bit for bit, and the same errors, as
/// ``FormulaSide/evaluate(_:)`` does with the same numbers bound.
@Suite struct FormulaFunctionTests {
  /// A formula (its side 0) and whether it is compiled with ``bindings``.
  struct Case: CustomTestStringConvertible, Sendable {
    var tex: String
    var compiled: Bool
    var testDescription: String { tex }

    init(_ tex: String, compiled: Bool = true) {
      self.tex = tex
      self.compiled = compiled
    }
  }

  /// The symbols given at each call, and the numbers they are given: the first row is
  /// ``FormulaEvaluationTests``' values; the last makes some cases fail (a negative logarithm,
  /// a bound of a sum that is not an integer, an index out of range).
  static let parameters = ["x", "a", "b", "n", "y"]
  static let argumentRows: [[Double]] = [
    [1.5, 3, -0.5, 4, 2], [-0.25, 0.5, 2, 2, 0], [2, -1.5, 0.75, 3, 3], [0, 0, 0, 2.5, 7],
  ]

  /// ``FormulaEvaluationTests``' values, with functions of numbers, a function of values and a
  /// set of labels of their own.
  static var bindings: FormulaBindings {
    var bindings = FormulaEvaluationTests.values
    bindings["F"] = .scalarFunction { a in a[0] * a[0] - 2 * a[1] }
    bindings["h"] = .scalarFunction { a in 1 / (1 + a[0] * a[0]) }
    bindings["c"] = .scalarFunction { _ in 7 }
    bindings["q"] = .scalarFunction { a in
      guard a[0] < 10 else { throw Refusal() }
      return a[0] + 1
    }
    bindings["G"] = .function { a in .scalar(a[0].scalar! - a[1].scalar!) }
    bindings["\\mathcal Y"] = .set([2, 5, -1, 5])
    return bindings
  }

  struct Refusal: Error, CustomStringConvertible {
    var description: String { "no value past 10" }
  }

  static let cases: [Case] = [
    Case("-w_y \\cdot x - b"), Case("x"), Case("2.5"), Case("a + b - 2 x"), Case("-(a - b)"),
    Case("-a \\cdot b"), Case("-\\frac{1}{a} \\log F(x, b)"), Case("\\frac{a + b}{x}"),
    Case("a / (b - b)"), Case("-\\frac{a}{x - x}"), Case("x^{a}"), Case("b^{x}"), Case("e^{a x}"),
    Case("e^{1000 a}"), Case("2^{-a}"), Case("\\sqrt{a}"), Case("\\sqrt[3]{b}"),
    Case("\\log a + \\ln(x + 1)"), Case("\\sin x \\cos a + \\tan(b) - \\tanh(x) + \\sinh a"),
    Case("\\cosh(b) \\exp(x)"), Case("\\sigma(a x)"), Case("\\sigma(-40 a)"),
    Case("|b - a| + \\|x\\|"), Case("[a - x]^+ + [b]_+"), Case("x^\\top"),
    Case("\\mathbb{1}[a > b] + \\mathbb{1}[0 < x \\le 2] \\cdot 10"),
    Case("\\mathbb{1}[a \\neq b] - \\mathbb{1}[x = 1.5]"), Case("\\max(a, b, x) - \\min\\{a, x\\}"),
    Case("\\sum_{k=1}^{n} k^2 x"), Case("\\prod_{k=1}^{n} (k + a)"), Case("\\sum_{k=n}^{2} k"),
    Case("\\max_{k=0}^{n} (k - a)^2"), Case("\\sum_{\\bar y} \\bar y \\, e^{-a \\bar y}"),
    Case("\\sum_{\\bar y \\neq y} w_{\\bar y} x"), Case("\\max_{\\bar y \\ne y} (\\bar y - a)^2"),
    Case("\\min_{y \\in \\mathcal Y} |y - a|"), Case("\\prod_{\\bar y} (1 + b \\bar y)"),
    Case("\\sum_{\\bar y} \\sum_{k=1}^{\\bar y} k"), Case("\\int_{0}^{x} t^2 \\, dt"),
    Case("\\int t a \\, dt"), Case("\\int_{a}^{b} e^{t} \\, dt"), Case("\\int_{x}^{x} t \\, dt"),
    Case("\\frac{\\partial}{\\partial a} \\log(1 + e^{a x})"),
    Case("\\frac{\\partial}{\\partial x} (F(x, a) + x^2)"), Case("w_y + w_{n - 1} \\, u_1"),
    Case("A_{1, 2} + A_{y, 0}"), Case("a(b + 1)"), Case("F(a, b) + h(x) c(x)"),
    Case("q(a x) + q(12)"), Case("\\operatorname*{argmin}_{\\bar y} (\\bar y - a)^2"),
    Case("\\arg\\max_{\\bar y \\neq y} w_{\\bar y}"),
    Case("\\operatorname*{arg\\,min}_{y \\in \\mathcal Y} (y - x)^2 + 1"),
    Case("\\arg\\min_{\\bar y} (\\infty - \\infty)"), Case("\\begin{pmatrix} a x \\end{pmatrix}"),
    Case("\\frac{\\partial \\ell}{\\partial W} + W"),
    // Not compiled: a vector or a function of values is read, or the value is not a number.
    Case("u \\cdot v + a", compiled: false), Case("G(a, b)", compiled: false),
    Case("a u", compiled: false), Case("(a, b)", compiled: false), Case("A_y", compiled: false),
    Case("\\arg\\min_{\\bar y, y \\in \\mathcal Y} (\\bar y - y)^2", compiled: false),
    Case(
      "\\begin{bmatrix} 1 & 2 \\end{bmatrix} \\begin{pmatrix} a \\\\ b \\end{pmatrix}",
      compiled: false),
  ]

  @Test(arguments: cases)
  func compilesSidesOfNumbersAndAgreesWithEvaluate(_ c: Case) throws {
    var bindings = Self.bindings
    bindings["\\partial \\ell / \\partial W"] = 0.5
    bindings["W"] = 2
    let side = try EvaluableFormula(tex: c.tex).sides[0]
    let function = try side.function(of: Self.parameters, bindings: bindings)
    #expect(function.isCompiled == c.compiled)
    for row in Self.argumentRows {
      try Self.expectAgreement(side, function, Self.parameters, row, bindings)
    }
  }

  /// Every case of ``FormulaEvaluationTests``, scalar or not, compiled or not.
  @Test(arguments: FormulaEvaluationTests.scalarCases + FormulaEvaluationTests.arrayCases)
  func agreesWithEvaluateOnEveryEvaluationCase(_ c: FormulaEvaluationTests.Case) throws {
    let side = try EvaluableFormula(tex: c.tex).sides[0]
    let function = try side.function(of: Self.parameters, bindings: Self.bindings)
    for row in Self.argumentRows {
      try Self.expectAgreement(side, function, Self.parameters, row, Self.bindings)
    }
  }

  /// Calls `function` with `row` and evaluates `side` with `row` bound, and expects the same
  /// value (bit for bit) or the same error.
  static func expectAgreement(
    _ side: FormulaSide, _ function: FormulaFunction, _ parameters: [String], _ row: [Double],
    _ bindings: FormulaBindings, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var bound = bindings
    for (name, x) in zip(parameters, row) { bound[name] = .value(.scalar(x)) }
    let general = Result { () throws(TeXError) in try side.evaluate(bound) }
    let fast = Result { () throws(TeXError) in try function(row.map { MathValue($0) }) }
    switch (general, fast) {
    case (.success(let a), .success(let b)):
      #expect(a.shape == b.shape, "\(row)", sourceLocation: sourceLocation)
      #expect(
        a.elements.map(\.bitPattern) == b.elements.map(\.bitPattern), "\(row): \(a) ≠ \(b)",
        sourceLocation: sourceLocation)
    case (.failure(let a), .failure(let b)):
      #expect(a == b, "\(row)", sourceLocation: sourceLocation)
    default:
      Issue.record("\(row): evaluate gives \(general), the function \(fast)")
    }
  }

  @Test func runsTheGeneralPathForArgumentsThatAreNotNumbers() throws {
    let side = try EvaluableFormula(tex: "2 x \\sum_{k=1}^{2} k").sides[0]
    let function = try side.function(of: ["x"], bindings: FormulaBindings())
    #expect(function.isCompiled)
    #expect(try function(.scalar(1.5)) == .scalar(9))
    #expect(try function(.vector([1, -1])) == .vector([6, -6]))
    #expect(try function(.scalar(-1)) == .scalar(-6))
  }

  @Test func passesTheArgumentsOfAFunctionOfNumbersInOrder() throws {
    let side = try EvaluableFormula(tex: "G(x, y, 2 x) + G(y, x, 1)").sides[0]
    let calls = Calls()
    var bindings = FormulaBindings()
    bindings["G"] = .scalarFunction { a in
      var numbers: [Double] = []
      for k in a.indices { numbers.append(a[k]) }
      calls.seen.append(numbers)
      return 100 * a[0] + 10 * a[1] + a[2]
    }
    let function = try side.function(of: ["x", "y"], bindings: bindings)
    #expect(function.isCompiled)
    #expect(try function(.scalar(1), .scalar(2)) == .scalar(122 + 211))
    #expect(try function(.scalar(3), .scalar(0)) == .scalar(306 + 31))
    #expect(calls.seen == [[1, 2, 2], [2, 1, 1], [3, 0, 6], [0, 3, 1]])
  }

  final class Calls: @unchecked Sendable {
    var seen: [[Double]] = []
  }

  @Test func callsItselfFromAFunctionOfNumbersAndAfterAnError() throws {
    let side = try EvaluableFormula(tex: "a + g(a) + \\frac{1}{a - 2}").sides[0]
    final class Box { var function: FormulaFunction? = nil }
    let box = Box()
    var bindings = FormulaBindings()
    bindings["g"] = .scalarFunction { a in
      a[0] >= 3 ? try box.function!(.scalar(a[0] - 3)).scalar! : 0
    }
    let function = try side.function(of: ["a"], bindings: bindings)
    #expect(function.isCompiled)
    box.function = function
    func expected(_ a: Double) -> Double {
      a + (a >= 3 ? expected(a - 3) : 0) + 1 / (a - 2)
    }
    #expect(try function(.scalar(7.5)).scalar! == expected(7.5))
    #expect(throws: TeXError("g(…) failed: division by zero", offset: 4, length: 1)) {
      try function(.scalar(5))
    }
    #expect(throws: TeXError("division by zero", offset: 11, length: 5)) {
      try function(.scalar(2))
    }
    #expect(try function(.scalar(0.5)).scalar! == expected(0.5))
  }

  // MARK: The homework

  /// The display formulas of `Content/ebm-homework.md`, as written between lines `$$`.
  static let homework: [String] = {
    let url = Repository.file("Content/ebm-homework.md")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    var formulas: [String] = []
    var current: [Substring]? = nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces) == "$$" {
        if let lines = current { formulas.append(lines.joined(separator: "\n")) }
        current = current == nil ? [] : nil
      } else {
        current?.append(line)
      }
    }
    return formulas
  }()

  /// What the homework's symbols are bound to, by their use: a number from 1 to 5 by the
  /// spelling (a parameter), the labels 0 to 4, a grid, or a function of numbers.
  /// A subscripted name that would index a vector (`w_y`) is a number of its own.
  static func homeworkBindings(_ side: FormulaSide) -> (FormulaBindings, [String], [Double]) {
    var bindings = FormulaBindings()
    var parameters: [String] = []
    var numbers: [Double] = []
    func bind(_ symbol: FormulaSymbol) {
      switch symbol.use {
      case .value:
        parameters.append(symbol.spelling)
        let codes = symbol.spelling.unicodeScalars.filter { $0.isASCII }.map(\.value)
        numbers.append(Double(1 + codes.enumerated().map { ($0 + 1) * Int($1) }.reduce(0, +) % 5))
      case .function:
        bindings[symbol.spelling] = .scalarFunction { a in
          var total = 0.5
          for k in a.indices { total += 0.25 * Double(k + 1) * a[k] }
          return total
        }
      case .set: bindings[symbol.spelling] = .set((0..<5).map { MathValue($0) })
      case .grid: bindings[symbol.spelling] = .grid((0...40).map { -2 + Double($0) / 10 })
      }
    }
    for symbol in side.freeSymbols where symbol.meaningWhenUnbound == nil { bind(symbol) }
    var bound = bindings
    for (name, x) in zip(parameters, numbers) { bound[name] = .value(.scalar(x)) }
    for symbol in side.unboundSymbols(in: bound) { bind(symbol) }
    return (bindings, parameters, numbers)
  }

  @Test func readsEveryDisplayFormulaOfTheHomework() {
    #expect(Self.homework.count == 20)
  }

  /// Every side of every display formula of the homework, its value symbols given at each call:
  /// compiled when its value is a number, and agreeing with `evaluate` for numbers that make
  /// some sides fail (negative, or not integers).
  @Test(arguments: homework.indices)
  func evaluatesTheHomeworksFormulasAlikeOnBothPaths(_ index: Int) throws {
    let formula = try EvaluableFormula(tex: Self.homework[index])
    for side in formula.sides {
      let (bindings, parameters, numbers) = Self.homeworkBindings(side)
      let function = try side.function(of: parameters, bindings: bindings)
      var bound = bindings
      for (name, x) in zip(parameters, numbers) { bound[name] = .value(.scalar(x)) }
      let value = try side.evaluate(bound)
      #expect(function.isCompiled == (value.scalar != nil), "side \(side.index): \(value)")
      for row in [numbers, numbers.map { $0 + 1 }, numbers.map { 0.5 - $0 }] {
        try Self.expectAgreement(side, function, parameters, row, bindings)
      }
    }
  }
}
