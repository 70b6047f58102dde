import LossEngine
import Testing

@Suite struct ValidationTests {
  @Test(arguments: [0.0, -1, .infinity, .nan])
  func aNonPositiveBetaIsRejectedByName(beta: Double) {
    #expect(Validation.beta(beta)?.hasPrefix("beta must be positive") == true)
  }

  @Test func aPositiveBetaPasses() { #expect(Validation.beta(0.01) == nil) }

  @Test func aNegativeMarginIsRejectedByName() {
    #expect(Validation.margin(-0.5)?.hasPrefix("margin must be non-negative") == true)
    #expect(Validation.margin(0) == nil)
    #expect(Loss.hinge(margin: -1).validationMessage?.hasPrefix("margin") == true)
    #expect(Loss.squareExponential(gamma: 0).validationMessage?.hasPrefix("gamma") == true)
    #expect(Loss.nll(beta: 0).validationMessage?.hasPrefix("beta") == true)
  }

  @Test func anEmptyLabelSetIsRejectedByName() {
    #expect(Validation.nonEmpty(0, argument: "energies") == "energies must not be empty")
    #expect(Validation.label(0, count: 0) == "the label set of y must not be empty")
    #expect(Validation.label(3, count: 3) == "y = 3 is not a label in 0..<3")
  }

  @Test func mismatchedShapesNameTheArgument() {
    #expect(
      Validation.sameLength(3, 4, argument: "x", expectedName: "W columns")
        == "x has 3 entries but W columns has 4")
    #expect(
      Validation.sameShape((2, 3), (3, 2), argument: "rhs")
        == "rhs has shape 2×3 but 3×2 is required")
  }
}

@Suite struct PreconditionExitTests {
  @Test func gibbsWithZeroBetaStopsTheProcessWithAMessageNamingBeta() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = GibbsDistribution(energies: [1, 2], beta: 0)
    }
    let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(stderr.contains("beta must be positive and finite"))
  }

  @Test func aLinearEnergyWithAMismatchedInputStopsTheProcess() async {
    await #expect(processExitsWith: .failure) {
      _ = LinearEnergy(weights: .zeros(2, 3)).energies([1, 2])
    }
  }

  @Test func aNegativeMarginStopsTheProcess() async {
    await #expect(processExitsWith: .failure) {
      _ = Loss.hinge(margin: -1).value(correct: 0, offending: 1)
    }
  }

  @Test func anEmptyLabelSetStopsTheProcess() async {
    await #expect(processExitsWith: .failure) {
      _ = GibbsDistribution(energies: [], beta: 1)
    }
  }
}
