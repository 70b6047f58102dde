/// Central finite differences of f at p: (f(p + h_i e_i) − f(p − h_i e_i)) / (2 h_i) with
/// h_i = step · max(1, |p_i|). The default step 1e-5 is near the cube root of machine epsilon,
/// which balances truncation error O(h²) against rounding error O(ε/h).
public func finiteDifferenceGradient(
  of f: (Vector) -> Double, at p: Vector, step: Double = 1e-5
) -> Vector {
  Validation.require(Validation.positive(step, argument: "step"))
  var g = Vector.zeros(p.count)
  var q = p
  for i in 0..<p.count {
    let h = step * Swift.max(1, abs(p[i]))
    q[i] = p[i] + h
    let up = f(q)
    q[i] = p[i] - h
    let down = f(q)
    q[i] = p[i]
    g[i] = (up - down) / (2 * h)
  }
  return g
}

/// The relative error of `a` against `b`, ‖a − b‖_∞ / max(‖a‖_∞, ‖b‖_∞), and 0 when both are
/// zero. Measured against the scale of the whole gradient, so near-zero entries do not inflate it.
public func relativeError(_ a: Vector, _ b: Vector) -> Double {
  Validation.require(Validation.sameLength(b.count, a.count, argument: "b", expectedName: "a"))
  let scale = Swift.max(a.maxMagnitude, b.maxMagnitude)
  return scale == 0 ? 0 : (a - b).maxMagnitude / scale
}

/// Three gradients of one loss with respect to W, and how far they are apart.
public struct GradientCheck: Sendable, Equatable {
  /// The hand-derived gradient (loss derivatives chained through the energy's gradient).
  public var handDerived: Vector
  /// The reverse-mode (tape) gradient.
  public var reverseMode: Vector
  /// The central finite-difference gradient.
  public var finiteDifference: Vector

  /// ``relativeError(_:_:)`` between the hand-derived and the reverse-mode gradients: both are
  /// exact up to rounding, so this is near machine precision when the derivation is right.
  public var reverseModeError: Double { relativeError(handDerived, reverseMode) }

  /// The largest entrywise difference among the three, ‖a − b‖_∞. Finite differences carry an
  /// absolute rounding error near ε|ℓ|/h ≈ 1e-11, so a tiny gradient is better judged by this.
  public var maxAbsoluteError: Double {
    Swift.max(
      (handDerived - reverseMode).maxMagnitude, (handDerived - finiteDifference).maxMagnitude,
      (reverseMode - finiteDifference).maxMagnitude)
  }

  /// Whether all three agree: within `relative` of one another (``maxRelativeError``) or, for
  /// gradients so small that finite differences cannot resolve them, within `absolute`.
  public func agrees(relative: Double = 1e-6, absolute: Double = 1e-9) -> Bool {
    maxRelativeError <= relative || maxAbsoluteError <= absolute
  }

  /// The largest of the three pairwise ``relativeError(_:_:)``s.
  public var maxRelativeError: Double {
    Swift.max(
      relativeError(handDerived, reverseMode), relativeError(handDerived, finiteDifference),
      relativeError(reverseMode, finiteDifference))
  }
}

/// Checks ∂ℓ/∂W three ways, hand-derived = reverse mode = finite differences, for `loss` on
/// `energy` at (x, y). A block writes `gradientCheck(f, .nll(beta: 2), x: x, y: 1).maxRelativeError`.
public func gradientCheck<E: DiscreteEnergy>(
  _ energy: E, _ loss: Loss, x: Vector, y: Int, step: Double = 1e-5
) -> GradientCheck {
  GradientCheck(
    handDerived: energy.loss(loss, x: x, y: y).gradient,
    reverseMode: energy.reverseModeGradient(loss, x: x, y: y),
    finiteDifference: finiteDifferenceGradient(
      of: { energy.with(parameters: $0).loss(loss, x: x, y: y).value }, at: energy.parameters,
      step: step))
}

/// Checks a claimed gradient of any scalar function against central finite differences:
/// returns ``relativeError(_:_:)`` of `claimed` against the numerical gradient at `p`.
public func gradientCheck(
  _ f: (Vector) -> Double, claimed: Vector, at p: Vector, step: Double = 1e-5
) -> Double {
  relativeError(claimed, finiteDifferenceGradient(of: f, at: p, step: step))
}
