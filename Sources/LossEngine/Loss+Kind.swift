extension Loss {
  /// Which loss of the catalogue, without its hyper-parameters: one kind per case of ``Loss``,
  /// of the same name.
  ///
  /// ``Loss/catalogue(margin:beta:gamma:delta:)`` makes one loss of every kind, and the
  /// gradient tests run over the catalogue, so a new loss is a case of ``Loss``, a kind here,
  /// and a line in each of the two switches below; the compiler asks for both lines, and
  /// nothing else has to remember the new loss for it to be checked.
  public enum Kind: String, CaseIterable, Sendable {
    case energy, perceptron, hinge, log, simple, squareSquare, squareExponential, lvq2, mce, nll

    /// The loss of this kind with the given hyper-parameters; those it has no use for are
    /// ignored: m is the margin, β the inverse temperature, γ the square-exponential's
    /// weight and δ LVQ2's scale.
    public func loss(
      margin: Double = 1, beta: Double = 1, gamma: Double = 1, delta: Double = 1
    ) -> Loss {
      switch self {
      case .energy: .energy
      case .perceptron: .perceptron
      case .hinge: .hinge(margin: margin)
      case .log: .log
      case .simple: .simple(margin: margin)
      case .squareSquare: .squareSquare(margin: margin)
      case .squareExponential: .squareExponential(gamma: gamma)
      case .lvq2: .lvq2(delta: delta)
      case .mce: .mce
      case .nll: .nll(beta: beta)
      }
    }
  }

  /// The kind of this loss.
  public var kind: Kind {
    switch self {
    case .energy: .energy
    case .perceptron: .perceptron
    case .hinge: .hinge
    case .log: .log
    case .simple: .simple
    case .squareSquare: .squareSquare
    case .squareExponential: .squareExponential
    case .lvq2: .lvq2
    case .mce: .mce
    case .nll: .nll
    }
  }
}
