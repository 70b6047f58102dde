#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-hidden-layer energy F_W(x, y) = −(V h + e)_y with h = tanh(U x + c), W = (U, c, V, e):
/// U is h × d, c ∈ ℝʰ, V is n × h, e ∈ ℝⁿ.
///
/// ``parameters`` is U (row-major), c, V (row-major), e.
public struct MultilayerEnergy: DiscreteEnergy, Equatable {
  /// U (hidden × d).
  public var inputWeights: Matrix
  /// c (hidden).
  public var hiddenBias: Vector
  /// V (n × hidden).
  public var outputWeights: Matrix
  /// e (n).
  public var outputBias: Vector

  /// An energy with n labels, d inputs and `hidden` tanh units; U and V drawn N(0, 1/fan-in)
  /// from `generator`, biases 0.
  public init(labels n: Int, inputs d: Int, hidden: Int, using generator: inout SeededGenerator) {
    Validation.require(Validation.nonEmpty(n, argument: "labels"))
    Validation.require(Validation.nonEmpty(d, argument: "inputs"))
    Validation.require(Validation.nonEmpty(hidden, argument: "hidden"))
    inputWeights = generator.gaussianMatrix(
      hidden, d, standardDeviation: 1 / Double(d).squareRoot())
    hiddenBias = .zeros(hidden)
    outputWeights = generator.gaussianMatrix(
      n, hidden, standardDeviation: 1 / Double(hidden).squareRoot())
    outputBias = .zeros(n)
  }

  /// n.
  public var labelCount: Int { outputWeights.rows }
  /// d.
  public var inputDimension: Int { inputWeights.columns }
  /// The number of hidden units.
  public var hiddenCount: Int { inputWeights.rows }

  /// U, c, V, e flattened.
  public var parameters: Vector {
    get {
      Vector(inputWeights.scalars + hiddenBias.scalars + outputWeights.scalars + outputBias.scalars)
    }
    set {
      let (h, d, n) = (hiddenCount, inputDimension, labelCount)
      Validation.require(
        Validation.sameLength(
          newValue.count, h * d + h + n * h + n, argument: "parameters",
          expectedName: "U, c, V and e"))
      var at = 0
      func take(_ k: Int) -> [Double] {
        defer { at += k }
        return Array(newValue.scalars[at..<(at + k)])
      }
      inputWeights.scalars = take(h * d)
      hiddenBias.scalars = take(h)
      outputWeights.scalars = take(n * h)
      outputBias.scalars = take(n)
    }
  }

  /// tanh(U x + c), formed in the vector U x holds (the same arithmetic as the expression).
  func hidden(_ x: Vector) -> Vector {
    Validation.require(
      Validation.sameLength(x.count, inputDimension, argument: "x", expectedName: "U columns"))
    var h = inputWeights * x
    for i in 0..<h.count { h.scalars[i] = tanh(h.scalars[i] + hiddenBias.scalars[i]) }
    return h
  }

  /// −(V tanh(U x + c) + e), formed in the vector V h holds.
  public func energies(_ x: Vector) -> Vector {
    var f = outputWeights * hidden(x)
    for k in 0..<f.count { f.scalars[k] = -(f.scalars[k] + outputBias.scalars[k]) }
    return f
  }

  /// With s = −g: ∂V = s hᵀ, ∂e = s, δ = (Vᵀ s) ⊙ (1 − h²), ∂U = δ xᵀ, ∂c = δ.
  public func parameterGradient(_ x: Vector, energyGradient g: Vector) -> Vector {
    Validation.require(
      Validation.sameLength(g.count, labelCount, argument: "energyGradient", expectedName: "labels")
    )
    let h = hidden(x)
    let s = -g
    let delta = outputWeights.transposeTimes(s) .* h.map { 1 - $0 * $0 }
    return Vector(
      Matrix.outer(delta, x).scalars + delta.scalars + Matrix.outer(s, h).scalars + s.scalars)
  }

  /// `gradient += parameterGradient(x, energyGradient: g)` with the same arithmetic, in the
  /// order it adds, without forming the gradient's parts: what training does for each sample.
  public func addParameterGradient(
    _ x: Vector, energyGradient g: Vector, to gradient: inout Vector
  ) {
    let (hiddenUnits, d, n) = (hiddenCount, inputDimension, labelCount)
    Validation.require(
      Validation.sameLength(g.count, n, argument: "energyGradient", expectedName: "labels"))
    Validation.require(
      Validation.sameLength(
        gradient.count, hiddenUnits * d + hiddenUnits + n * hiddenUnits + n,
        argument: "gradient", expectedName: "U, c, V and e"))
    let h = hidden(x)
    let vOffset = hiddenUnits * d + hiddenUnits
    let eOffset = vOffset + n * hiddenUnits
    gradient.scalars.withUnsafeMutableBufferPointer { out in
      h.scalars.withUnsafeBufferPointer { h in
        g.scalars.withUnsafeBufferPointer { g in
          x.scalars.withUnsafeBufferPointer { x in
            outputWeights.scalars.withUnsafeBufferPointer { v in
              for i in 0..<hiddenUnits {
                // (Vᵀ s)_i over the labels in order, skipping s_k = 0, as `transposeTimes` sums.
                var sum = 0.0
                for k in 0..<n {
                  let s = -g[k]
                  if s == 0 { continue }
                  sum += s * v[k * hiddenUnits + i]
                }
                let delta = sum * (1 - h[i] * h[i])
                for j in 0..<d { out[i * d + j] += delta * x[j] }
                out[hiddenUnits * d + i] += delta
              }
              for k in 0..<n {
                let s = -g[k]
                for i in 0..<hiddenUnits { out[vOffset + k * hiddenUnits + i] += s * h[i] }
              }
              for k in 0..<n { out[eOffset + k] += -g[k] }
            }
          }
        }
      }
    }
  }

  /// The same network on the tape.
  public func energies(_ x: Vector, parameters p: Variable) -> Variable {
    let (h, d, n) = (hiddenCount, inputDimension, labelCount)
    var at = 0
    func take(_ rows: Int, _ columns: Int) -> Variable {
      defer { at += rows * columns }
      return slice(p, at..<(at + rows * columns), rows: rows, columns: columns)
    }
    let u = take(h, d)
    let c = take(h, 1)
    let v = take(n, h)
    let e = take(n, 1)
    let hiddenLayer = tanh(matmul(u, p.tape.variable(x)) + c)
    return -(matmul(v, hiddenLayer) + e)
  }
}
