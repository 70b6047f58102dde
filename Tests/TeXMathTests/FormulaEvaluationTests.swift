import Foundation
import Testing

@testable import TeXMath

/// Each construct of ``EvaluableFormula`` evaluated and compared with the value computed by
/// hand in Swift.
@Suite struct FormulaEvaluationTests {
  /// One formula (its side 0) and the value Swift computes for it with ``values``.
  struct Case: CustomTestStringConvertible, Sendable {
    var tex: String
    var expected: MathValue
    var testDescription: String { tex }

    init(_ tex: String, _ expected: MathValue) {
      self.tex = tex
      self.expected = expected
    }
  }

  static let (x, a, b, n) = (1.5, 3.0, -0.5, 4.0)
  static let u: [Double] = [1, -2, 3]
  static let v: [Double] = [0.5, 1, -1]
  static let matrixA: [[Double]] = [[1, 2, 3], [4, 5, 6]]
  static let matrixB: [[Double]] = [[1, 0], [0, 2], [1, 1]]

  /// What the cases' symbols are bound to.
  static var values: FormulaBindings {
    var bindings: FormulaBindings = [
      "x": .value(.scalar(x)), "a": .value(.scalar(a)), "b": .value(.scalar(b)),
      "n": .value(.scalar(n)), "u": .value(.vector(u)), "v": .value(.vector(v)),
      "A": .value(MathValue(rows: matrixA)), "B": .value(MathValue(rows: matrixB)),
    ]
    bindings["w"] = [1, 10, 100, 1000]
    bindings["y"] = 2
    bindings["\\bar y"] = .set([0, 1, 2, 3])
    bindings["t"] = .grid([0, 0.5, 1, 1.5, 2])
    return bindings
  }

