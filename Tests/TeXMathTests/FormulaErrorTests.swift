import Testing

@testable import TeXMath

/// Errors of parsing and evaluating a formula: the whole ``TeXError``, located at the
/// offending token (UTF-8 bytes into the formula's TeX).
@Suite struct FormulaErrorTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var tex: String
    var message: String
    var offset: Int
    var length: Int
    var macros: [String: String] = [:]
    var testDescription: String { tex }
  }

  static let cases: [Case] = [
    Case(
      tex: "\\hat y = \\operatorname*{lim}_{x} F(x)",
      message:
        "\\operatorname* (an operator with limits) cannot be evaluated, except argmin and argmax",
      offset: 9, length: 14),
    Case(
      tex: "\\operatorname*{argmin} a",
      message: "argmin needs what it ranges over, as in argmin_{y} or argmin_{y, z}", offset: 0,
      length: 22),
    Case(
      tex: "\\arg\\max_{k=1} a",
      message:
        "= in the subscript of argmax: write _{\\bar y}, _{\\bar y \\neq y}, _{y \\in Y} or _{y, z}",
      offset: 11, length: 1),
    Case(
      tex: "\\arg\\min^{2}_{y} a",
      message: "argmin has no upper end: it ranges over sets, as in argmin_{y}", offset: 8,
      length: 1),
    Case(
      tex: "\\arg x",
      message:
        "\\arg is evaluated only as \\arg\\min or \\arg\\max, with what it ranges over "
        + "(\\arg\\min_{y} F(x, y))", offset: 0, length: 4),
    Case(
      tex: "a + \\operatorname{argmax}_{x} a",
      message:
        "argmax over x, which is not bound to a set: bind \"x\" to the set to range over "
        + "(.set([…]))", offset: 27, length: 1),
    Case(
      tex: "\\arg\\min_{\\bar y} u",
      message: "shape mismatch: what argmin compares must be a scalar, not a vector of 3",
      offset: 0, length: 8),
    Case(
      tex: "\\arg\\min_{y \\in E} a",
      message: "argmin over nothing (the set is empty)", offset: 0, length: 8),
    Case(
      tex: "\\arg\\max_{\\bar y} (\\infty - \\infty)",
      message: "argmax of a value that is not a number (NaN)", offset: 0, length: 8),
    Case(
      tex: "\\operatorname*{arg\\,min}_{y \\in V, \\bar y} a",
      message: "shape mismatch: a member of a joint argmin must be a scalar, not a vector of 2",
      offset: 0, length: 24),
    Case(
      tex: "(a, u)",
      message: "shape mismatch: an entry of a tuple must be a scalar, not a vector of 3",
      offset: 0, length: 6),
    Case(
      tex: "a + S(u)",
      message:
        "shape mismatch: argument 1 of S must be a scalar, not a vector of 3 (S is bound to a "
        + "function of numbers)", offset: 4, length: 1),
    Case(
      tex: "a + \\beta x", message: "\\beta is not bound: bind \"\\\\beta\" to a value", offset: 4,
      length: 5),
    Case(
      tex: "a + F_W(a, b)",
      message: "F_W is not bound: bind \"F_W\" to a function of 2 arguments", offset: 4,
      length: 3),
    Case(
      tex: "a + \\frac{\\partial F_W(a, b)}{\\partial W}",
      message:
        "\\partial F_W / \\partial W is not bound: bind \"\\\\partial F_W / \\\\partial W\" to a "
        + "function of 2 arguments", offset: 4, length: 37),
    Case(
      tex: "w_{q} + 1",
      message:
        "w_q is not bound: bind \"w_q\" to a value, or bind \"w\" to a vector or matrix that it "
        + "indexes", offset: 0, length: 5),
    Case(
      tex: "\\sum_{\\bar z} a",
      message: "\\bar z is not bound: bind \"\\\\bar z\" to the set to range over (.set([…]))",
      offset: 6, length: 6),
    Case(
      tex: "\\int_0^1 a \\, d\\hat t",
      message:
        "\\hat t is not bound: bind \"\\\\hat t\" to the grid of points to integrate over "
        + "(.grid([…]))", offset: 15, length: 6),
    Case(
      tex: "a + \\Fq", message: "F_q is not bound: bind \"F_q\" to a function of 1 argument",
      offset: 4, length: 3, macros: ["\\Fq": "F_q(a)"]),
    Case(tex: "a + \\foo", message: "unknown command \\foo", offset: 4, length: 4),
    Case(
      tex: "a \\cup b",
      message:
        "\\cup cannot be evaluated (the README, under The formula as typeset, lists what can)",
      offset: 2, length: 4),
    Case(
      tex: "\\binom{a}{b}",
      message:
        "\\binom cannot be evaluated (the README, under The formula as typeset, lists what can)",
      offset: 0,
      length: 6),
    Case(tex: "u + a", message: "shape mismatch: a vector of 3 + a scalar", offset: 2, length: 1),
    Case(
      tex: "A - B", message: "shape mismatch: a 2×3 matrix - a 3×2 matrix", offset: 2, length: 1),
    Case(
      tex: "a + u v",
      message:
        "shape mismatch: a vector of 3 times a vector of 3 (the dot product is x \\cdot y or "
        + "x^\\top y, the outer product x y^\\top)", offset: 6, length: 1),
    Case(
      tex: "A \\cdot u^\\top",
      message: "shape mismatch: a 2×3 matrix times a 1×3 matrix", offset: 2, length: 5),
    Case(
      tex: "a^u", message: "shape mismatch: a power with a vector of 3 as exponent", offset: 1,
      length: 1),
    Case(
      tex: "|A|", message: "|…| of a 2×3 matrix: write \\|A\\| for its norm", offset: 0,
      length: 3),
    Case(
      tex: "\\max_{\\bar y} u",
      message: "shape mismatch: a term of \\max must be a scalar, not a vector of 3", offset: 0,
      length: 4),
    Case(tex: "\\frac{a}{b - b}", message: "division by zero", offset: 0, length: 5),
    Case(tex: "a + a / (b - b)", message: "division by zero", offset: 6, length: 1),
    Case(tex: "\\log(b - b)", message: "\\log of 0 is not finite", offset: 0, length: 4),
    Case(tex: "\\ln b", message: "\\ln of a negative number (-0.5)", offset: 0, length: 3),
    Case(
      tex: "\\sqrt{b}", message: "the square root of a negative number (-0.5)", offset: 0,
      length: 5),
    Case(tex: "e^{1000}", message: "e^{1000.0} overflows", offset: 1, length: 1),
    Case(
      tex: "w_5",
      message: "index 5 is out of range for w, a vector of 4 (indices count from 0)", offset: 0,
      length: 3),
    Case(
      tex: "(a)^+", message: "^+ is the positive part only after brackets, as in [u]^+",
      offset: 3, length: 1),
    Case(
      tex: "\\mathbb{1}[a]", message: "an indicator needs a comparison, as in \\mathbb{1}[a > b]",
      offset: 12, length: 1),
    Case(
      tex: "\\sum a",
      message: "\\sum needs what it ranges over, as in \\sum_{\\bar y} or \\sum_{k=1}^{n}",
      offset: 0, length: 4),
    Case(
      tex: "\\int t",
      message:
        "\\int needs its variable: end the integrand with d and the variable, as in d\\hat y",
      offset: 0, length: 4),
    Case(
      tex: "\\frac{\\partial^2 f}{\\partial x^2}",
      message: "higher derivatives cannot be evaluated", offset: 14, length: 1),
    Case(
      tex: "\\left( a \\right]", message: "expected \\right) to close \\left", offset: 9,
      length: 6),
    Case(tex: "(a + b", message: "( is never closed by )", offset: 0, length: 1),
    Case(
      tex: "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}",
      message:
        "a second equation in one formula: only one chain of relations is evaluated (a row of "
        + "aligned must go on from the previous one, starting with = or an operator)",
      offset: 26, length: 1),
    Case(
      tex: "a = b, c",
      message:
        "unexpected c: a formula to evaluate is a chain of relations, as a = b = c (two "
        + "equations side by side are separated by a comma and \\qquad)",
      offset: 7, length: 1),
  ]

  /// The values of ``FormulaEvaluationTests/values``, and a few more that fail.
  static var values: FormulaBindings {
    var bindings = FormulaEvaluationTests.values
    bindings["W"] = 1
    bindings["E"] = .set([])
    bindings["V"] = .set([[1, 2], [3, 4]])
    bindings["S"] = .scalarFunction { a in a[0] }
    return bindings
  }

  @Test(arguments: cases)
  func locatesTheErrorAtTheOffendingToken(_ c: Case) throws {
    let bindings = Self.values
    let error = #expect(throws: TeXError.self) {
      let formula = try EvaluableFormula(tex: c.tex, macros: try MacroTable(c.macros))
      _ = try formula.sides[0].evaluate(bindings)
    }
    #expect(error == TeXError(c.message, offset: c.offset, length: c.length))
  }

  /// A hostile formula ends with an error, not after years: a range of more than a million
  /// terms, in the evaluator and in the compiled code alike, and nested sums past the budget.
  @Test func aFormulaThatWouldRunForYearsIsAnError() throws {
    let range = try EvaluableFormula(tex: "1 + \\sum_{k=1}^{100000000} k")
    let error = #expect(throws: TeXError.self) {
      try range.sides[0].evaluate(FormulaBindings())
    }
    #expect(
      error?.message
        == "\\sum from 1 to 100000000 has more than 1000000 terms, the most a formula's range "
        + "may have")
    #expect(error?.offset == 4)
    let compiled = try range.sides[0].function(of: [], bindings: FormulaBindings())
    #expect(compiled.isCompiled)
    #expect(throws: try #require(error)) { try compiled([]) }
    // Nested sums pass the budget of 5 million terms in all (here, near its end already), and
    // each run has a budget of its own.
    let nested = try EvaluableFormula(tex: "\\sum_{j=1}^{3} \\sum_{k=1}^{4} 0").sides[0]
    var evaluator = Evaluator(
      program: nested.program, slots: nested.resolve(FormulaBindings()),
      spellings: nested.spellings, indexBase: 0)
    evaluator.terms = Evaluator.maximumTerms - 14
    let budget = #expect(throws: TeXError.self) { try evaluator.value(nested.program.root) }
    #expect(
      budget?.message
        == "the formula takes more than 5000000 terms of sums, products, integrals and searches "
        + "to evaluate")
    evaluator.terms = Evaluator.maximumTerms - 14
    #expect(try evaluator.run() == .scalar(0))
  }

  @Test func locatesAFunctionThatThrowsAtItsName() throws {
    struct Refusal: Error, CustomStringConvertible {
      var description: String { "no energy for label 7" }
    }
    var bindings = FormulaBindings()
    bindings["F_W"] = .function { _ in throw Refusal() }
    bindings["x"] = 1
    let formula = try EvaluableFormula(tex: "1 + F_W(x, 7)")
    #expect(throws: TeXError("F_W(…) failed: no energy for label 7", offset: 4, length: 3)) {
      try formula.sides[0].evaluate(bindings)
    }
  }

  @Test func saysWhichSymbolsAreUnboundBeforeEvaluating() throws {
    let side = try EvaluableFormula(
      tex: "\\sum_{\\bar y} \\sigma(s_{\\bar y}) + w_y + e^{\\pi} + F(t)"
    ).sides[0]
    #expect(
      side.freeSymbols.map(\.spelling) == ["\\bar y", "\\sigma", "s", "w_y", "e", "\\pi", "F", "t"])
    #expect(side.freeSymbols.first { $0.spelling == "\\sigma" }?.meaningWhenUnbound != nil)
    #expect(
      side.freeSymbols.first { $0.spelling == "w_y" }?.meaningWhenUnbound
        == "w indexed by the subscript")
    #expect(side.freeSymbols.first { $0.spelling == "s" }?.meaningWhenUnbound == nil)
    var bindings = FormulaBindings()
    bindings["F"] = .function { $0[0] }
    bindings["w"] = [1, 2, 3]
    #expect(side.unboundSymbols(in: bindings).map(\.spelling) == ["\\bar y", "s", "w_y", "t"])
    bindings["y"] = 1
    bindings["\\bar{y}"] = .set([0])
    #expect(side.unboundSymbols(in: bindings).map(\.spelling) == ["s", "t"])
  }
}
