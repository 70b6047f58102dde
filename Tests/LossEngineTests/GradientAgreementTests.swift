import LossEngine
import PropertyBased
import Testing

/// Hand-derived ∂ℓ/∂W = reverse mode = finite differences, on random energies and inputs.
/// Whether finite differences at (x, y) may straddle a kink: the pair is within `margin` of a
/// kink of the loss, or the most offending answer ȳ is within `margin` of switching.
func nearAKink(_ loss: Loss, energies e: Vector, label y: Int, margin: Double = 1e-3) -> Bool {
  guard loss.isContrastive else { return false }
  let incorrect = (0..<e.count).filter { $0 != y }.map { e[$0] }.sorted()
  if incorrect.count >= 2 && incorrect[1] - incorrect[0] < margin { return true }
  return loss.kinkDistance(correct: e[y], offending: incorrect[0]) < margin
}

/// Hand-derived and reverse-mode gradients are both exact up to rounding: they agree to 1e-8
/// relative, or to 1e-13 absolute where the gradient itself is at rounding level (as the NLL's
/// 1 − P(y | x) is when P(y | x) is nearly 1).
func handDerivedMatchesReverseMode(_ check: GradientCheck) -> Bool {
  check.reverseModeError < 1e-8 || (check.handDerived - check.reverseMode).maxMagnitude < 1e-13
}

@Suite struct GradientAgreementTests {
  /// One loss of every `Loss.Kind`, so a new loss is checked here without being listed.
  static let losses = Loss.catalogue(margin: 0.7, beta: 1.7, gamma: 0.8, delta: 0.5)

  /// A random linear energy; energies are shifted up by 20 for LVQ2, which needs F > 0.
  static func linear(_ seed: Int, for loss: Loss) -> (LinearEnergy, Vector, Int) {
    var g = SeededGenerator(seed: UInt64(seed))
    let (n, d) = (2 + g.integer(below: 4), 1 + g.integer(below: 4))
    let shift = loss.kind == .lvq2 ? -20.0 : 0
    let f = LinearEnergy(
      weights: g.gaussianMatrix(n, d), bias: g.gaussianVector(n).map { $0 + shift })
    return (f, g.gaussianVector(d), g.integer(below: n))
  }

  static func multilayer(_ seed: Int, for loss: Loss) -> (MultilayerEnergy, Vector, Int) {
    var g = SeededGenerator(seed: UInt64(seed))
    let (n, d, h) = (2 + g.integer(below: 3), 1 + g.integer(below: 3), 1 + g.integer(below: 4))
    var f = MultilayerEnergy(labels: n, inputs: d, hidden: h, using: &g)
    f.hiddenBias = g.gaussianVector(h)
    let shift = loss.kind == .lvq2 ? -20.0 : 0
    f.outputBias = g.gaussianVector(n).map { $0 + shift }
    return (f, g.gaussianVector(d), g.integer(below: n))
  }

  @Test(arguments: losses)
  func linearEnergyGradientsAgreeThreeWays(loss: Loss) async {
    await propertyCheck(input: Gen.int(in: 0...1_000_000)) { seed in
      let (f, x, y) = Self.linear(seed, for: loss)
      if nearAKink(loss, energies: f.energies(x), label: y) { return }
      let check = gradientCheck(f, loss, x: x, y: y)
      #expect(handDerivedMatchesReverseMode(check), "seed \(seed)")
      #expect(check.agrees(), "seed \(seed): \(check.maxRelativeError), \(check.maxAbsoluteError)")
    }
  }

  @Test(arguments: losses)
  func multilayerEnergyGradientsAgreeThreeWays(loss: Loss) async {
    await propertyCheck(input: Gen.int(in: 0...1_000_000)) { seed in
      let (f, x, y) = Self.multilayer(seed, for: loss)
      if nearAKink(loss, energies: f.energies(x), label: y) { return }
      let check = gradientCheck(f, loss, x: x, y: y)
      #expect(handDerivedMatchesReverseMode(check), "seed \(seed)")
      #expect(check.agrees(), "seed \(seed): \(check.maxRelativeError), \(check.maxAbsoluteError)")
    }
  }

  @Test(arguments: losses)
  func reverseModeLossValueEqualsTheHandWrittenValue(loss: Loss) async {
    await propertyCheck(input: Gen.int(in: 0...1_000_000)) { seed in
      let (f, x, y) = Self.multilayer(seed, for: loss)
      let tape = Tape()
      let onTape = f.loss(loss, x: x, y: y, parameters: tape.variable(f.parameters)).scalar
      #expect(abs(onTape - f.loss(loss, x: x, y: y).value) <= 1e-12 * max(1, abs(onTape)))
    }
  }

  @Test func linearEnergyGradientIsMinusXInRowYAndMinusOneInBiasY() {
    let f = LinearEnergy(weights: Matrix([[1, 2], [3, 4], [5, 6]]), bias: [0.5, 0, -1])
    #expect(f.energies([1, -1]) == [0.5, 1, 2])
    #expect(f.energyGradient([1, -1], 1) == [0, 0, -1, 1, 0, 0, 0, -1, 0])
    #expect(f.infer([1, -1]) == 0)
  }

  @Test func theOneLineCheckCatchesAWrongGradient() {
    // The seed's 1.2(iii) puts an extra 1/β on the expectation term; the check must see it.
    var g = SeededGenerator(seed: 9)
    let f = LinearEnergy(labels: 5, inputs: 3, using: &g)
    let (x, y, beta) = (g.gaussianVector(3), 2, 3.0)
    let p = f.gibbs(x, beta: beta).probabilities
    var wrong = f.energyGradient(x, y)
    for j in 0..<5 { wrong.add(f.energyGradient(x, j), scaledBy: -p[j] / beta) }
    let error = gradientCheck(
      { f.with(parameters: $0).loss(.nll(beta: beta), x: x, y: y).value }, claimed: wrong,
      at: f.parameters)
    #expect(error > 0.1)
  }
}
