#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// ℓ(F_W(x, y), F_W(x, ȳ)): the loss as a function of the correct energy and the energy of
  /// the most offending incorrect answer.
  public func value(correct fy: Double, offending fbar: Double) -> Double {
    Validation.require(validationMessage)
    switch self {
    case .energy: return fy
    case .perceptron: return positivePart(fy - fbar)
    case .hinge(let m): return positivePart(m + fy - fbar)
    case .log: return softplus(fy - fbar)
    case .simple(let m): return positivePart(fy) + positivePart(m - fbar)
    case .squareSquare(let m):
      let (a, b) = (positivePart(fy), positivePart(m - fbar))
      return a * a + b * b
    case .squareExponential(let g): return fy * fy + g * exp(-fbar)
    case .lvq2(let d):
      Validation.require(lvq2Message(fbar))
      return Swift.min(1, Swift.max(0, (fy - fbar) / (d * fbar)))
    case .mce: return sigmoid(fy - fbar)
    case .nll(let b): return softplus(b * (fy - fbar)) / b
    }
  }

  /// (∂ℓ/∂F_W(x, y), ∂ℓ/∂F_W(x, ȳ)), with the subgradients at kinks given in ``Loss``.
  public func derivatives(
    correct fy: Double, offending fbar: Double
  ) -> (correct: Double, offending: Double) {
    Validation.require(validationMessage)
    switch self {
    case .energy: return (1, 0)
    case .perceptron: return fy - fbar > 0 ? (1, -1) : (0, 0)
    case .hinge(let m): return m + fy - fbar > 0 ? (1, -1) : (0, 0)
    case .log:
      let s = sigmoid(fy - fbar)
      return (s, -s)
    case .simple(let m): return (fy > 0 ? 1 : 0, m - fbar > 0 ? -1 : 0)
    case .squareSquare(let m): return (2 * positivePart(fy), -2 * positivePart(m - fbar))
    case .squareExponential(let g): return (2 * fy, -g * exp(-fbar))
    case .lvq2(let d):
      Validation.require(lvq2Message(fbar))
      let r = (fy - fbar) / (d * fbar)
      guard r > 0 && r < 1 else { return (0, 0) }
      return (1 / (d * fbar), -fy / (d * fbar * fbar))
    case .mce:
      let s = sigmoid(fy - fbar)
      return (s * (1 - s), -s * (1 - s))
    case .nll(let b):
      let s = sigmoid(b * (fy - fbar))
      return (s, -s)
    }
  }

  func lvq2Message(_ fbar: Double) -> String? {
    fbar > 0
      ? nil : "offending energy F(x, ȳ) must be positive for the LVQ2 loss, got \(fbar)"
  }

  /// The loss over the whole label set: ℓ, ∂ℓ/∂F_W(x, ·) and the ȳ used.
  ///
  /// The NLL loss uses every label: ∂ℓ/∂F_W(x, y') = 1[y' = y] − P(y' | x). The energy loss
  /// uses only y. Every other loss uses the most offending incorrect answer ȳ and needs at least
  /// two labels.
  public func evaluate(energies: Vector, label y: Int) -> LossEvaluation {
    Validation.require(Validation.label(y, count: energies.count))
    Validation.require(validationMessage)
    switch self {
    case .energy:
      return LossEvaluation(
        value: energies[y], energyGradient: .basis(y, count: energies.count), offending: nil)
    case .nll(let b):
      let gibbs = GibbsDistribution(energies: energies, beta: b)
      var g = -gibbs.probabilities
      g[y] += 1
      return LossEvaluation(
        value: energies[y] - gibbs.freeEnergy, energyGradient: g, offending: nil)
    default:
      let ybar = mostOffendingIncorrect(energies: energies, correct: y)
      let (dy, dbar) = derivatives(correct: energies[y], offending: energies[ybar])
      var g = Vector.zeros(energies.count)
      g[y] = dy
      g[ybar] = dbar
      return LossEvaluation(
        value: value(correct: energies[y], offending: energies[ybar]), energyGradient: g,
        offending: ybar)
    }
  }
}

extension Loss {
  /// How far, in units of energy, the pair (F(x, y), F(x, ȳ)) is from the nearest point where
  /// the loss or its derivative is not smooth (+∞ for a smooth loss). A finite-difference step
  /// that moves the energies by less than this does not cross a kink. Square-square counts
  /// the points where its second derivative jumps.
  public func kinkDistance(correct fy: Double, offending fbar: Double) -> Double {
    switch self {
    case .energy, .log, .squareExponential, .mce, .nll: return .infinity
    case .perceptron: return abs(fy - fbar)
    case .hinge(let m): return abs(m + fy - fbar)
    case .simple(let m), .squareSquare(let m): return Swift.min(abs(fy), abs(m - fbar))
    case .lvq2(let d): return Swift.min(abs(fy - fbar), abs(fy - (1 + d) * fbar))
    }
  }
}
