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
