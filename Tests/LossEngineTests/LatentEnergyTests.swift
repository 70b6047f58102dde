import Foundation
import LossEngine
import PropertyBased
import Testing

@Suite struct LatentEnergyTests {
  static func energy(_ seed: Int) -> (LatentLinearEnergy, Vector, Int) {
    var g = SeededGenerator(seed: UInt64(seed))
    let (n, k, d) = (2 + g.integer(below: 3), 1 + g.integer(below: 3), 1 + g.integer(below: 3))
    var f = LatentLinearEnergy(labels: n, latents: k, inputs: d, using: &g)
    f.bias = g.gaussianVector(n * k)
    return (f, g.gaussianVector(d), g.integer(below: n))
  }

  @Test(
    arguments: Loss.catalogue(margin: 0.7, beta: 1.7, gamma: 0.8, delta: 0.5).filter {
      $0.kind != .lvq2
    })
  func freeEnergyGradientsAgreeThreeWays(loss: Loss) async {
    await propertyCheck(count: 50, input: Gen.int(in: 0...1_000_000)) { seed in
      let (g, x, y) = Self.energy(seed)
      let f = FreeEnergy(g, beta: 2.5)
      if nearAKink(loss, energies: f.energies(x), label: y) { return }
      let check = gradientCheck(f, loss, x: x, y: y)
      #expect(handDerivedMatchesReverseMode(check), "seed \(seed)")
      #expect(check.agrees(), "seed \(seed): \(check.maxRelativeError), \(check.maxAbsoluteError)")
    }
  }

  @Test func freeEnergyMarginalisesTheLatentVariable() {
    var g = SeededGenerator(seed: 4)
    let f = LatentLinearEnergy(labels: 3, latents: 4, inputs: 2, using: &g)
    let x: Vector = [0.3, -1.2]
    let e = f.energies(x)
    let free = f.freeEnergies(x, beta: 0.7)
    for y in 0..<3 {
      let z = (0..<4).map { Foundation.exp(-0.7 * e[y, $0]) }.reduce(0, +)
      #expect(abs(free[y] - -Foundation.log(z) / 0.7) < 1e-13)
    }
  }

  @Test func freeEnergyTendsToTheMinimumOverZAsBetaGrows() {
    var g = SeededGenerator(seed: 5)
    let f = LatentLinearEnergy(labels: 3, latents: 4, inputs: 2, using: &g)
    let x: Vector = [1, 2]
    #expect(relativeError(f.freeEnergies(x, beta: 1e7), f.minimumEnergies(x)) < 1e-6)
    // With k latent values F_β ≥ min_z G − (log k)/β, and F_β ≤ min_z G.
    let free = f.freeEnergies(x, beta: 2)
    let lowest = f.minimumEnergies(x)
    for y in 0..<3 {
      #expect(free[y] <= lowest[y])
      #expect(free[y] >= lowest[y] - Foundation.log(4.0) / 2 - 1e-12)
    }
  }

  @Test func jointInferenceFindsTheLowestLabelAndLatentPair() {
    var g = SeededGenerator(seed: 6)
    let f = LatentLinearEnergy(labels: 4, latents: 3, inputs: 2, using: &g)
    let x: Vector = [0.5, -0.5]
    let (y, z) = f.infer(x)
    let e = f.energies(x)
    #expect(e[y, z] == e.flattened.min)
    #expect(FreeEnergy(f, beta: 1e6).infer(x) == y)
  }
}
