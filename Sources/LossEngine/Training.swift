/// One training run's record.
public struct TrainingHistory: Sendable, Equatable {
  /// The mean loss over the minibatch at each step, before the update.
  public var losses: [Double]
}

extension DiscreteEnergy {
  /// Trains W by minibatch SGD with momentum on the mean loss (1/B) Σ_i ℓ(x_i, y_i) over
  /// minibatches of `batchSize` samples drawn uniformly with replacement from `data` by
  /// `generator`. Returns the minibatch losses.
  @discardableResult
  public mutating func train(
    _ loss: Loss, on data: Dataset, steps: Int, batchSize: Int = 16,
    optimizer: SGD = SGD(learningRate: 0.05, momentum: 0.9),
    using generator: inout SeededGenerator
  ) -> TrainingHistory {
    Validation.require(Validation.nonEmpty(data.count, argument: "data"))
    Validation.require(Validation.nonEmpty(batchSize, argument: "batchSize"))
    var optimizer = optimizer
    var parameters = self.parameters
    var losses: [Double] = []
    losses.reserveCapacity(steps)
    for _ in 0..<steps {
      var total = 0.0
      var gradient = Vector.zeros(parameters.count)
      for _ in 0..<batchSize {
        let i = generator.integer(below: data.count)
        let (x, y) = (data.inputs[i], data.labels[i])
        let e = loss.evaluate(energies: energies(x), label: y)
        total += e.value
        addParameterGradient(x, energyGradient: e.energyGradient, to: &gradient)
      }
      losses.append(total / Double(batchSize))
      optimizer.step(&parameters, gradient: gradient / Double(batchSize))
      self.parameters = parameters
    }
    return TrainingHistory(losses: losses)
  }

  /// The fraction of samples whose inferred label argmin_y F_W(x, y) is the true one.
  public func accuracy(on data: Dataset) -> Double {
    Validation.require(Validation.nonEmpty(data.count, argument: "data"))
    let right = zip(data.inputs, data.labels).filter { infer($0.0) == $0.1 }.count
    return Double(right) / Double(data.count)
  }

  /// F_W((u, v), y) on a grid for a 2-D input: row i is v = vs[i], column j is u = us[j]
  /// (ready for a heat map of the energy surface of label y).
  public func surface(label y: Int, us: [Double], vs: [Double]) -> Matrix {
    Validation.require(
      Validation.sameLength(inputDimension, 2, argument: "inputDimension", expectedName: "(u, v)"))
    Validation.require(Validation.label(y, count: labelCount))
    var m = Matrix.zeros(vs.count, us.count)
    for (i, v) in vs.enumerated() {
      for (j, u) in us.enumerated() { m[i, j] = energies([u, v])[y] }
    }
    return m
  }
}
