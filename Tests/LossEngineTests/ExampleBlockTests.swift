import Foundation
import LossEngine
import Testing

/// What a homework verify block writes, kept compiling and passing here. `check` and `show`
/// stand in for the block runtime's.
@Suite struct ExampleBlockTests {
  @Test func theNLLDerivationOfQuestionOnePointTwoChecksInAFewLines() {
    func check(_ condition: Bool) { #expect(condition) }
    var rng = SeededGenerator(seed: 2572)
    let F = LinearEnergy(labels: 5, inputs: 3, using: &rng)  // F_W(x, y) = −w_y·x − b_y
    let (x, y, β) = (rng.gaussianVector(3), 2, 2.0)
    let P = F.gibbs(x, beta: β).probabilities  // P(y | x) = e^{−βF(x,y)} / Σ e^{−βF(x,ȳ)}
    let (ℓ, dW) = F.loss(.nll(beta: β), x: x, y: y)  // F(x,y) + (1/β) log Σ e^{−βF(x,ȳ)}
    check(abs(ℓ - -(1 / β) * log(P[y])) < 1e-12)
    // ∂ℓ/∂W = ∂F(x,y)/∂W − Σ_ȳ P(ȳ|x) ∂F(x,ȳ)/∂W: no extra 1/β.
    check(
      relativeError(dW, F.energyGradient(x, y) - F.parameterGradient(x, energyGradient: P)) < 1e-12)
    check(gradientCheck(F, .nll(beta: β), x: x, y: y).maxRelativeError < 1e-6)
  }

  @Test func aBlockCanTabulateEveryLossAgainstTheEnergyGap() {
    let gaps = Array(stride(from: -2.0, through: 2, by: 0.5))
    for loss in Loss.catalogue(margin: 1).filter({ $0.kind != .lvq2 }) {
      let rows = gaps.map { gap in
        (gap, loss.value(correct: gap, offending: 0), loss.derivatives(correct: gap, offending: 0))
      }
      #expect(rows.count == gaps.count)
    }
    // The hinge stops pushing once F(x,ȳ) − F(x,y) ≥ m; the log loss never does.
    #expect(Loss.hinge(margin: 1).derivatives(correct: -1.5, offending: 0).correct == 0)
    #expect(Loss.log.derivatives(correct: -1.5, offending: 0).correct > 0)
  }
}
