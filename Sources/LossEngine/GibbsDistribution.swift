#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Gibbs (Boltzmann) distribution of a set of energies at inverse temperature β:
///
///     P(y | x) = e^{−β F(x, y)} / Σ_ȳ e^{−β F(x, ȳ)},
///
/// with the log partition function log Z = log Σ_ȳ e^{−β F(x, ȳ)} and the free energy
/// F_β = −(1/β) log Z. Every quantity is computed through a shifted log-sum-exp, so energies
/// of ±1000 and β = 100 give finite results. As β → ∞, P tends to the indicator of
/// argmin_y F(x, y) (shared equally among ties) and F_β to min_y F(x, y); as β → 0, P tends to
/// the uniform distribution.
public struct GibbsDistribution: Sendable, Equatable {
  /// The energies F(x, y), one per label y (0-based).
  public let energies: Vector
  /// The inverse temperature β > 0.
  public let beta: Double

  /// The distribution over the labels whose energies are `energies`.
  public init(energies: Vector, beta: Double = 1) {
    Validation.require(Validation.nonEmpty(energies.count, argument: "energies"))
    Validation.require(Validation.beta(beta))
    self.energies = energies
    self.beta = beta
  }

  /// log Z = log Σ_y e^{−β F(x, y)} (nats).
  public var logPartition: Double { logSumExp(energies.map { -beta * $0 }) }

  /// The free energy F_β(x) = −(1/β) log Σ_y e^{−β F(x, y)}, in units of energy.
  public var freeEnergy: Double { -logPartition / beta }

  /// P(y | x) for every label y; sums to 1.
  /// Computed as e^{−β(F(x, y) − min F)} normalised by its sum, so it sums to 1 to rounding
  /// even when log Z is huge.
  public var probabilities: Vector {
    let lowest = energies.min
    let weights = energies.map { exp(-beta * ($0 - lowest)) }
    return weights / weights.sum
  }

  /// log P(y | x) = −β F(x, y) − log Z (nats).
  public func logProbability(of y: Int) -> Double {
    Validation.require(Validation.label(y, count: energies.count))
    return -beta * energies[y] - logPartition
  }

  /// The most likely label, argmin_y F(x, y) (ties go to the lowest label).
  public var mode: Int { energies.argmin }
}

/// The free energy of a continuous variable by quadrature,
/// F_β = −(1/β) log ∫ e^{−β F(y)} dy, with the trapezoid rule on the uniform grid `grid`
/// (at least two points, evenly spaced). Computed as a log-sum-exp with the log weights.
public func freeEnergy(
  grid: [Double], beta: Double = 1, energy: (Double) -> Double
) -> Double {
  Validation.require(Validation.beta(beta))
  Validation.require(grid.count >= 2 ? nil : "grid must have at least two points")
  let h = (grid[grid.count - 1] - grid[0]) / Double(grid.count - 1)
  Validation.require(Validation.positive(h, argument: "grid spacing"))
  var terms = Vector.zeros(grid.count)
  for (i, y) in grid.enumerated() {
    let weight = (i == 0 || i == grid.count - 1) ? h / 2 : h
    terms[i] = -beta * energy(y) + log(weight)
  }
  return -logSumExp(terms) / beta
}

/// `count` evenly spaced points from `a` to `b` inclusive.
public func linspace(_ a: Double, _ b: Double, count: Int) -> [Double] {
  Validation.require(count >= 2 ? nil : "count must be at least 2, got \(count)")
  return (0..<count).map { a + (b - a) * Double($0) / Double(count - 1) }
}
