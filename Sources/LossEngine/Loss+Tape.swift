extension Loss {
  /// The loss recorded on a tape, from the energies (an n × 1 variable) and the correct label y.
  ///
  /// Written with tape operations only, from the definitions in ``Loss``, independently of
  /// ``derivatives(correct:offending:)`` and ``evaluate(energies:label:)``. ȳ is chosen from
  /// the energies' values (a selection, not differentiated). The generalized perceptron is
  /// F(x, y) − min_Y F(x, Y) with the tape's `min`; at a tie between y and a lower label its
  /// subgradient differs from the pair form's (both are valid subgradients).
  public func value(energies e: Variable, label y: Int) -> Variable {
    let values = e.value.flattened
    Validation.require(Validation.label(y, count: values.count))
    Validation.require(validationMessage)
    let fy = element(e, y)
    switch self {
    case .energy: return fy
    case .perceptron: return fy - min(e)
    case .nll(let b): return fy + (1 / b) * logSumExp(-b * e)
    default: break
    }
    let fbar = element(e, mostOffendingIncorrect(energies: values, correct: y))
    return value(correct: fy, offending: fbar)
  }

  /// The pair form ℓ(F(x, y), F(x, ȳ)) on the tape, from two 1 × 1 variables, written from the
  /// definitions in ``Loss`` with tape operations only.
  public func value(correct fy: Variable, offending fbar: Variable) -> Variable {
    Validation.require(validationMessage)
    switch self {
    case .energy: return fy
    case .perceptron: return positivePart(fy - fbar)
    case .hinge(let m): return positivePart(fy - fbar + m)
    case .log: return softplus(fy - fbar)
    case .simple(let m): return positivePart(fy) + positivePart(m - fbar)
    case .squareSquare(let m): return square(positivePart(fy)) + square(positivePart(m - fbar))
    case .squareExponential(let g): return square(fy) + g * exp(-fbar)
    case .lvq2(let d):
      Validation.require(lvq2Message(fbar.scalar))
      return clamp((fy - fbar) ./ (d * fbar), 0, 1)
    case .mce: return sigmoid(fy - fbar)
    case .nll(let b): return (1 / b) * softplus(b * (fy - fbar))
    }
  }
}
