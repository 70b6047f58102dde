import Foundation
import Testing

@testable import TeXMath

/// The homework's display formulas (`Content/ebm-homework.md`, copied verbatim) parse with the
/// free symbols a block binds, and evaluate, with a linear energy, to what Swift computes by
/// hand.
@Suite struct HomeworkFormulaTests {
  /// A formula of the homework and the free symbols of each side, in order of first use.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var tex: String
    var symbols: [[String]]
    var testDescription: String { name }
  }

  static let formulas: [Case] = [
    Case(
      name: "the linear energy", tex: "F_W(x, y) = -w_y \\cdot x - b_y ,",
      symbols: [["F_W", "x", "y"], ["w_y", "x", "b_y"]]),
    Case(
      name: "the Gibbs distribution, continuous (1.1c)",
      tex:
        "P(y \\mid x) = \\frac{e^{-\\beta F_W(x, y)}}{\\int e^{-\\beta F_W(x, \\hat y)} \\, d\\hat y}",
      symbols: [["P", "y", "x"], ["e", "\\beta", "F_W", "x", "y", "\\hat y"]]),
    Case(
      name: "the Gibbs distribution, discrete",
      tex:
        "P(y \\mid x) = \\frac{e^{-\\beta F_W(x, y)}}{\\sum_{y'=0}^{n-1} e^{-\\beta F_W(x, y')}}",
      symbols: [["P", "y", "x"], ["e", "\\beta", "F_W", "x", "y", "n"]]),
    Case(
      name: "the NLL loss (1.2 ii)",
      tex:
        "\\ell_{\\text{NLL}}(x, y, W) = -\\frac{1}{\\beta} \\log P(y \\mid x) = F_W(x, y) + "
        + "\\frac{1}{\\beta} \\log \\sum_{y'} e^{-\\beta F_W(x, y')} .",
      symbols: [
        ["\\ell_{NLL}", "x", "y", "W"], ["\\beta", "P", "y", "x"],
        ["F_W", "x", "y", "\\beta", "y'", "e"],
      ]),
    Case(
      name: "the NLL loss, derived",
      tex: """
        \\begin{aligned}
        -\\log P(y \\mid x)
        &= -\\log e^{-\\beta F_W(x, y)} + \\log \\sum_{y'} e^{-\\beta F_W(x, y')} \\\\
        &= \\beta F_W(x, y) + \\log \\sum_{y'} e^{-\\beta F_W(x, y')} .
        \\end{aligned}
        """,
      symbols: [
        ["P", "y", "x"], ["e", "\\beta", "F_W", "x", "y", "y'"],
        ["\\beta", "F_W", "x", "y", "y'", "e"],
      ]),
    Case(
      name: "the NLL gradient, derived",
      tex:
        "\\frac{1}{\\beta} \\cdot \\frac{\\sum_{y'} e^{-\\beta F_W(x, y')} \\cdot (-\\beta) \\, "
        + "\\frac{\\partial F_W(x, y')}{\\partial W}}{\\sum_{y''} e^{-\\beta F_W(x, y'')}}\n"
        + "= - \\sum_{y'} P(y' \\mid x) \\, \\frac{\\partial F_W(x, y')}{\\partial W} .",
      symbols: [
        ["\\beta", "y'", "e", "F_W", "x", "\\partial F_W / \\partial W", "y''"],
        ["y'", "P", "x", "\\partial F_W / \\partial W"],
      ]),
    Case(
      name: "the NLL gradient (1.2 iii)",
      tex: """
        \\frac{\\partial \\ell_{\\text{NLL}}}{\\partial W}
        = \\frac{\\partial F_W(x, y)}{\\partial W} - \\sum_{y'} P(y' \\mid x) \\, \\frac{\\partial F_W(x, y')}{\\partial W} .
        """,
      symbols: [
        ["\\partial \\ell_{NLL} / \\partial W"],
        ["\\partial F_W / \\partial W", "x", "y", "y'", "P"],
      ]),
    Case(
      name: "the hinge loss",
      tex:
        "\\ell_{\\text{hinge}}(x, y, \\bar y, W) = \\left[ F_W(x, y) - F_W(x, \\bar y) + m "
        + "\\right]^+",
      symbols: [["\\ell_{hinge}", "x", "y", "\\bar y", "W"], ["F_W", "x", "y", "\\bar y", "m"]]),
    Case(
      name: "the simple loss",
      tex:
        "\\ell_{\\text{simple}}(x, y, \\bar y, W) = [F_W(x, y)]^+ + [m - F_W(x, \\bar y)]^+",
      symbols: [["\\ell_{simple}", "x", "y", "\\bar y", "W"], ["F_W", "x", "y", "m", "\\bar y"]]),
    Case(
      name: "the simple loss's gradient (1.3a)",
      tex: """
        \\frac{\\partial \\ell_{\\text{simple}}}{\\partial W}
        = \\mathbb{1}[F_W(x, y) > 0] \\, \\frac{\\partial F_W(x, y)}{\\partial W}
        - \\mathbb{1}[F_W(x, \\bar y) < m] \\, \\frac{\\partial F_W(x, \\bar y)}{\\partial W} .
        """,
      symbols: [
        ["\\partial \\ell_{simple} / \\partial W"],
        ["F_W", "x", "y", "\\partial F_W / \\partial W", "\\bar y", "m"],
      ]),
    Case(
      name: "the log loss",
      tex:
        "\\ell_{\\log}(x, y, \\bar y, W) = \\log\\left(1 + e^{F_W(x, y) - F_W(x, \\bar y)}\\right)",
      symbols: [["\\ell_\\log", "x", "y", "\\bar y", "W"], ["e", "F_W", "x", "y", "\\bar y"]]),
    Case(
      name: "the log loss's gradient (1.3b)",
      tex: """
        \\frac{\\partial \\ell_{\\log}}{\\partial W}
        = \\sigma(z) \\left( \\frac{\\partial F_W(x, y)}{\\partial W} - \\frac{\\partial F_W(x, \\bar y)}{\\partial W} \\right) .
        """,
      symbols: [
        ["\\partial \\ell_\\log / \\partial W"],
        ["\\sigma", "z", "\\partial F_W / \\partial W", "x", "y", "\\bar y"],
      ]),
    Case(
      name: "the square-square loss",
      tex:
        "\\ell_{\\text{sq-sq}}(x, y, \\bar y, W) = \\left([F_W(x, y)]^+\\right)^2 + "
        + "\\left([m - F_W(x, \\bar y)]^+\\right)^2",
      symbols: [["\\ell_{sq-sq}", "x", "y", "\\bar y", "W"], ["F_W", "x", "y", "m", "\\bar y"]]),
    Case(
      name: "the square-square loss's gradient (1.3c)",
      tex: """
        \\frac{\\partial \\ell_{\\text{sq-sq}}}{\\partial W}
        = 2 \\, [F_W(x, y)]^+ \\, \\frac{\\partial F_W(x, y)}{\\partial W}
        - 2 \\, [m - F_W(x, \\bar y)]^+ \\, \\frac{\\partial F_W(x, \\bar y)}{\\partial W} .
        """,
      symbols: [
        ["\\partial \\ell_{sq-sq} / \\partial W"],
        ["F_W", "x", "y", "\\partial F_W / \\partial W", "m", "\\bar y"],
      ]),
    Case(
      name: "the free energy's bounds",
      tex:
        "\\min_z G(x, y, z) - \\frac{\\log k}{\\beta} \\le F_\\beta(x, y) \\le \\min_z G(x, y, z) ,",
      symbols: [
        ["z", "G", "x", "y", "k", "\\beta"], ["F_\\beta", "x", "y"], ["z", "G", "x", "y"],
      ]),
    Case(
      name: "inference, without and with a latent variable (h)",
      tex: """
        \\hat y = \\operatorname*{argmin}_{y} F(x, y),
        \\qquad
        (\\hat y, \\hat z) = \\operatorname*{argmin}_{y, z} G(x, y, z)
        """,
      symbols: [["\\hat y"], ["y", "F", "x"], ["\\hat y", "\\hat z"], ["y", "z", "G", "x"]]),
  ]

  @Test(arguments: formulas)
  func parsesWithTheFreeSymbolsABlockBinds(_ c: Case) throws {
    let formula = try EvaluableFormula(tex: c.tex)
    #expect(formula.sides.map { $0.freeSymbols.map(\.spelling) } == c.symbols)
  }

  // MARK: A linear energy

  /// `F_W(x, y) = -w_y \cdot x - b_y` over 5 labels and 4 inputs; `W` is the 20 weights row by
  /// row, then the 5 biases.
  struct LinearEnergy {
    var weights: [[Double]] = [
      [0.3, -0.2, 0.5, 0.1], [-0.4, 0.6, 0.0, 0.2], [0.1, 0.1, -0.3, 0.7],
      [0.5, -0.5, 0.2, -0.1], [-0.2, 0.3, 0.4, 0.0],
    ]
    var biases: [Double] = [0.1, -0.2, 0.05, 0.0, 0.3]
    var x: [Double] = [0.5, -1.0, 2.0, 0.25]
    var beta = 1.5
    let labels = 0..<5

    func energy(_ y: Int) -> Double {
      -zip(weights[y], x).map { $0 * $1 }.reduce(0, +) - biases[y]
    }

    func energyGradient(_ y: Int) -> [Double] {
      var g = [Double](repeating: 0, count: 25)
      for j in 0..<4 { g[4 * y + j] = -x[j] }
      g[20 + y] = -1
      return g
    }

    func probability(_ y: Int) -> Double {
      let z = labels.map { exp(-beta * energy($0)) }.reduce(0, +)
      return exp(-beta * energy(y)) / z
    }

    /// Every symbol the homework's formulas read, bound from this model.
    func bindings(y: Int, yBar: Int, m: Double) -> FormulaBindings {
      func label(_ v: MathValue) -> Int { Int(v.scalar!) }
      var bindings = FormulaBindings()
      bindings["x"] = .value(.vector(x))
      bindings["y"] = .value(MathValue(y))
      bindings["\\bar y"] = .value(MathValue(yBar))
      bindings["y'"] = .set(labels.map { MathValue($0) })
      bindings["y''"] = .set(labels.map { MathValue($0) })
      bindings["n"] = .value(MathValue(labels.count))
      bindings["\\beta"] = .value(.scalar(beta))
      bindings["m"] = .value(.scalar(m))
      bindings["w"] = .value(MathValue(rows: weights))
      bindings["b"] = .value(.vector(biases))
      bindings["W"] = .value(.vector(weights.flatMap { $0 } + biases))
      bindings["F_W"] = .function { .scalar(energy(label($0[1]))) }
      bindings["\\partial F_W / \\partial W"] = .function { .vector(energyGradient(label($0[1]))) }
      bindings["P"] = .function { .scalar(probability(label($0[0]))) }
      bindings["P_W"] = .function { .scalar(probability(label($0[0]))) }
      return bindings
    }
  }

  static func close(_ a: MathValue, _ b: [Double]) -> Bool {
    a.elements.count == b.count
      && zip(a.elements, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
  }

  @Test func evaluatesTheIssuesNLLGradientAsTheHandWrittenSum() throws {
    let tex =
      "\\frac{\\partial \\ell}{\\partial W} = \\frac{\\partial F_W(x,y)}{\\partial W} - "
      + "\\sum_{\\bar y} P_W(\\bar y \\mid x)\\,\\frac{\\partial F_W(x,\\bar y)}{\\partial W} "
      + "\\label{nll-grad}"
    let formula = try EvaluableFormula(tex: tex)
    #expect(formula.label == "nll-grad")
    #expect(formula.sides[0].freeSymbols.map(\.spelling) == ["\\partial \\ell / \\partial W"])
    #expect(
      formula.sides[1].freeSymbols.map(\.spelling) == [
        "\\partial F_W / \\partial W", "x", "y", "\\bar y", "P_W",
      ])
    #expect(
      formula.sides[1].freeSymbols.map(\.use) == [
        .function(arguments: 2), .value, .value, .set, .function(arguments: 2),
      ])
    let model = LinearEnergy()
    for y in model.labels {
      var bindings = model.bindings(y: y, yBar: 0, m: 1)
      bindings["\\bar y"] = .set(model.labels.map { MathValue($0) })
      var expected = model.energyGradient(y)
      for yBar in model.labels {
        let p = model.probability(yBar)
        for (i, g) in model.energyGradient(yBar).enumerated() { expected[i] -= p * g }
      }
      #expect(Self.close(try formula.sides[1].evaluate(bindings), expected))
    }
  }

  @Test func evaluatesBothSidesOfTheLinearEnergyAlike() throws {
    let formula = try EvaluableFormula(tex: Self.formulas[0].tex)
    let model = LinearEnergy()
    for y in model.labels {
      let bindings = model.bindings(y: y, yBar: 0, m: 1)
      #expect(Self.close(try formula.sides[0].evaluate(bindings), [model.energy(y)]))
      #expect(Self.close(try formula.sides[1].evaluate(bindings), [model.energy(y)]))
    }
  }

  @Test func evaluatesEverySideOfTheGibbsDistributionAndTheNLLLossAlike() throws {
    let model = LinearEnergy()
    for name in [
      "the Gibbs distribution, discrete", "the NLL loss, derived", "the NLL loss (1.2 ii)",
    ] {
      let formula = try EvaluableFormula(tex: Self.formulas.first { $0.name == name }!.tex)
      for y in model.labels {
        var bindings = model.bindings(y: y, yBar: 0, m: 1)
        bindings["\\ell_{\\text{NLL}}"] = .function { _ in
          .scalar(-log(model.probability(y)) / model.beta)
        }
        let values = try formula.sides.map { try $0.evaluate(bindings).scalar! }
        let expected =
          name.hasPrefix("the Gibbs")
          ? model.probability(y)
          : -log(model.probability(y)) / (name.hasSuffix("derived") ? 1 : model.beta)
        for value in values { #expect(abs(value - expected) < 1e-12, "\(name): \(values)") }
      }
    }
  }

  @Test func evaluatesTheNLLGradientsSidesAsTheHandWrittenSum() throws {
    let model = LinearEnergy()
    for name in ["the NLL gradient (1.2 iii)", "the NLL gradient, derived"] {
      let formula = try EvaluableFormula(tex: Self.formulas.first { $0.name == name }!.tex)
      let y = 2
      let bindings = model.bindings(y: y, yBar: 0, m: 1)
      var expectation = [Double](repeating: 0, count: 25)
      for yBar in model.labels {
        let p = model.probability(yBar)
        for (i, g) in model.energyGradient(yBar).enumerated() { expectation[i] += p * g }
      }
      let gradient = zip(model.energyGradient(y), expectation).map { $0 - $1 }
      let last = formula.sides.count - 1
      let expected = name.hasSuffix("derived") ? expectation.map { -$0 } : gradient
      #expect(Self.close(try formula.sides[last].evaluate(bindings), expected))
      if name.hasSuffix("derived") {
        #expect(Self.close(try formula.sides[0].evaluate(bindings), expected))
      }
    }
  }

  /// The margin losses' gradients where both indicators are on, where one is off, and where
  /// both are (here F_0 < F_3 < F_4 < 0 < F_2 < F_1, and the margins are 5, 0.6 and -3).
  @Test(arguments: [(2, 0, 5.0), (1, 3, -3.0), (0, 4, 0.6), (0, 3, -3.0)])
  func evaluatesTheMarginLossGradientsAsWrittenByHand(y: Int, yBar: Int, m: Double) throws {
    let model = LinearEnergy()
    let bindings = model.bindings(y: y, yBar: yBar, m: m)
    let (fy, fBar) = (model.energy(y), model.energy(yBar))
    let (gy, gBar) = (model.energyGradient(y), model.energyGradient(yBar))
    func combination(_ a: Double, _ b: Double) -> [Double] {
      zip(gy, gBar).map { a * $0 - b * $1 }
    }
    let simple = try EvaluableFormula(tex: Self.formulas[9].tex)
    #expect(
      Self.close(
        try simple.sides[1].evaluate(bindings),
        combination(fy > 0 ? 1 : 0, fBar < m ? 1 : 0)))
    let squareSquare = try EvaluableFormula(tex: Self.formulas[13].tex)
    #expect(
      Self.close(
        try squareSquare.sides[1].evaluate(bindings),
        combination(2 * max(0, fy), 2 * max(0, m - fBar))))
    var logBindings = bindings
    logBindings["z"] = .value(.scalar(fy - fBar))
    let logistic = 1 / (1 + exp(-(fy - fBar)))
    let logLoss = try EvaluableFormula(tex: Self.formulas[11].tex)
    #expect(
      Self.close(try logLoss.sides[1].evaluate(logBindings), combination(logistic, logistic)))
    let hinge = try EvaluableFormula(tex: Self.formulas[7].tex)
    #expect(Self.close(try hinge.sides[1].evaluate(bindings), [max(0, fy - fBar + m)]))
  }

  @Test func integratesTheContinuousGibbsDenominatorByTheTrapezoidRule() throws {
    let formula = try EvaluableFormula(tex: Self.formulas[1].tex)
    var bindings = FormulaBindings()
    let grid = stride(from: -2.0, through: 2.0, by: 0.5).map { $0 }
    bindings["\\hat y"] = .grid(grid)
    bindings["x"] = 0.5
    bindings["y"] = 1
    bindings["\\beta"] = 2
    bindings["F_W"] = .function { arguments in
      let (x, y) = (arguments[0].scalar!, arguments[1].scalar!)
      return .scalar((y - x) * (y - x))
    }
    var z = 0.0
    for i in 1..<grid.count {
      let f = { (t: Double) in exp(-2 * (t - 0.5) * (t - 0.5)) }
      z += (grid[i] - grid[i - 1]) * (f(grid[i - 1]) + f(grid[i])) / 2
    }
    let value = try formula.sides[1].evaluate(bindings).scalar!
    #expect(abs(value - exp(-2 * 0.25) / z) < 1e-12)
  }
}
