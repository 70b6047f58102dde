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
}

/// ŷ = argmin over the points of `grid` of F_W(x, y) (ties go to the first point).
public func argmin<E: ContinuousEnergy>(_ energy: E, x: Vector, over grid: [Vector]) -> Vector {
  Validation.require(Validation.nonEmpty(grid.count, argument: "grid"))
  return grid[Vector(grid.map { energy.energy(x, $0) }).argmin]
}

/// The most offending incorrect answer for continuous y:
/// ȳ = argmin { F_W(x, ȳ) : ȳ on `grid`, ‖ȳ − y‖₂ > ε }.
public func mostOffendingIncorrect<E: ContinuousEnergy>(
  _ energy: E, x: Vector, y: Vector, epsilon: Double, grid: [Vector]
) -> Vector {
  Validation.require(Validation.margin(epsilon, argument: "epsilon"))
  let outside = grid.filter { ($0 - y).norm > epsilon }
  Validation.require(
    outside.isEmpty ? "grid has no point farther than epsilon = \(epsilon) from y" : nil)
  return argmin(energy, x: x, over: outside)
}

/// Gradient descent in y: y ← y − η ∂F_W(x, y)/∂y, `steps` times from `start`. Finds a local
/// minimum of F_W(x, ·) near `start` for a small enough rate η.
public func descend<E: ContinuousEnergy>(
  _ energy: E, x: Vector, from start: Vector, rate: Double = 0.1, steps: Int = 100
) -> Vector {
  Validation.require(Validation.positive(rate, argument: "rate"))
  var y = start
  for _ in 0..<steps { y.add(energy.outputGradient(x, y), scaledBy: -rate) }
  return y
}

/// The points of a regular grid on the box [lower, upper] ⊂ ℝᵖ with `count` points per axis,
/// the last axis varying fastest.
public func gridPoints(lower: Vector, upper: Vector, count: Int) -> [Vector] {
  Validation.require(
    Validation.sameLength(upper.count, lower.count, argument: "upper", expectedName: "lower"))
  var points: [Vector] = [[]]
  for axis in 0..<lower.count {
    let ticks = linspace(lower[axis], upper[axis], count: count)
    points = points.flatMap { p in ticks.map { p.concatenated(with: [$0]) } }
  }
  return points
}

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
}

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
}
