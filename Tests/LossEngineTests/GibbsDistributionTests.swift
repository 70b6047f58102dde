import Foundation
import LossEngine
import Testing

@Suite struct GibbsDistributionTests {
  @Test func matchesAHandComputedTwoLabelDistribution() {
    // Energies 0 and log 3 at β = 1: weights 1 and 1/3, so P = (3/4, 1/4).
    let p = GibbsDistribution(energies: [0, Foundation.log(3)], beta: 1)
    #expect(abs(p.probabilities[0] - 0.75) < 1e-15)
    #expect(abs(p.probabilities[1] - 0.25) < 1e-15)
    #expect(abs(p.freeEnergy - -Foundation.log(4.0 / 3)) < 1e-15)
    #expect(abs(p.logProbability(of: 1) - Foundation.log(0.25)) < 1e-15)
  }

  @Test(arguments: [
    ([1000.0, -1000.0, 0.0], 100.0), ([-1000.0, -1000.0, -999.0], 100.0),
    ([1000.0, 1000.0, 1000.0], 1.0), ([-1000.0, 1000.0], 0.001),
  ])
  func staysFiniteForHugeEnergiesAndLargeBeta(energies: [Double], beta: Double) {
    let p = GibbsDistribution(energies: Vector(energies), beta: beta)
    #expect(p.probabilities.scalars.allSatisfy { $0.isFinite && $0 >= 0 })
    #expect(abs(p.probabilities.sum - 1) < 1e-12)
    #expect(p.freeEnergy.isFinite)
    #expect(p.freeEnergy <= energies.min()! + 1e-9)
  }

  @Test func largeBetaConcentratesOnTheArgminAndFreeEnergyTendsToTheMinimum() {
    let p = GibbsDistribution(energies: [0.3, -0.2, 0.5, -0.1], beta: 1e4)
    #expect(abs(p.probabilities[1] - 1) < 1e-12)
    #expect(abs(p.freeEnergy - -0.2) < 1e-12)
    #expect(p.mode == 1)
  }

  @Test func tiesShareTheMassAsBetaGrows() {
    let p = GibbsDistribution(energies: [1, 0, 0], beta: 1e3)
    #expect(abs(p.probabilities[1] - 0.5) < 1e-12)
    #expect(abs(p.probabilities[2] - 0.5) < 1e-12)
  }

  @Test func smallBetaTendsToTheUniformDistribution() {
    let p = GibbsDistribution(energies: [3, -7, 100, 0.5], beta: 1e-9)
    for y in 0..<4 { #expect(abs(p.probabilities[y] - 0.25) < 1e-6) }
  }

  @Test func logSumExpNeitherOverflowsNorUnderflows() {
    #expect(abs(logSumExp([1000, 1000]) - (1000 + Foundation.log(2))) < 1e-12)
    #expect(abs(logSumExp([-1000, -1000]) - (-1000 + Foundation.log(2))) < 1e-12)
    #expect(logSumExp([-.infinity, -.infinity]) == -.infinity)
  }

  @Test func quadratureFreeEnergyOfAGaussianWellIsMinusLogRootTwoPiOverBeta() {
    // ∫ e^{−β y²/2} dy = √(2π/β), so F_β = −(1/β) log √(2π/β).
    for beta in [0.5, 1.0, 4.0] {
      let f = freeEnergy(grid: linspace(-30, 30, count: 6001), beta: beta) { $0 * $0 / 2 }
      let exact = -Foundation.log((2 * Double.pi / beta).squareRoot()) / beta
      #expect(abs(f - exact) < 1e-9)
    }
  }

  @Test func stableHelpersMatchTheirDefinitionsWhereTheDefinitionIsSafe() {
    for u in stride(from: -20.0, through: 20, by: 0.5) {
      #expect(abs(sigmoid(u) - 1 / (1 + Foundation.exp(-u))) < 1e-15)
      #expect(abs(softplus(u) - Foundation.log(1 + Foundation.exp(u))) < 1e-12)
    }
    #expect(softplus(1000) == 1000)
    #expect(sigmoid(-1000) == 0)
    #expect(sigmoid(1000) == 1)
  }
}
