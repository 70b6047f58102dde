/// An energy F_W(x, y) over a finite label set y ∈ {0, …, n − 1} with parameters W.
///
/// An energy gives the energies of all labels at once, the chain rule from ∂ℓ/∂F_W(x, ·) to
/// ∂ℓ/∂W (hand-derived), and the same energies recorded on a ``Tape`` (for reverse mode, written
/// independently). W is exposed flattened as ``parameters`` so that optimisers, finite
/// differences and gradient checks treat every energy alike; each conforming type documents
/// its layout.
public protocol DiscreteEnergy: Sendable {
  /// The number of labels n.
  var labelCount: Int { get }
  /// The dimension d of the input x.
  var inputDimension: Int { get }
  /// W, flattened.
  var parameters: Vector { get set }
  /// (F_W(x, 0), …, F_W(x, n − 1)).
  func energies(_ x: Vector) -> Vector
  /// ∂ℓ/∂W = Σ_y g_y ∂F_W(x, y)/∂W for g = `energyGradient` = ∂ℓ/∂F_W(x, ·), flattened like
  /// ``parameters``.
  func parameterGradient(_ x: Vector, energyGradient: Vector) -> Vector
  /// Adds ``parameterGradient(_:energyGradient:)`` to `gradient`, as training does for each
  /// sample; by default with `+=`, but an energy may add it in place.
  func addParameterGradient(_ x: Vector, energyGradient: Vector, to gradient: inout Vector)
  /// The energies as an n × 1 variable, computed from `parameters` (a variable holding W
  /// flattened) with tape operations only.
  func energies(_ x: Vector, parameters: Variable) -> Variable
}

extension DiscreteEnergy {
  /// `gradient += parameterGradient(x, energyGradient: energyGradient)`.
  public func addParameterGradient(
    _ x: Vector, energyGradient: Vector, to gradient: inout Vector
  ) {
    gradient += parameterGradient(x, energyGradient: energyGradient)
  }

  /// The number of scalar parameters.
  public var parameterCount: Int { parameters.count }

  /// F_W(x, y).
  public func energy(_ x: Vector, _ y: Int) -> Double {
    Validation.require(Validation.label(y, count: labelCount))
    return energies(x)[y]
  }

  /// Inference ŷ = argmin_y F_W(x, y), by exhaustive search (ties go to the lowest label).
  public func infer(_ x: Vector) -> Int { energies(x).argmin }

  /// The Gibbs distribution P(y | x) = e^{−β F_W(x, y)} / Σ_ȳ e^{−β F_W(x, ȳ)}.
  public func gibbs(_ x: Vector, beta: Double = 1) -> GibbsDistribution {
    GibbsDistribution(energies: energies(x), beta: beta)
  }

  /// ∂F_W(x, y)/∂W, flattened like ``parameters``.
  public func energyGradient(_ x: Vector, _ y: Int) -> Vector {
    Validation.require(Validation.label(y, count: labelCount))
    return parameterGradient(x, energyGradient: .basis(y, count: labelCount))
  }

  /// The loss ℓ at (x, y) and its hand-derived gradient ∂ℓ/∂W (flattened like ``parameters``).
  public func loss(_ loss: Loss, x: Vector, y: Int) -> (value: Double, gradient: Vector) {
    let e = loss.evaluate(energies: energies(x), label: y)
    return (e.value, parameterGradient(x, energyGradient: e.energyGradient))
  }

  /// The mean loss (1/N) Σ_i ℓ(x_i, y_i) over a dataset and its gradient ∂/∂W.
  public func loss(
    _ loss: Loss, inputs: [Vector], labels: [Int]
  ) -> (value: Double, gradient: Vector) {
    Validation.require(Validation.nonEmpty(inputs.count, argument: "inputs"))
    Validation.require(
      Validation.sameLength(labels.count, inputs.count, argument: "labels", expectedName: "inputs"))
    var total = 0.0
    var gradient = Vector.zeros(parameterCount)
    for (x, y) in zip(inputs, labels) {
      let (v, g) = self.loss(loss, x: x, y: y)
      total += v
      gradient += g
    }
    let n = Double(inputs.count)
    return (total / n, gradient / n)
  }

  /// The loss recorded on `tape`, from a variable holding W flattened (reverse mode).
  public func loss(_ loss: Loss, x: Vector, y: Int, parameters: Variable) -> Variable {
    loss.value(energies: energies(x, parameters: parameters), label: y)
  }

  /// ∂ℓ/∂W by reverse-mode differentiation (independent of ``loss(_:x:y:)``).
  public func reverseModeGradient(_ loss: Loss, x: Vector, y: Int) -> Vector {
    let tape = Tape()
    let w = tape.variable(parameters)
    let l = self.loss(loss, x: x, y: y, parameters: w)
    return tape.gradient(of: l, withRespectTo: w).flattened
  }

  /// A copy with other parameters.
  public func with(parameters: Vector) -> Self {
    var copy = self
    copy.parameters = parameters
    return copy
  }
}
