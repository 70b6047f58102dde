import LossEngine
import PropertyBased
import Testing

@Suite struct ContinuousEnergyTests {
  let quadratic = QuadraticEnergy(weights: Matrix([[1, 0.5], [-0.5, 1]]), offset: [0.2, -0.1])
  let x: Vector = [0.4, 0.6]

  @Test func gridInferenceFindsTheQuadraticMinimum() {
    let grid = gridPoints(lower: [-2, -2], upper: [2, 2], count: 401)
    let yhat = argmin(quadratic, x: x, over: grid)
    // A x + c = (0.4 + 0.3 + 0.2, −0.2 + 0.6 − 0.1) = (0.9, 0.3).
    #expect((yhat - [0.9, 0.3]).norm < 0.01)
  }

  @Test func gradientDescentInYConvergesToTheQuadraticMinimum() {
    let yhat = descend(quadratic, x: x, from: [5, -5], rate: 0.5, steps: 100)
    #expect((yhat - [0.9, 0.3]).norm < 1e-12)
  }

  @Test func theRingEnergyHasACircleOfMinimaNotAPoint() {
    let ring = RingEnergy(radius: 1.5)
    let center: Vector = [0.5, -0.5]
    let ends = [[2.0, 0.0], [0.0, 2.0], [-1.0, -3.0]].map {
      descend(ring, x: center, from: Vector($0), rate: 0.01, steps: 2000)
    }
    for y in ends {
      #expect(abs((y - center).norm - 1.5) < 1e-6)
      #expect(ring.energy(center, y) < 1e-10)
    }
    #expect((ends[0] - ends[1]).norm > 1)
  }

  @Test func outputAndParameterGradientsMatchCentralDifferences() {
    var g = SeededGenerator(seed: 8)
    let ring = RingEnergy(radius: 0.8)
    for _ in 0..<20 {
      let (x, y) = (g.gaussianVector(2), g.gaussianVector(2))
      #expect(
        gradientCheck({ quadratic.energy(x, $0) }, claimed: quadratic.outputGradient(x, y), at: y)
          < 1e-8)
      #expect(
        gradientCheck({ ring.energy(x, $0) }, claimed: ring.outputGradient(x, y), at: y) < 1e-8)
      #expect(
        gradientCheck(
          {
            var q = quadratic
            q.parameters = $0
            return q.energy(x, y)
          },
          claimed: quadratic.parameterGradient(x, y), at: quadratic.parameters) < 1e-8)
      #expect(
        gradientCheck(
          { RingEnergy(radius: $0[0]).energy(x, y) }, claimed: ring.parameterGradient(x, y),
          at: [0.8]) < 1e-8)
    }
  }

  @Test func theMostOffendingAnswerLiesOutsideTheEpsilonBall() {
    let grid = gridPoints(lower: [-2, -2], upper: [2, 2], count: 81)
    let y: Vector = [0.9, 0.3]
    let ybar = mostOffendingIncorrect(quadratic, x: x, y: y, epsilon: 0.5, grid: grid)
    #expect((ybar - y).norm > 0.5)
    #expect((ybar - y).norm < 0.56)
  }

  @Test func aContrastiveLossOnContinuousYHasTheChainRuleGradient() {
    let grid = gridPoints(lower: [-2, -2], upper: [2, 2], count: 41)
    let y: Vector = [0.5, 0.5]
    let result = quadratic.loss(.hinge(margin: 2), x: x, y: y, epsilon: 0.3, grid: grid)
    let ybar = result.offending
    let fixed = { (p: Vector) -> Double in
      var q = quadratic
      q.parameters = p
      return Loss.hinge(margin: 2).value(correct: q.energy(x, y), offending: q.energy(x, ybar))
    }
    #expect(gradientCheck(fixed, claimed: result.gradient, at: quadratic.parameters) < 1e-8)
  }
}

@Suite struct ContinuousGradientAgreementTests {
  static let grid = gridPoints(lower: [-3, -3], upper: [3, 3], count: 25)

  static func quadratic(_ seed: Int) -> (QuadraticEnergy, Vector, Vector) {
    var g = SeededGenerator(seed: UInt64(seed))
    let f = QuadraticEnergy(weights: g.gaussianMatrix(2, 3), offset: g.gaussianVector(2))
    return (f, g.gaussianVector(3), g.uniformVector(2, in: -2..<2))
  }

  @Test(arguments: Loss.catalogue(margin: 0.7, beta: 1.7, gamma: 0.8, delta: 0.5))
  func quadraticEnergyLossGradientsAgreeThreeWays(loss: Loss) async {
    await propertyCheck(count: 50, input: Gen.int(in: 0...1_000_000)) { seed in
      let (f, x, y) = Self.quadratic(seed)
      let ybar = mostOffendingIncorrect(f, x: x, y: y, epsilon: 0.5, grid: Self.grid)
      if loss.kinkDistance(correct: f.energy(x, y), offending: f.energy(x, ybar)) < 1e-3 { return }
      let check = gradientCheck(f, loss, x: x, y: y, epsilon: 0.5, grid: Self.grid)
      #expect(handDerivedMatchesReverseMode(check), "seed \(seed)")
      #expect(check.agrees(), "seed \(seed): \(check.maxRelativeError)")
    }
  }

  @Test(arguments: Loss.catalogue(margin: 0.7, beta: 1.7, gamma: 0.8, delta: 0.5))
  func ringEnergyLossGradientsAgreeThreeWays(loss: Loss) async {
    await propertyCheck(count: 50, input: Gen.int(in: 0...1_000_000)) { seed in
      var g = SeededGenerator(seed: UInt64(seed))
      let f = RingEnergy(radius: g.uniform(in: 0.5..<2))
      let (x, y) = (g.uniformVector(2, in: -1..<1), g.uniformVector(2, in: -2..<2))
      let ybar = mostOffendingIncorrect(f, x: x, y: y, epsilon: 0.5, grid: Self.grid)
      if loss.kinkDistance(correct: f.energy(x, y), offending: f.energy(x, ybar)) < 1e-3 { return }
      let check = gradientCheck(f, loss, x: x, y: y, epsilon: 0.5, grid: Self.grid)
      #expect(handDerivedMatchesReverseMode(check), "seed \(seed)")
      // The quartic ring makes losses such as F(x,y)² polynomials of degree 8 in r, whose high
      // derivatives put the central difference's O(h²) error near 1e-5; hand-derived and
      // reverse mode still agree to rounding (above).
      #expect(
        check.agrees(relative: 1e-4, absolute: 1e-7), "seed \(seed): \(check.maxRelativeError)")
    }
  }

  @Test func reverseModeGivesTheOutputAndParameterGradients() {
    var g = SeededGenerator(seed: 31)
    for _ in 0..<20 {
      let (f, x, y) = Self.quadratic(Int(g.integer(below: 1000)))
      let ad = f.reverseModeGradients(x, y)
      #expect(relativeError(ad.output, f.outputGradient(x, y)) < 1e-14)
      #expect(relativeError(ad.parameters, f.parameterGradient(x, y)) < 1e-14)
      let ring = RingEnergy(radius: 1.3)
      let adRing = ring.reverseModeGradients(x[0..<2], y)
      #expect(relativeError(adRing.output, ring.outputGradient(x[0..<2], y)) < 1e-13)
      #expect(relativeError(adRing.parameters, ring.parameterGradient(x[0..<2], y)) < 1e-13)
    }
  }
}
