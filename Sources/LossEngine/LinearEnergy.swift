/// The linear energy F_W(x, y) = −(w_y · x + b_y), where w_y is row y of W (n × d) and b ∈ ℝⁿ.
///
/// Lower energy means a better score; ∂F_W(x, y)/∂w_y = −x and ∂F_W(x, y)/∂b_y = −1.
/// ``parameters`` is W in row-major order followed by b.
public struct LinearEnergy: DiscreteEnergy, Equatable {
  /// The weights W, one row w_y per label.
  public var weights: Matrix
  /// The biases b, one per label.
  public var bias: Vector

  /// An energy with the given W (n × d) and b (n; zeros by default).
  public init(weights: Matrix, bias: Vector? = nil) {
    let b = bias ?? .zeros(weights.rows)
    Validation.require(Validation.nonEmpty(weights.rows, argument: "weights"))
    Validation.require(
      Validation.sameLength(b.count, weights.rows, argument: "bias", expectedName: "weights rows"))
    self.weights = weights
    self.bias = b
  }

  /// An energy with n labels on d inputs, W drawn N(0, scale²) from `generator`, b = 0.
  public init(
    labels n: Int, inputs d: Int, scale: Double = 1, using generator: inout SeededGenerator
  ) {
    self.init(weights: generator.gaussianMatrix(n, d, standardDeviation: scale))
  }

  /// n.
  public var labelCount: Int { weights.rows }
  /// d.
  public var inputDimension: Int { weights.columns }

  /// W (row-major) then b.
  public var parameters: Vector {
    get { Vector(weights.scalars + bias.scalars) }
    set {
      let nd = weights.rows * weights.columns
      Validation.require(
        Validation.sameLength(
          newValue.count, nd + weights.rows, argument: "parameters", expectedName: "W and b"))
      weights.scalars = Array(newValue.scalars[0..<nd])
      bias.scalars = Array(newValue.scalars[nd...])
    }
  }

  /// F_W(x, ·) = −(W x + b).
  public func energies(_ x: Vector) -> Vector {
    Validation.require(
      Validation.sameLength(x.count, inputDimension, argument: "x", expectedName: "W columns"))
    return -(weights * x + bias)
  }

  /// ∂ℓ/∂W = −g xᵀ and ∂ℓ/∂b = −g for g = ∂ℓ/∂F_W(x, ·).
  public func parameterGradient(_ x: Vector, energyGradient g: Vector) -> Vector {
    Validation.require(
      Validation.sameLength(g.count, labelCount, argument: "energyGradient", expectedName: "labels")
    )
    Validation.require(
      Validation.sameLength(x.count, inputDimension, argument: "x", expectedName: "W columns"))
    return Vector(Matrix.outer(-g, x).scalars + (-g).scalars)
  }

  /// −(W x + b) on the tape.
  public func energies(_ x: Vector, parameters p: Variable) -> Variable {
    let (n, d) = (labelCount, inputDimension)
    let w = slice(p, 0..<(n * d), rows: n, columns: d)
    let b = slice(p, (n * d)..<(n * d + n))
    return -(matmul(w, p.tape.variable(x)) + b)
  }
}