  static let scalarCases: [Case] = [
    Case("3.25", .scalar(3.25)),
    Case(".5 + 1", .scalar(1.5)),
    Case("a + b - 2", .scalar(a + b - 2)),
    Case("-a + b", .scalar(-a + b)),
    Case("2a", .scalar(2 * a)),
    Case("2 a b", .scalar(2 * a * b)),
    Case("a \\cdot b", .scalar(a * b)),
    Case("a \\times b", .scalar(a * b)),
    Case("a * b", .scalar(a * b)),
    Case("a(b + 1)", .scalar(a * (b + 1))),
    Case("a \\cdot -b", .scalar(-a * b)),
    Case("\\frac{a + b}{x}", .scalar((a + b) / x)),
    Case("\\frac12", .scalar(0.5)),
    Case("\\dfrac{1}{a} \\, x", .scalar(x / a)),
    Case("a / x", .scalar(a / x)),
    Case("a \\div x", .scalar(a / x)),
    Case("a^2", .scalar(a * a)),
    Case("x^{-1}", .scalar(1 / x)),
    Case("a^{b}", .scalar(pow(a, b))),
    Case("2^{3} - 1", .scalar(7)),
    Case("\\left( a + b \\right)^2", .scalar((a + b) * (a + b))),
    Case("\\bigl( a \\bigr) b", .scalar(a * b)),
    Case("{a + b} x", .scalar((a + b) * x)),
    Case("\\sqrt{a}", .scalar(a.squareRoot())),
    Case("\\sqrt[3]{-8}", .scalar(-2)),
    Case("\\sqrt[4]{16}", .scalar(2)),
    Case("e^{x}", .scalar(exp(x))),
    Case("e^x", .scalar(exp(x))),
    Case("\\exp(x) a", .scalar(exp(x) * a)),
    Case("\\exp x", .scalar(exp(x))),
    Case("\\log a", .scalar(log(a))),
    Case("\\ln(a) + 1", .scalar(log(a) + 1)),
    Case("\\log_2 8", .scalar(3)),
    Case("\\log(1 + e^{x})", .scalar(log(1 + exp(x)))),
    Case("\\log a x + 1", .scalar(log(a * x) + 1)),
    Case("\\tanh(x)", .scalar(tanh(x))),
    Case("\\cos(\\pi)", .scalar(-1)),
    Case("\\sigma(x)", .scalar(1 / (1 + exp(-x)))),
    Case("\\sigma(-40)", .scalar(1 / (1 + exp(40)))),
    Case("\\max(a, b, x)", .scalar(a)),
    Case("\\min\\{a, b\\}", .scalar(b)),
    Case("|b|", .scalar(0.5)),
    Case("\\lvert b \\rvert", .scalar(0.5)),
    Case("\\left| b - a \\right|", .scalar(a - b)),
    Case("2|b|", .scalar(1)),
    Case("|u|", .scalar(14.0.squareRoot())),
    Case("\\|u\\|", .scalar(14.0.squareRoot())),
    Case("\\lVert u \\rVert^2", .scalar(14)),
    Case("\\left\\| v \\right\\|", .scalar(2.25.squareRoot())),
    Case("[b]^+", .scalar(0)),
    Case("[a]^+", .scalar(a)),
    Case("[a]^{+} + [b]^+", .scalar(a)),
    Case("\\left[ b - a \\right]^+", .scalar(0)),
    Case("[x - 1]_+", .scalar(0.5)),
    Case("[a + b] x", .scalar((a + b) * x)),
    Case("\\mathbb{1}[a > b]", .scalar(1)),
    Case("\\mathbf{1}\\{a < b\\}", .scalar(0)),
    Case("\\mathbb{1}_{a \\ge 3}", .scalar(1)),
    Case("\\mathbb{1}[a \\neq 3]", .scalar(0)),
    Case("\\mathbb{1}[0 < x \\le 2]", .scalar(1)),
    Case("\\mathbb{1}[0 < x \\le 1]", .scalar(0)),
    Case("\\mathbb{1}[x = 1.5] a", .scalar(a)),
    Case("\\mathbb{1}\\left[u = u\\right]", .scalar(1)),
    Case("\\sum_{k=1}^{n} k^2", .scalar(1 + 4 + 9 + 16)),
    Case("\\sum_{k=1}^{3} k + 1", .scalar(1 + 2 + 3 + 1)),
    Case("\\sum\\limits_{k=0}^{n-1} 2^k", .scalar(1 + 2 + 4 + 8)),
    Case("\\prod_{k=1}^{n} k", .scalar(24)),
    Case("\\sum_{k=3}^{2} k", .scalar(0)),
    Case("\\sum_{\\bar y} w_{\\bar y}", .scalar(1111)),
    Case("\\sum_{\\bar{y} \\neq y} w_{\\bar y}", .scalar(1011)),
    Case("\\max_{\\bar y \\ne y} w_{\\bar y}", .scalar(1000)),
    Case("\\min_{\\bar y} \\left( w_{\\bar y} - 5 \\right)", .scalar(-4)),
    Case("\\sum_{\\bar y} \\sum_{k=1}^{2} k \\bar y", .scalar(3 * (0 + 1 + 2 + 3))),
    Case("\\operatorname*{argmin}_{\\bar y} (\\bar y - 2)^2", .scalar(2)),
    Case("\\operatorname*{argmax}_{\\bar y} w_{\\bar y}", .scalar(3)),
    Case("\\arg\\min_{\\bar y \\neq 2} (\\bar y - 2)^2", .scalar(1)),
    Case("\\arg\\max_{\\bar y} (\\bar y - 1.5)^2", .scalar(0)),
    Case("\\operatorname*{arg\\,min}_{\\bar y} |\\bar y - a|", .scalar(3)),
    Case("2 \\operatorname{argmin}\\limits_{\\bar y} \\bar y + 1", .scalar(1)),
    Case("\\mathrm{argmax}_{\\bar y} -\\bar y", .scalar(0)),
    Case("\\int_{0}^{1} t^2 \\, dt", .scalar(0.25 * (0 + 0.25) + 0.25 * (0.25 + 1))),
    Case("\\int_0^1 t^2 \\, \\mathrm{d}t", .scalar(0.375)),
    Case("\\int_{1}^{0} t^2 \\, dt", .scalar(-0.375)),
    Case("\\int t \\, dt", .scalar(2)),
    Case("\\int (t + 1) dt + 1", .scalar(5)),
    Case("\\int_{-\\infty}^{\\infty} 2t - t \\, dt", .scalar(2)),
    Case("\\int dt \\, t", .scalar(2)),
    Case("\\pi", .scalar(Double.pi)),
    Case("\\mathrm{a} + \\operatorname{a}", .scalar(2 * a)),
    Case("\\displaystyle a \\; b \\! \\quad x", .scalar(a * b * x)),
    Case("u \\cdot v", .scalar(0.5 - 2 - 3)),
    Case("u^\\top v", .scalar(0.5 - 2 - 3)),
    Case("u^{\\top} v", .scalar(0.5 - 2 - 3)),
    Case("u_1", .scalar(-2)),
    Case("w_y", .scalar(100)),
    Case("A_{1,2}", .scalar(6)),
    Case(
      "\\begin{bmatrix} 1 & 2 \\end{bmatrix} \\begin{pmatrix} 3 \\\\ 4 \\end{pmatrix}", .scalar(11)),
  ]

