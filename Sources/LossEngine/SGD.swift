/// Stochastic gradient descent with (classical, heavy-ball) momentum:
///
///     v ← μ v − η g,   W ← W + v,
///
/// with learning rate η > 0 and momentum μ ∈ [0, 1). μ = 0 is plain SGD.
public struct SGD: Sendable {
  /// η.
  public var learningRate: Double
  /// μ.
  public var momentum: Double
  /// v, zero until the first step.
  public private(set) var velocity: Vector?

  /// An optimiser with rate η and momentum μ.
  public init(learningRate: Double, momentum: Double = 0.9) {
    Validation.require(Validation.positive(learningRate, argument: "learningRate"))
    Validation.require(
      momentum >= 0 && momentum < 1 ? nil : "momentum must be in [0, 1), got \(momentum)")
    self.learningRate = learningRate
    self.momentum = momentum
  }

  /// One update of `parameters` with the gradient g = ∂ℓ/∂W.
  public mutating func step(_ parameters: inout Vector, gradient g: Vector) {
    Validation.require(
      Validation.sameLength(
        g.count, parameters.count, argument: "gradient",
        expectedName: "parameters"))
    var v = velocity ?? .zeros(parameters.count)
    for i in 0..<v.count {
      v.scalars[i] = momentum * v.scalars[i] - learningRate * g.scalars[i]
      parameters.scalars[i] += v.scalars[i]
    }
    velocity = v
  }
}
