/// The loss catalogue of LeCun et al., "A Tutorial on Energy-Based Learning" (2006), in the
/// homework's notation: y is the correct answer, ȳ the most offending incorrect answer
/// ȳ = argmin_{ȳ ≠ y} F_W(x, ȳ), m ≥ 0 a margin, β > 0 an inverse temperature, and
/// [u]^+ = max(0, u).
///
/// Every loss is a function of the energies only. ``value(correct:offending:)`` and
/// ``derivatives(correct:offending:)`` take the pair (F_W(x, y), F_W(x, ȳ)), so a block can
/// tabulate a loss against the energy gap; ``evaluate(energies:label:)`` takes the energies of
/// the whole label set, finds ȳ and returns ∂ℓ/∂F_W(x, ·), which an energy turns into ∂ℓ/∂W
/// by the chain rule (``DiscreteEnergy/loss(_:x:y:)``).
///
/// Subgradients at kinks (all tested): [u]^+ has derivative 0 at u = 0 (hinge at
/// m + F(x,y) − F(x,ȳ) = 0, perceptron at F(x,y) = F(x,ȳ), simple at F(x,y) = 0 and at
/// F(x,ȳ) = m); LVQ2's clamp min(1, max(0, r)) has derivative 0 at r = 0 and at r = 1; ties in
/// the choice of ȳ go to the lowest label.
///
/// Each case has a ``Kind`` of the same name, from which ``catalogue(margin:beta:gamma:delta:)``
/// and so the gradient tests are built.
public enum Loss: Sendable, Hashable {
  /// Energy loss ℓ = F_W(x, y). Pushes the correct energy down only; it can collapse.
  case energy
  /// Generalized perceptron ℓ = F_W(x, y) − min_Y F_W(x, Y) = [F_W(x, y) − F_W(x, ȳ)]^+
  /// (no margin).
  case perceptron
  /// Hinge ℓ = [m + F_W(x, y) − F_W(x, ȳ)]^+.
  case hinge(margin: Double)
  /// Log (soft hinge) ℓ = log(1 + e^{F_W(x, y) − F_W(x, ȳ)}), the softplus of the gap.
  case log
  /// Simple ℓ = [F_W(x, y)]^+ + [m − F_W(x, ȳ)]^+ (absolute targets on each energy).
  case simple(margin: Double)
  /// Square-square ℓ = ([F_W(x, y)]^+)² + ([m − F_W(x, ȳ)]^+)². (The tutorial writes the first
  /// term F_W(x, y)²; the two agree for energies bounded below by 0.)
  case squareSquare(margin: Double)
  /// Square-exponential ℓ = F_W(x, y)² + γ e^{−F_W(x, ȳ)}, γ > 0.
  case squareExponential(gamma: Double)
  /// LVQ2 ℓ = min(1, max(0, (F_W(x, y) − F_W(x, ȳ)) / (δ F_W(x, ȳ)))), δ > 0; it needs
  /// F_W(x, ȳ) > 0 (energies that are distances).
  case lvq2(delta: Double)
  /// Minimum classification error ℓ = σ(F_W(x, y) − F_W(x, ȳ)), σ(u) = 1/(1 + e^{−u}).
  case mce
  /// Negative log-likelihood / MMI in the 1/β-scaled form
  /// ℓ = F_W(x, y) + (1/β) log Σ_ȳ e^{−β F_W(x, ȳ)} = −(1/β) log P(y | x).
  /// On a pair it treats {y, ȳ} as the whole label set: ℓ = (1/β) log(1 + e^{β(F(x,y) − F(x,ȳ))}).
  case nll(beta: Double)

  /// Every loss of the catalogue, one of each ``Kind`` in the order of `Kind.allCases`, with
  /// the given hyper-parameters.
  public static func catalogue(
    margin: Double = 1, beta: Double = 1, gamma: Double = 1, delta: Double = 1
  ) -> [Loss] {
    Kind.allCases.map { $0.loss(margin: margin, beta: beta, gamma: gamma, delta: delta) }
  }

  /// A short name with its parameter, e.g. `hinge(m=1)`.
  public var name: String {
    switch self {
    case .energy: "energy"
    case .perceptron: "perceptron"
    case .hinge(let m): "hinge(m=\(m))"
    case .log: "log"
    case .simple(let m): "simple(m=\(m))"
    case .squareSquare(let m): "square-square(m=\(m))"
    case .squareExponential(let g): "square-exponential(γ=\(g))"
    case .lvq2(let d): "LVQ2(δ=\(d))"
    case .mce: "MCE"
    case .nll(let b): "NLL(β=\(b))"
    }
  }

  /// Whether the loss uses an incorrect answer ȳ (all but the energy loss).
  public var isContrastive: Bool { self != .energy }

  /// `nil` when the hyper-parameters are valid, else a message naming the bad one.
  public var validationMessage: String? {
    switch self {
    case .energy, .perceptron, .log, .mce: nil
    case .hinge(let m), .simple(let m), .squareSquare(let m): Validation.margin(m)
    case .squareExponential(let g): Validation.positive(g, argument: "gamma")
    case .lvq2(let d): Validation.positive(d, argument: "delta")
    case .nll(let b): Validation.beta(b)
    }
  }
}

/// A loss evaluated over a whole label set.
public struct LossEvaluation: Sendable, Equatable {
  /// ℓ.
  public var value: Double
  /// ∂ℓ/∂F_W(x, y') for every label y'.
  public var energyGradient: Vector
  /// The most offending incorrect answer ȳ that the loss used (`nil` for the energy and NLL
  /// losses, which use no single ȳ).
  public var offending: Int?
}

/// The most offending incorrect answer ȳ = argmin_{ȳ ≠ y} F(x, ȳ) (ties go to the lowest
/// label). Needs at least two labels.
public func mostOffendingIncorrect(energies: Vector, correct y: Int) -> Int {
  Validation.require(Validation.label(y, count: energies.count))
  Validation.require(
    energies.count >= 2 ? nil : "energies must hold at least two labels to have an incorrect one")
  var best = -1
  for j in 0..<energies.count where j != y {
    if best < 0 || energies[j] < energies[best] { best = j }
  }
  return best
}