  @Test(arguments: scalarCases)
  func evaluatesAsSwiftComputesIt(_ c: Case) throws {
    let value = try EvaluableFormula(tex: c.tex).sides[0].evaluate(Self.values)
    let got = try #require(value.scalar, "\(value.shapeDescription)")
    let expected = c.expected.scalar!
    #expect(abs(got - expected) <= 1e-12 * max(1, abs(expected)), "\(got) ≠ \(expected)")
  }

  static let arrayCases: [Case] = [
    Case("a u + v", .vector((0..<3).map { a * u[$0] + v[$0] })),
    Case("u - v", .vector((0..<3).map { u[$0] - v[$0] })),
    Case("\\frac{u}{2}", .vector(u.map { $0 / 2 })),
    Case("u \\odot v", .vector((0..<3).map { u[$0] * v[$0] })),
    Case("-u", .vector(u.map { -$0 })),
    Case("[u]^+", .vector([1, 0, 3])),
    Case("e^{0} \\sigma(u)", .vector(u.map { 1 / (1 + exp(-$0)) })),
    Case("A u", .vector([1 - 4 + 9, 4 - 10 + 18])),
    Case("A \\, (u + v)", .vector([1.5 - 2 + 6, 6 - 5 + 12])),
    Case(
      "A B",
      MathValue(rows: [[1 + 0 + 3, 0 + 4 + 3], [4 + 0 + 6, 0 + 10 + 6]])),
    Case("A \\times B", MathValue(rows: [[4, 7], [10, 16]])),
    Case("A^\\top", MathValue(rows: [[1, 4], [2, 5], [3, 6]])),
    Case("(A^\\top)^\\top", MathValue(rows: matrixA)),
    Case("u^\\top", MathValue(rows: [u])),
    Case("u v^\\top", MathValue(rows: u.map { ui in v.map { ui * $0 } })),
    Case("u^\\top A^\\top", MathValue(rows: [[1 - 4 + 9, 4 - 10 + 18]])),
    Case("A_0", .vector([1, 2, 3])),
    Case("\\begin{pmatrix} a \\\\ b \\end{pmatrix}", .vector([a, b])),
    Case(
      "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\\\ \\end{pmatrix}", MathValue(rows: [[1, 2], [3, 4]])),
    Case("\\sum_{\\bar y} \\bar y \\, u", .vector(u.map { 6 * $0 })),
    Case("\\int_{0}^{1} t u \\, dt", .vector(u.map { 0.5 * $0 })),
    Case("(a, b, 1)", .vector([a, b, 1])),
    Case("2 \\left( a, x \\right)", .vector([2 * a, 2 * x])),
    Case("u \\, \\arg\\max_{\\bar y} (\\bar y - 1)^2", .vector(u.map { 3 * $0 })),
  ]

  @Test(arguments: arrayCases)
  func evaluatesVectorsAndMatricesAsSwiftComputesThem(_ c: Case) throws {
    let value = try EvaluableFormula(tex: c.tex).sides[0].evaluate(Self.values)
    #expect(value.shape == c.expected.shape, "\(value.shapeDescription)")
    for (got, expected) in zip(value.elements, c.expected.elements) {
      #expect(abs(got - expected) <= 1e-12 * max(1, abs(expected)), "\(value) ≠ \(c.expected)")
    }
  }

