/// An energy F_W(x, y) over a continuous output y ∈ ℝᵖ.
///
/// Inference ŷ = argmin_y F_W(x, y) is done on a grid (``argmin(_:x:over:)``) or by gradient
/// descent in y (``descend(_:x:from:rate:steps:)``); the free energy over y is an integral,
/// computed by quadrature (``freeEnergy(grid:beta:energy:)``).
public protocol ContinuousEnergy: Sendable {
  /// The dimension p of y.
  var outputDimension: Int { get }
  /// W, flattened.
  var parameters: Vector { get set }
  /// F_W(x, y).
  func energy(_ x: Vector, _ y: Vector) -> Double
  /// ∂F_W(x, y)/∂y.
  func outputGradient(_ x: Vector, _ y: Vector) -> Vector
  /// ∂F_W(x, y)/∂W, flattened like ``parameters``.
  func parameterGradient(_ x: Vector, _ y: Vector) -> Vector
  /// F_W(x, y) on the tape, from y (a p × 1 variable) and W (a variable holding it flattened),
  /// with tape operations only.
  func energy(_ x: Vector, _ y: Variable, parameters: Variable) -> Variable
}

extension ContinuousEnergy {
  /// The loss ℓ(F_W(x, y), F_W(x, ȳ)) with ȳ the most offending incorrect answer on `grid`
  /// outside the ball ‖ȳ − y‖ ≤ ε, and ∂ℓ/∂W. The energy and NLL pair forms apply as for a
  /// pair of answers.
  public func loss(
    _ loss: Loss, x: Vector, y: Vector, epsilon: Double, grid: [Vector]
  ) -> (value: Double, gradient: Vector, offending: Vector) {
    let ybar = mostOffendingIncorrect(self, x: x, y: y, epsilon: epsilon, grid: grid)
    let (fy, fbar) = (energy(x, y), energy(x, ybar))
    let d = loss.derivatives(correct: fy, offending: fbar)
    var gradient = d.correct * parameterGradient(x, y)
    if d.offending != 0 { gradient.add(parameterGradient(x, ybar), scaledBy: d.offending) }
    return (loss.value(correct: fy, offending: fbar), gradient, ybar)
  }

  /// (∂F_W(x, y)/∂y, ∂F_W(x, y)/∂W) by reverse mode.
  public func reverseModeGradients(_ x: Vector, _ y: Vector) -> (output: Vector, parameters: Vector)
  {
    let tape = Tape()
    let (vy, w) = (tape.variable(y), tape.variable(parameters))
    let g = tape.gradients(of: energy(x, vy, parameters: w), withRespectTo: [vy, w])
    return (g[0].flattened, g[1].flattened)
  }

  /// A copy with other parameters.
  public func with(parameters: Vector) -> Self {
    var copy = self
    copy.parameters = parameters
    return copy
  }
}

/// Checks ∂ℓ/∂W three ways for a continuous energy: the loss of the pair (y, ȳ), ȳ the most
/// offending answer on `grid` outside the ε-ball around y, chosen at the current W and then held
/// fixed (the derivative of min over a finite set away from ties).
public func gradientCheck<E: ContinuousEnergy>(
  _ energy: E, _ loss: Loss, x: Vector, y: Vector, epsilon: Double, grid: [Vector],
  step: Double = 1e-5
) -> GradientCheck {
  let hand = energy.loss(loss, x: x, y: y, epsilon: epsilon, grid: grid)
  let ybar = hand.offending
  let tape = Tape()
  let w = tape.variable(energy.parameters)
  let onTape = loss.value(
    correct: energy.energy(x, tape.variable(y), parameters: w),
    offending: energy.energy(x, tape.variable(ybar), parameters: w))
  return GradientCheck(
    handDerived: hand.gradient,
    reverseMode: tape.gradient(of: onTape, withRespectTo: w).flattened,
    finiteDifference: finiteDifferenceGradient(
      of: {
        let e = energy.with(parameters: $0)
        return loss.value(correct: e.energy(x, y), offending: e.energy(x, ybar))
      }, at: energy.parameters, step: step))
}
