/// A ring energy F_W(x, y) = (‖y − x‖² − r²)², W = (r): its minimum set is the whole sphere
/// ‖y − x‖ = r around x (a circle for p = 2), not a single point, so argmin_y is not unique.
/// ``parameters`` is (r).
public struct RingEnergy: ContinuousEnergy, Equatable {
  /// The radius r.
  public var radius: Double
  /// p (also the dimension of x).
  public let outputDimension: Int

  /// A ring of radius `radius` in ℝ^dimension.
  public init(radius: Double, dimension: Int = 2) {
    Validation.require(Validation.nonEmpty(dimension, argument: "dimension"))
    self.radius = radius
    self.outputDimension = dimension
  }

  /// (r).
  public var parameters: Vector {
    get { [radius] }
    set {
      Validation.require(
        Validation.sameLength(newValue.count, 1, argument: "parameters", expectedName: "(r)"))
      radius = newValue[0]
    }
  }

  func gap(_ x: Vector, _ y: Vector) -> Double {
    Validation.require(
      Validation.sameLength(y.count, x.count, argument: "y", expectedName: "x"))
    return (y - x).squaredNorm - radius * radius
  }

  /// (‖y − x‖² − r²)².
  public func energy(_ x: Vector, _ y: Vector) -> Double {
    let u = gap(x, y)
    return u * u
  }
  /// 4 (‖y − x‖² − r²)(y − x).
  public func outputGradient(_ x: Vector, _ y: Vector) -> Vector { 4 * gap(x, y) * (y - x) }
  /// ∂/∂r = −4 r (‖y − x‖² − r²).
  public func parameterGradient(_ x: Vector, _ y: Vector) -> Vector {
    [-4 * radius * gap(x, y)]
  }

  /// (Σ (y − x)² − r²)² on the tape.
  public func energy(_ x: Vector, _ y: Variable, parameters w: Variable) -> Variable {
    square(sum(square(y - w.tape.variable(x))) - square(element(w, 0)))
  }
}