  @Test func splitsSidesAtRelationsAndPassesOverNumbering() throws {
    let formula = try EvaluableFormula(tex: "a = 2 + 1 \\le a + 1 \\label{three} .")
    #expect(formula.label == "three")
    #expect(formula.relations == [.equal, .lessOrEqual])
    #expect(try formula.sides.map { try $0.evaluate(Self.values) } == [3, 3, 4])
    let tex = "a := b \\ne \\frac{1}{2} \\tag{*}"
    let tagged = try EvaluableFormula(tex: tex)
    #expect(tagged.relations == [.equal, .notEqual])
    #expect(tagged.sides.map { tex.utf8Slice($0.offset, $0.length) } == ["a", "b", "\\frac{1}{2}"])
  }

  @Test func readsAnAlignedChainOfRelationsAsOneLine() throws {
    let tex = """
      \\begin{aligned}
      a &= 1 + 2 \\\\
        &\\quad + 0 \\\\[4pt]
        &= \\frac{6}{2} .
      \\end{aligned}
      """
    let formula = try EvaluableFormula(tex: tex)
    #expect(formula.relations == [.equal, .equal])
    #expect(try formula.sides.map { try $0.evaluate(Self.values) } == [3, 3, 3])
  }

  @Test func readsEquationsSideBySideAsSidesNumberedOn() throws {
    let tex = """
      \\hat y = \\operatorname*{argmin}_{y} F(x, y),
      \\qquad
      (\\hat y, \\hat z) = \\operatorname*{argmin}_{y, z} G(x, y, z)
      """
    let formula = try EvaluableFormula(tex: tex)
    #expect(formula.equations == [0..<2, 2..<4])
    #expect(formula.relations == [.equal, .equal])
    #expect(formula.sides.map(\.index) == [0, 1, 2, 3])
    #expect(
      formula.sides.map { tex.utf8Slice($0.offset, $0.length) } == [
        "\\hat y", "\\operatorname*{argmin}_{y} F(x, y)", "(\\hat y, \\hat z)",
        "\\operatorname*{argmin}_{y, z} G(x, y, z)",
      ])
    #expect(formula.sides.map { $0.freeSymbols.map(\.spelling) }[3] == ["y", "z", "G", "x"])
    #expect(formula.sides[3].freeSymbols.map(\.use)[0...1] == [.set, .set])
    // Comma and quad in the middle separate; a comma alone, or at the end, does not.
    #expect(try EvaluableFormula(tex: "a = 1, \\quad b = 2 .").equations == [0..<2, 2..<4])
    #expect(try EvaluableFormula(tex: "a = b , \\qquad").equations == [0..<2])
    #expect(try EvaluableFormula(tex: "a, \\qquad b").sides.count == 2)
  }

  /// `(\hat y, \hat z) = \operatorname*{argmin}_{y, z} G(x, y, z)` over tables of energies with
  /// ties, against a search by hand: the first of the smallest, `y` varying slowest.
  @Test(arguments: 0..<6)
  func findsTheJointArgminThatASearchByHandFinds(_ seed: Int) throws {
    let formula = try EvaluableFormula(
      tex: "(\\hat y, \\hat z) = \\operatorname*{argmin}_{y, z} G(x, y, z) \\label{inference}")
    let table = (0..<4).map { y in (0..<3).map { z in Double((seed * 5 + y * 7 + z * 3) % 4) } }
    var best = (y: 0, z: 0)
    var largest = (y: 0, z: 0)
    for y in 0..<4 {
      for z in 0..<3 {
        if table[y][z] < table[best.y][best.z] { best = (y, z) }
        if table[y][z] > table[largest.y][largest.z] { largest = (y, z) }
      }
    }
    var bindings = FormulaBindings()
    bindings["x"] = 0
    bindings["y"] = .set((0..<4).map { MathValue($0) })
    bindings["z"] = .set((0..<3).map { MathValue($0) })
    bindings["G"] = .function { a in .scalar(table[Int(a[1].scalar!)][Int(a[2].scalar!)]) }
    bindings["\\hat y"] = .value(MathValue(best.y))
    bindings["\\hat z"] = .value(MathValue(best.z))
    let expected = MathValue([Double(best.y), Double(best.z)])
    #expect(try formula.sides[1].evaluate(bindings) == expected)
    #expect(try formula.sides[0].evaluate(bindings) == expected)
    let argmax = try EvaluableFormula(tex: "\\arg\\max_{y, z} G(x, y, z)").sides[0]
    #expect(try argmax.evaluate(bindings) == MathValue([Double(largest.y), Double(largest.z)]))
    // Over one variable, a later one's set may leave out the earlier one's value.
    let distinct = try EvaluableFormula(tex: "\\arg\\min_{y, z \\neq y} G(x, y, z)").sides[0]
    var pair = (y: 0, z: 1)
    for y in 0..<4 {
      for z in 0..<3 where z != y && table[y][z] < table[pair.y][pair.z] { pair = (y, z) }
    }
    #expect(try distinct.evaluate(bindings) == MathValue([Double(pair.y), Double(pair.z)]))
  }

  @Test func differentiatesAnExpressionWrittenAfterTheDerivativeOperator() throws {
    // d/dz log(1 + e^z) = e^z / (1 + e^z); d/dz e^z = e^z; the rest of the term is the operand.
    let formula = try EvaluableFormula(
      tex:
        "\\frac{\\partial}{\\partial z} \\log(1 + e^z) = 2 \\frac{\\partial}{\\partial z} e^{z} \\cdot z"
    )
    let z = 0.3
    let left = try formula.sides[0].evaluate(["z": .value(.scalar(z))]).scalar!
    #expect(abs(left - exp(z) / (1 + exp(z))) < 1e-8)
    let right = try formula.sides[1].evaluate(["z": .value(.scalar(z))]).scalar!
    // 2 · d/dz (e^z · z) = 2 (e^z z + e^z).
    #expect(abs(right - 2 * (exp(z) * z + exp(z))) < 1e-7)
    #expect(formula.sides[0].freeSymbols.map(\.spelling) == ["z", "e"])
    // A named function keeps its bound derivative symbol.
    let bound = try EvaluableFormula(tex: "\\frac{\\partial}{\\partial W} F_W(x, y)")
    #expect(bound.sides[0].freeSymbols.map(\.spelling).contains("\\partial F_W / \\partial W"))
    // With respect to something that is not a number: an error at the operator.
    #expect(throws: TeXError.self) {
      try formula.sides[0].evaluate(["z": .value(.vector([1, 2]))])
    }
  }

  @Test func expandsThePagesMacrosAsTheRendererDoes() throws {
    let macros = try MacroTable([
      "\\logit": "\\log \\frac{#1}{1 - #1}", "\\Fw": "F_W", "\\norm": "\\left\\| #1 \\right\\|",
    ])
    let formula = try EvaluableFormula(tex: "\\logit{p} + \\Fw(p) + \\norm{u}", macros: macros)
    #expect(formula.sides[0].freeSymbols.map(\.spelling) == ["p", "F_W", "u"])
    var bindings = Self.values
    bindings["p"] = 0.25
    bindings["F_W"] = .function { arguments in .scalar(10 * arguments[0].scalar!) }
    let value = try formula.sides[0].evaluate(bindings).scalar!
    #expect(abs(value - (log(0.25 / 0.75) + 2.5 + 14.0.squareRoot())) < 1e-12)
  }

  @Test func excludesTheMembersEqualToTheValueAfterNeq() throws {
    let formula = try EvaluableFormula(
      tex: "\\max_{\\bar y \\neq y} \\left[ m - s(\\bar y) \\right]^+")
    var bindings = FormulaBindings()
    let scores = [0.5, 3.0, 0.25, -1.0]
    bindings["s"] = .function { arguments in .scalar(scores[Int(arguments[0].scalar!)]) }
    bindings["\\bar y"] = .set((0..<4).map { MathValue($0) })
    bindings["m"] = 1
    for y in 0..<4 {
      bindings["y"] = .value(MathValue(y))
      let expected = (0..<4).filter { $0 != y }.map { max(0, 1 - scores[$0]) }.max()!
      #expect(try formula.sides[0].evaluate(bindings) == .scalar(expected))
    }
  }

  @Test func appliesABoundValueToAGroupAsAProductAndABoundFunctionAsACall() throws {
    let formula = try EvaluableFormula(tex: "f(a + 1) \\, g(a, b)")
    var bindings = Self.values
    bindings["f"] = 2
    bindings["g"] = .function { arguments in
      .scalar(arguments[0].scalar! - arguments[1].scalar!)
    }
    #expect(
      try formula.sides[0].evaluate(bindings) == .scalar(2 * (Self.a + 1) * (Self.a - Self.b)))
  }

  @Test func bindsEOrSigmaOrPiWhenTheCallerDoes() throws {
    var bindings = Self.values
    bindings["e"] = 2
    bindings["\\sigma"] = .function { arguments in arguments[0] }
    bindings["\\pi"] = 3
    let formula = try EvaluableFormula(tex: "e^{3} + \\sigma(x) + \\pi")
    #expect(try formula.sides[0].evaluate(bindings) == .scalar(8 + Self.x + 3))
  }

  @Test func indexesFromTheBindingsIndexBase() throws {
    var bindings = Self.values
    bindings.indexBase = 1
    let formula = try EvaluableFormula(tex: "\\sum_{i=1}^{3} u_i^2 + w_1")
    #expect(try formula.sides[0].evaluate(bindings) == .scalar(1 + 4 + 9 + 1))
  }

  @Test func prefersTheWholeSubscriptedSpellingToIndexing() throws {
    var bindings = Self.values
    bindings["w_{y}"] = 7
    #expect(try EvaluableFormula(tex: "w_y").sides[0].evaluate(bindings) == 7)
  }

  @Test func makesAFunctionOfSomeSymbolsThatAgreesWithEvaluate() throws {
    let side = try EvaluableFormula(tex: "\\sum_{\\bar y} \\bar y \\, e^{-\\beta s_{\\bar y}}")
      .sides[0]
    var bindings = Self.values
    bindings["s"] = [0.5, 1, 2, 4]
    let f = try side.function(of: ["\\beta", "unused"], bindings: bindings)
    #expect(f.parameters == ["\\beta", "unused"])
    for beta in [0.0, 0.5, 2] {
      bindings["\\beta"] = .value(.scalar(beta))
      let s = [0.5, 1, 2, 4]
      let expected = (0..<4).map { Double($0) * exp(-beta * s[$0]) }.reduce(0, +)
      let viaFunction = try f(.scalar(beta), 0).scalar!
      #expect(abs(viaFunction - expected) < 1e-12)
      #expect(try side.evaluate(bindings).scalar! == viaFunction)
    }
  }

  @Test func callsAFunctionAgainFromInsideItselfAndAfterAnError() throws {
    let side = try EvaluableFormula(tex: "a + g(a) + \\sum_{k=1}^{3} \\frac{1}{k - a}").sides[0]
    final class Box { var function: FormulaFunction? = nil }
    let box = Box()
    var bindings = FormulaBindings()
    bindings["g"] = .function { arguments in
      let a = arguments[0].scalar!
      return a >= 1 ? .scalar(try box.function!(.scalar(a - 1.5)).scalar!) : 0
    }
    let f = try side.function(of: ["a"], bindings: bindings)
    box.function = f
    func expected(_ a: Double) -> Double {
      a + (a >= 1 ? expected(a - 1.5) : 0) + (1...3).map { 1 / (Double($0) - a) }.reduce(0, +)
    }
    #expect(abs(try f(.scalar(3.25)).scalar! - expected(3.25)) < 1e-12)
    #expect(throws: TeXError("division by zero", offset: 26, length: 5)) { try f(.scalar(2)) }
    #expect(abs(try f(.scalar(0.25)).scalar! - expected(0.25)) < 1e-12)
  }
}

extension String {
  /// The text of `length` UTF-8 bytes from `offset`.
  func utf8Slice(_ offset: Int, _ length: Int) -> String {
    String(decoding: Array(utf8)[offset..<(offset + length)], as: UTF8.self)
  }
}
