/// The quadratic energy F_W(x, y) = ½ ‖y − (A x + c)‖², W = (A, c), whose minimum is the single
/// point ŷ = A x + c. ``parameters`` is A (p × d, row-major) then c (p).
public struct QuadraticEnergy: ContinuousEnergy, Equatable {
  /// A (p × d).
  public var weights: Matrix
  /// c (p).
  public var offset: Vector

  /// An energy with the given A and c (zeros by default).
  public init(weights: Matrix, offset: Vector? = nil) {
    let c = offset ?? .zeros(weights.rows)
    Validation.require(
      Validation.sameLength(c.count, weights.rows, argument: "offset", expectedName: "A rows"))
    self.weights = weights
    self.offset = c
  }

  /// p.
  public var outputDimension: Int { weights.rows }

  /// A then c.
  public var parameters: Vector {
    get { Vector(weights.scalars + offset.scalars) }
    set {
      let pd = weights.rows * weights.columns
      Validation.require(
        Validation.sameLength(
          newValue.count, pd + weights.rows, argument: "parameters", expectedName: "A and c"))
      weights.scalars = Array(newValue.scalars[0..<pd])
      offset.scalars = Array(newValue.scalars[pd...])
    }
  }

  func residual(_ x: Vector, _ y: Vector) -> Vector {
    Validation.require(
      Validation.sameLength(y.count, outputDimension, argument: "y", expectedName: "A rows"))
    return y - (weights * x + offset)
  }

  /// ½ ‖y − (A x + c)‖².
  public func energy(_ x: Vector, _ y: Vector) -> Double { residual(x, y).squaredNorm / 2 }
  /// y − (A x + c).
  public func outputGradient(_ x: Vector, _ y: Vector) -> Vector { residual(x, y) }
  /// ∂/∂A = −r xᵀ, ∂/∂c = −r with r = y − (A x + c).
  public func parameterGradient(_ x: Vector, _ y: Vector) -> Vector {
    let r = residual(x, y)
    return Vector(Matrix.outer(-r, x).scalars + (-r).scalars)
  }

  /// ½ Σ (y − (A x + c))² on the tape.
  public func energy(_ x: Vector, _ y: Variable, parameters w: Variable) -> Variable {
    let (p, d) = (weights.rows, weights.columns)
    let a = slice(w, 0..<(p * d), rows: p, columns: d)
    let c = slice(w, (p * d)..<(p * d + p))
    return 0.5 * sum(square(y - (matmul(a, w.tape.variable(x)) + c)))
  }
}
