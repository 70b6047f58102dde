import Foundation
import LossEngine
import Testing

/// One row of hand-computed values: ℓ(F(x,y), F(x,ȳ)) and its two partial derivatives.
struct LossCase: Sendable, CustomTestStringConvertible {
  var loss: Loss
  var correct: Double
  var offending: Double
  var value: Double
  var dCorrect: Double
  var dOffending: Double
  var testDescription: String { "\(loss.name) at (\(correct), \(offending))" }
}

let sigmoidOfMinusThreeQuarters = 1 / (1 + Foundation.exp(0.75))

let handComputedCases: [LossCase] = [
  LossCase(loss: .energy, correct: 0.5, offending: 1.25, value: 0.5, dCorrect: 1, dOffending: 0),
  LossCase(loss: .perceptron, correct: 2, offending: 1, value: 1, dCorrect: 1, dOffending: -1),
  LossCase(loss: .perceptron, correct: 0.5, offending: 1.25, value: 0, dCorrect: 0, dOffending: 0),
  // [1 + 0.5 − 1.25]^+ = 0.25.
  LossCase(
    loss: .hinge(margin: 1), correct: 0.5, offending: 1.25, value: 0.25, dCorrect: 1,
    dOffending: -1),
  LossCase(
    loss: .hinge(margin: 0.5), correct: 0.5, offending: 1.25, value: 0, dCorrect: 0,
    dOffending: 0),
  // log(1 + e^{−0.75}) and σ(−0.75).
  LossCase(
    loss: .log, correct: 0.5, offending: 1.25, value: Foundation.log(1 + Foundation.exp(-0.75)),
    dCorrect: sigmoidOfMinusThreeQuarters, dOffending: -sigmoidOfMinusThreeQuarters),
  // [0.5]^+ + [1 − 1.25]^+ = 0.5; then [−0.5]^+ + [2 − 1.25]^+ = 0.75.
  LossCase(
    loss: .simple(margin: 1), correct: 0.5, offending: 1.25, value: 0.5, dCorrect: 1,
    dOffending: 0),
  LossCase(
    loss: .simple(margin: 2), correct: -0.5, offending: 1.25, value: 0.75, dCorrect: 0,
    dOffending: -1),
  // 0.5² + [2 − 1.25]² = 0.25 + 0.5625; derivatives 2·0.5 and −2·0.75.
  LossCase(
    loss: .squareSquare(margin: 2), correct: 0.5, offending: 1.25, value: 0.8125, dCorrect: 1,
    dOffending: -1.5),
  LossCase(
    loss: .squareSquare(margin: 1), correct: -0.5, offending: 1.25, value: 0, dCorrect: 0,
    dOffending: 0),
  // 0.5² + 2e^{−1.25}.
  LossCase(
    loss: .squareExponential(gamma: 2), correct: 0.5, offending: 1.25,
    value: 0.25 + 2 * Foundation.exp(-1.25), dCorrect: 1, dOffending: -2 * Foundation.exp(-1.25)),
  // r = (1.5 − 1.25)/(1·1.25) = 0.2; ∂r/∂F(y) = 1/1.25, ∂r/∂F(ȳ) = −1.5/1.25².
  LossCase(
    loss: .lvq2(delta: 1), correct: 1.5, offending: 1.25, value: 0.2, dCorrect: 0.8,
    dOffending: -0.96),
  LossCase(
    loss: .lvq2(delta: 0.1), correct: 1.5, offending: 1.25, value: 1, dCorrect: 0,
    dOffending: 0),
  LossCase(
    loss: .mce, correct: 0.5, offending: 1.25, value: sigmoidOfMinusThreeQuarters,
    dCorrect: sigmoidOfMinusThreeQuarters * (1 - sigmoidOfMinusThreeQuarters),
    dOffending: -sigmoidOfMinusThreeQuarters * (1 - sigmoidOfMinusThreeQuarters)),
  // (1/2) log(1 + e^{2·(0.5 − 1.25)}) and σ(−1.5).
  LossCase(
    loss: .nll(beta: 2), correct: 0.5, offending: 1.25,
    value: 0.5 * Foundation.log(1 + Foundation.exp(-1.5)), dCorrect: 1 / (1 + Foundation.exp(1.5)),
    dOffending: -1 / (1 + Foundation.exp(1.5))),
]

