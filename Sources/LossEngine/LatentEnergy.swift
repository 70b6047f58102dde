#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An energy G_W(x, y, z) with a discrete label y ∈ {0, …, n − 1} and a discrete latent
/// variable z ∈ {0, …, k − 1}.
///
/// Inference is (ŷ, ẑ) = argmin_{y, z} G_W(x, y, z); marginalising z gives the free energy
/// F_β(x, y) = −(1/β) log Σ_z e^{−β G_W(x, y, z)} (see ``FreeEnergy``), which tends to
/// min_z G_W(x, y, z) as β → ∞.
public protocol LatentEnergy: Sendable {
  /// The number of labels n.
  var labelCount: Int { get }
  /// The number of latent values k.
  var latentCount: Int { get }
  /// The dimension d of x.
  var inputDimension: Int { get }
  /// W, flattened.
  var parameters: Vector { get set }
  /// The n × k matrix of G_W(x, y, z), row y, column z.
  func energies(_ x: Vector) -> Matrix
  /// Σ_{y,z} g_yz ∂G_W(x, y, z)/∂W for the n × k matrix g, flattened like ``parameters``.
  func parameterGradient(_ x: Vector, energyGradient: Matrix) -> Vector
  /// The n × k energies on the tape, from a variable holding W flattened.
  func energies(_ x: Vector, parameters: Variable) -> Variable
}

extension LatentEnergy {
  /// (ŷ, ẑ) = argmin_{y, z} G_W(x, y, z) (ties go to the lowest y, then the lowest z).
  public func infer(_ x: Vector) -> (y: Int, z: Int) {
    let g = energies(x)
    let best = g.flattened.argmin
    return (best / g.columns, best % g.columns)
  }

  /// F_β(x, y) = −(1/β) log Σ_z e^{−β G_W(x, y, z)} for every y.
  public func freeEnergies(_ x: Vector, beta: Double) -> Vector {
    Validation.require(Validation.beta(beta))
    let g = energies(x)
    return Vector(
      (0..<g.rows).map { GibbsDistribution(energies: g.row($0), beta: beta).freeEnergy })
  }

  /// min_z G_W(x, y, z) for every y (the β → ∞ limit of the free energy).
  public func minimumEnergies(_ x: Vector) -> Vector {
    let g = energies(x)
    return Vector((0..<g.rows).map { g.row($0).min })
  }
}

/// The free energy of a latent energy, F_β(x, y) = −(1/β) log Σ_z e^{−β G_W(x, y, z)}, as a
/// ``DiscreteEnergy`` in y, so that every loss and check applies to it.
///
/// Its gradient is the posterior average ∂F_β(x, y)/∂W = Σ_z P(z | x, y) ∂G_W(x, y, z)/∂W with
/// P(z | x, y) = e^{−β G_W(x, y, z)} / Σ_z′ e^{−β G_W(x, y, z′)}.
public struct FreeEnergy<Base: LatentEnergy>: DiscreteEnergy {
  /// The latent energy G_W.
  public var base: Base
  /// The inverse temperature β > 0 of the marginalisation over z.
  public let beta: Double

  /// The free energy of `base` at inverse temperature `beta`.
  public init(_ base: Base, beta: Double = 1) {
    Validation.require(Validation.beta(beta))
    self.base = base
    self.beta = beta
  }

  /// n.
  public var labelCount: Int { base.labelCount }
  /// d.
  public var inputDimension: Int { base.inputDimension }
  /// The parameters of the latent energy.
  public var parameters: Vector {
    get { base.parameters }
    set { base.parameters = newValue }
  }

  /// F_β(x, ·).
  public func energies(_ x: Vector) -> Vector { base.freeEnergies(x, beta: beta) }

  /// Σ_y g_y Σ_z P(z | x, y) ∂G_W(x, y, z)/∂W.
  public func parameterGradient(_ x: Vector, energyGradient g: Vector) -> Vector {
    Validation.require(
      Validation.sameLength(g.count, labelCount, argument: "energyGradient", expectedName: "labels")
    )
    let e = base.energies(x)
    var weights = Matrix.zeros(e.rows, e.columns)
    for y in 0..<e.rows {
      let posterior = GibbsDistribution(energies: e.row(y), beta: beta).probabilities
      weights.setRow(y, to: g[y] * posterior)
    }
    return base.parameterGradient(x, energyGradient: weights)
  }

  /// −(1/β) logSumExp(−β G(x, y, ·)) for each y, on the tape.
  public func energies(_ x: Vector, parameters: Variable) -> Variable {
    let g = base.energies(x, parameters: parameters)
    let (n, k) = g.shape
    return stack(
      (0..<n).map { y in (-1 / beta) * logSumExp(-beta * slice(g, (y * k)..<((y + 1) * k))) })
  }
}

/// A mixture of linear experts: G_W(x, y, z) = −(w_{y,z} · x + b_{y,z}), with one weight row
/// w_{y,z} and bias b_{y,z} for each label y and latent z. Its zero-temperature free energy
/// min_z G is a piecewise-linear energy in x.
///
/// ``parameters`` is W (n·k × d, row y·k + z holds w_{y,z}) row-major, then b (n·k).
public struct LatentLinearEnergy: LatentEnergy, Equatable {
  /// W, row y·k + z is w_{y,z}.
  public var weights: Matrix
  /// b, entry y·k + z is b_{y,z}.
  public var bias: Vector
  /// k.
  public let latentCount: Int

  /// n labels, k latent values, d inputs; W drawn N(0, scale²) from `generator`, b = 0.
  public init(
    labels n: Int, latents k: Int, inputs d: Int, scale: Double = 1,
    using generator: inout SeededGenerator
  ) {
    Validation.require(Validation.nonEmpty(n, argument: "labels"))
    Validation.require(Validation.nonEmpty(k, argument: "latents"))
    weights = generator.gaussianMatrix(n * k, d, standardDeviation: scale)
    bias = .zeros(n * k)
    latentCount = k
  }

  /// n.
  public var labelCount: Int { weights.rows / latentCount }
  /// d.
  public var inputDimension: Int { weights.columns }

  /// W then b.
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

  /// G_W(x, y, z) = −(w_{y,z} · x + b_{y,z}) as an n × k matrix.
  public func energies(_ x: Vector) -> Matrix {
    Validation.require(
      Validation.sameLength(x.count, inputDimension, argument: "x", expectedName: "W columns"))
    let e = -(weights * x + bias)
    return Matrix(rows: labelCount, columns: latentCount, scalars: e.scalars)
  }

  /// ∂/∂w_{y,z} = −g_yz x, ∂/∂b_{y,z} = −g_yz.
  public func parameterGradient(_ x: Vector, energyGradient g: Matrix) -> Vector {
    Validation.require(
      Validation.sameShape(g.shape, (labelCount, latentCount), argument: "energyGradient"))
    let flat = -g.flattened
    return Vector(Matrix.outer(flat, x).scalars + flat.scalars)
  }

  /// The same on the tape.
  public func energies(_ x: Vector, parameters p: Variable) -> Variable {
    let (m, d) = (weights.rows, inputDimension)
    let w = slice(p, 0..<(m * d), rows: m, columns: d)
    let b = slice(p, (m * d)..<(m * d + m))
    let e = -(matmul(w, p.tape.variable(x)) + b)
    return slice(e, 0..<m, rows: labelCount, columns: latentCount)
  }
}
