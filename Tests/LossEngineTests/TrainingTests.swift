import Foundation
import LossEngine
import Testing

@Suite struct TrainingTests {
  @Test func oneMomentumStepMatchesTheFormula() {
    var sgd = SGD(learningRate: 0.1, momentum: 0.5)
    var w: Vector = [1, 2]
    sgd.step(&w, gradient: [1, -1])  // v = (−0.1, 0.1)
    #expect(w == [0.9, 2.1])
    sgd.step(&w, gradient: [0, 0])  // v = (−0.05, 0.05)
    #expect(abs(w[0] - 0.85) < 1e-15 && abs(w[1] - 2.15) < 1e-15)
  }

  @Test(
    arguments: Loss.catalogue(margin: 1, beta: 1).filter {
      ![.energy, .lvq2, .squareExponential, .simple, .squareSquare].contains($0.kind)
    })
  func contrastiveLossesLearnSeparableBlobs(loss: Loss) {
    var g = SeededGenerator(seed: 21)
    let data = Dataset.blobs(classes: 3, perClass: 40, radius: 2, spread: 0.4, using: &g)
    var f = LinearEnergy(labels: 3, inputs: 2, scale: 0.1, using: &g)
    let before = f.accuracy(on: data)
    f.train(loss, on: data, steps: 300, batchSize: 8, using: &g)
    #expect(before < 0.8)
    #expect(f.accuracy(on: data) > 0.95)
  }

  @Test(arguments: [Loss.simple(margin: 1), .squareSquare(margin: 1), .squareExponential(gamma: 1)])
  func absoluteTargetLossesLearnSeparableBlobsWithAMultilayerEnergy(loss: Loss) {
    var g = SeededGenerator(seed: 22)
    let data = Dataset.blobs(classes: 3, perClass: 40, radius: 2, spread: 0.4, using: &g)
    var f = MultilayerEnergy(labels: 3, inputs: 2, hidden: 8, using: &g)
    f.train(
      loss, on: data, steps: 600, batchSize: 8,
      optimizer: SGD(learningRate: 0.02, momentum: 0.9), using: &g)
    #expect(f.accuracy(on: data) > 0.95)
  }

  /// Training adds each sample's gradient in place: the sums must be those of
  /// `gradient += parameterGradient(…)` to the last bit, so that no trained model changes.
  @Test func aMultilayerEnergyAddsItsGradientInPlaceWithTheSameArithmetic() {
    var g = SeededGenerator(seed: 24)
    let f = MultilayerEnergy(labels: 4, inputs: 3, hidden: 5, using: &g)
    var added = g.gaussianVector(f.parameterCount)
    var expected = added
    for trial in 0..<20 {
      let x = g.gaussianVector(3)
      var energyGradient = g.gaussianVector(4)
      // Labels whose gradient is zero are skipped in Vᵀ s; a sum must not change for it.
      if trial % 3 == 0 { energyGradient.scalars[trial % 4] = 0 }
      f.addParameterGradient(x, energyGradient: energyGradient, to: &added)
      expected += f.parameterGradient(x, energyGradient: energyGradient)
      #expect(added.scalars == expected.scalars)
      let h = (f.inputWeights * x + f.hiddenBias).map { tanh($0) }
      #expect(f.energies(x).scalars == (-(f.outputWeights * h + f.outputBias)).scalars)
    }
  }

  @Test func theEnergyLossAloneCollapsesEveryEnergyDownward() {
    var g = SeededGenerator(seed: 23)
    let data = Dataset.blobs(classes: 3, perClass: 40, using: &g)
    var f = LinearEnergy(labels: 3, inputs: 2, scale: 0.1, using: &g)
    let history = f.train(.energy, on: data, steps: 200, using: &g)
    #expect(history.losses.last! < history.losses.first! - 10)
    // Incorrect labels were never pushed up: on average every label's energy fell.
    let meanEnergy = data.inputs.map { f.energies($0).sum / 3 }.reduce(0, +) / Double(data.count)
    #expect(meanEnergy < -10)
  }

  @Test func theSameSeedTrainsToTheSameParameters() {
    func run() -> Vector {
      var g = SeededGenerator(seed: 24)
      let data = Dataset.twoMoons(perClass: 50, using: &g)
      var f = MultilayerEnergy(labels: 2, inputs: 2, hidden: 6, using: &g)
      f.train(.nll(beta: 1), on: data, steps: 50, using: &g)
      return f.parameters
    }
    #expect(run() == run())
  }

  @Test func datasetsHaveTheRequestedSizesAndLabels() {
    var g = SeededGenerator(seed: 25)
    let s = Dataset.spiral(classes: 3, perClass: 10, using: &g)
    #expect(s.count == 30 && s.labelCount == 3)
    let m = Dataset.twoMoons(perClass: 7, using: &g)
    #expect(m.count == 14 && Set(m.labels) == [0, 1])
  }

  @Test func theEnergySurfaceIsTabulatedRowByV() {
    let f = LinearEnergy(weights: Matrix([[1, 0], [0, 1]]))
    let s = f.surface(label: 0, us: [0, 1, 2], vs: [5, 6])
    #expect(s == Matrix([[0, -1, -2], [0, -1, -2]]))
    #expect(
      f.surface(label: 1, us: [0, 1, 2], vs: [5, 6]) == Matrix([[-5, -5, -5], [-6, -6, -6]]))
  }
}