@Suite struct LossTests {
  @Test(arguments: handComputedCases)
  func valuesAndDerivativesMatchHandComputation(c: LossCase) {
    #expect(abs(c.loss.value(correct: c.correct, offending: c.offending) - c.value) < 1e-14)
    let d = c.loss.derivatives(correct: c.correct, offending: c.offending)
    #expect(abs(d.correct - c.dCorrect) < 1e-14)
    #expect(abs(d.offending - c.dOffending) < 1e-14)
  }

  @Test(arguments: Loss.catalogue(margin: 0.7, beta: 1.7, gamma: 0.8, delta: 0.5))
  func derivativesMatchCentralDifferencesOfTheValue(loss: Loss) {
    var g = SeededGenerator(seed: 11)
    for _ in 0..<200 {
      let fy = g.uniform(in: 0.1..<3)
      let fbar = g.uniform(in: 0.1..<3)
      let claimed = loss.derivatives(correct: fy, offending: fbar)
      let error = gradientCheck(
        { loss.value(correct: $0[0], offending: $0[1]) },
        claimed: [claimed.correct, claimed.offending],
        at: [fy, fbar])
      #expect(error < 1e-6, "\(loss.name) at (\(fy), \(fbar))")
    }
  }

  // MARK: kinks: the subgradient chosen at each one

  @Test func hingeUsesZeroAtItsKink() {
    // m + F(x,y) − F(x,ȳ) = 1 + 0.5 − 1.5 = 0.
    #expect(Loss.hinge(margin: 1).value(correct: 0.5, offending: 1.5) == 0)
    #expect(Loss.hinge(margin: 1).derivatives(correct: 0.5, offending: 1.5) == (0, 0))
  }

  @Test func perceptronUsesZeroWhenTheEnergiesTie() {
    #expect(Loss.perceptron.derivatives(correct: 0.3, offending: 0.3) == (0, 0))
    let e = Loss.perceptron.evaluate(energies: [0.3, 0.3, 1], label: 1)
    #expect(e.value == 0 && e.energyGradient == [0, 0, 0])
  }

  @Test func simpleUsesZeroAtBothOfItsKinks() {
    #expect(Loss.simple(margin: 1).derivatives(correct: 0, offending: 1) == (0, 0))
    #expect(Loss.simple(margin: 1).derivatives(correct: 0, offending: 0.5) == (0, -1))
    #expect(Loss.simple(margin: 1).derivatives(correct: 0.1, offending: 1) == (1, 0))
  }

  @Test func squareSquareIsSmoothAtItsKinks() {
    #expect(Loss.squareSquare(margin: 1).derivatives(correct: 0, offending: 1) == (0, 0))
  }

  @Test func lvq2UsesZeroAtBothEndsOfItsClamp() {
    // r = 0 at F(x,y) = F(x,ȳ); r = 1 at F(x,y) = (1 + δ) F(x,ȳ).
    #expect(Loss.lvq2(delta: 1).derivatives(correct: 2, offending: 2) == (0, 0))
    #expect(Loss.lvq2(delta: 1).value(correct: 4, offending: 2) == 1)
    #expect(Loss.lvq2(delta: 1).derivatives(correct: 4, offending: 2) == (0, 0))
  }

  @Test func bothSimpleLossTermsCanBeActiveAtOnce() {
    // The seed's "three exclusive cases" are wrong: both hinge terms push at the same time.
    #expect(Loss.simple(margin: 2).derivatives(correct: 0.5, offending: 1) == (1, -1))
  }

  // MARK: over a label set

  @Test func marginLossesUseTheMostOffendingIncorrectAnswer() {
    let energies: Vector = [0.2, 0.9, -0.4, 0.1]
    #expect(mostOffendingIncorrect(energies: energies, correct: 0) == 2)
    #expect(mostOffendingIncorrect(energies: energies, correct: 2) == 3)
    let e = Loss.hinge(margin: 1).evaluate(energies: energies, label: 0)
    #expect(e.offending == 2)
    #expect(abs(e.value - 1.6) < 1e-15)
    #expect(e.energyGradient == [1, 0, -1, 0])
  }

  @Test func tiesForTheMostOffendingAnswerGoToTheLowestLabel() {
    #expect(mostOffendingIncorrect(energies: [1, 0, 0, 0], correct: 1) == 2)
  }

  @Test func nllGradientIsOneHotMinusTheGibbsProbabilities() {
    let energies: Vector = [0.2, 0.9, -0.4]
    let e = Loss.nll(beta: 2).evaluate(energies: energies, label: 1)
    let p = GibbsDistribution(energies: energies, beta: 2).probabilities
    #expect(relativeError(e.energyGradient, Vector.basis(1, count: 3) - p) < 1e-15)
    #expect(
      abs(e.value - -GibbsDistribution(energies: energies, beta: 2).logProbability(of: 1) / 2)
        < 1e-15)
    #expect(abs(e.energyGradient.sum) < 1e-15)
  }

  @Test func nllOnTwoLabelsEqualsItsPairForm() {
    let whole = Loss.nll(beta: 3).evaluate(energies: [0.4, -0.3], label: 0)
    #expect(abs(whole.value - Loss.nll(beta: 3).value(correct: 0.4, offending: -0.3)) < 1e-15)
  }

  @Test func nllWithBetaOneOnAPairIsTheLogLoss() {
    for gap in stride(from: -5.0, through: 5, by: 0.25) {
      #expect(
        abs(
          Loss.nll(beta: 1).value(correct: gap, offending: 0)
            - Loss.log.value(correct: gap, offending: 0)) < 1e-15)
    }
  }

  @Test func nllStaysFiniteForHugeEnergies() {
    let e = Loss.nll(beta: 100).evaluate(energies: [1000, -1000, 0], label: 0)
    #expect(abs(e.value - 2000) < 1e-9)
    #expect(e.energyGradient.scalars.allSatisfy { $0.isFinite })
  }
}

@Suite struct LossCatalogueTests {
  @Test func theCatalogueHoldsTheTenLossesOfTheTutorialAndTheHomework() {
    let names = Loss.catalogue(margin: 1, beta: 2, gamma: 0.5, delta: 1).map(\.name)
    #expect(
      names == [
        "energy", "perceptron", "hinge(m=1.0)", "log", "simple(m=1.0)", "square-square(m=1.0)",
        "square-exponential(γ=0.5)", "LVQ2(δ=1.0)", "MCE", "NLL(β=2.0)",
      ])
  }

  @Test func theCatalogueHoldsOneLossOfEachKindInOrder() {
    #expect(Loss.catalogue().map(\.kind) == Loss.Kind.allCases)
  }

  @Test(arguments: Loss.Kind.allCases)
  func eachKindMakesALossOfThatKindAndCaseName(kind: Loss.Kind) {
    let loss = kind.loss(margin: 0.7, beta: 1.7, gamma: 0.8, delta: 0.5)
    #expect(loss.kind == kind)
    // The case's own name as Swift prints it: `hinge(margin: 0.7)` is `hinge`.
    #expect(String(String(describing: loss).prefix { $0 != "(" }) == kind.rawValue)
  }

  @Test func everyKindHasHandComputedValuesAndDerivatives() {
    #expect(Set(handComputedCases.map(\.loss.kind)) == Set(Loss.Kind.allCases))
  }
}

@Suite struct KinkDistanceTests {
  @Test func kinkDistanceIsZeroAtEachKinkAndInfiniteForSmoothLosses() {
    #expect(Loss.hinge(margin: 1).kinkDistance(correct: 0.5, offending: 1.5) == 0)
    #expect(Loss.perceptron.kinkDistance(correct: 0.3, offending: 0.3) == 0)
    #expect(Loss.simple(margin: 1).kinkDistance(correct: 0, offending: 3) == 0)
    #expect(Loss.lvq2(delta: 1).kinkDistance(correct: 4, offending: 2) == 0)
    #expect(Loss.log.kinkDistance(correct: 0, offending: 0) == .infinity)
    #expect(Loss.hinge(margin: 1).kinkDistance(correct: 0, offending: 0.25) == 0.75)
  }
}
