#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The NLL loss of a batch and its gradient with respect to W and b.
public struct BatchLossGradient: Sendable, Equatable {
  /// The mean loss (1/B) Σ_i ℓ(x_i, y_i).
  public var loss: Double
  /// ∂loss/∂W (n × d).
  public var weights: Matrix
  /// ∂loss/∂b (n).
  public var bias: Vector
}

extension LinearEnergy {
  /// The NLL/MMI loss in the 1/β-scaled form, averaged over a batch, and its gradient, computed
  /// with whole-batch matrix products:
  ///
  ///     E = −(X Wᵀ + 𝟙 bᵀ)                       (B × n energies F_W(x_i, y))
  ///     ℓ = (1/B) Σ_i [E_{i,y_i} + (1/β) log Σ_y e^{−β E_{i,y}}]
  ///     G = (1/B)(onehot(y) − P),  P_{i,y} = P(y | x_i)
  ///     ∂ℓ/∂W = −Gᵀ X,  ∂ℓ/∂b = −Σ_i G_i
  ///
  /// `inputs` X holds one sample per row (B × d); `labels` holds y_i ∈ 0..<n.
  public func nllLossAndGradient(
    inputs x: Matrix, labels: [Int], beta: Double = 1
  ) -> BatchLossGradient {
    let (batch, d, n) = (x.rows, x.columns, labelCount)
    Validation.require(Validation.beta(beta))
    Validation.require(Validation.nonEmpty(batch, argument: "inputs"))
    Validation.require(Validation.nonEmpty(d, argument: "inputs columns"))
    Validation.require(
      Validation.sameLength(
        d, inputDimension, argument: "inputs columns", expectedName: "W columns"))
    Validation.require(
      Validation.sameLength(labels.count, batch, argument: "labels", expectedName: "inputs rows"))
    for y in labels { Validation.require(Validation.label(y, count: n, argument: "labels")) }

    var scores = [Double](repeating: 0, count: batch * n)  // S = X Wᵀ, then overwritten by G
    var weightGradient = Matrix.zeros(n, d)
    var biasGradient = Vector.zeros(n)
    var total = 0.0
    let scale = 1 / Double(batch)
    x.scalars.withUnsafeBufferPointer { px in
      weights.scalars.withUnsafeBufferPointer { pw in
        scores.withUnsafeMutableBufferPointer { ps in
          // S = X Wᵀ.
          Kernels.gemm(
            transposeA: false, transposeB: true, m: batch, n: n, k: d, alpha: 1,
            px.baseAddress!, pw.baseAddress!, ps.baseAddress!)
          // Row by row: energies and their maximum; then β(s − top) for the whole batch, one
          // vectorized exp, and G = (onehot − P)/B in place.
          var tops = [Double](repeating: 0, count: batch)
          var correctScores = [Double](repeating: 0, count: batch)
          bias.scalars.withUnsafeBufferPointer { pb in
            for i in 0..<batch {
              let row = ps.baseAddress! + i * n
              var top = -Double.infinity
              for j in 0..<n {
                row[j] += pb[j]  // score s = −E
                top = row[j] > top ? row[j] : top
              }
              tops[i] = top
              correctScores[i] = row[labels[i]]
              for j in 0..<n { row[j] = beta * (row[j] - top) }  // −β(E − min E) ≤ 0
            }
          }
          Kernels.expInPlace(ps.baseAddress!, count: batch * n)
          for i in 0..<batch {
            let row = ps.baseAddress! + i * n
            var z = 0.0
            for j in 0..<n { z += row[j] }
            // ℓ_i = E_{i,y} + (1/β) log Z_i with log Z_i = β·top + log z.
            total += -correctScores[i] + tops[i] + log(z) / beta
            let w = -scale / z
            for j in 0..<n { row[j] *= w }
            row[labels[i]] += scale
          }
          // ∂W = −Gᵀ X, ∂b = −Σ_i G_i.
          weightGradient.scalars.withUnsafeMutableBufferPointer { pg in
            Kernels.gemm(
              transposeA: true, transposeB: false, m: n, n: d, k: batch, alpha: -1,
              ps.baseAddress!, px.baseAddress!, pg.baseAddress!)
          }
          for i in 0..<batch {
            let row = ps.baseAddress! + i * n
            for j in 0..<n { biasGradient.scalars[j] -= row[j] }
          }
        }
      }
    }
    return BatchLossGradient(loss: total * scale, weights: weightGradient, bias: biasGradient)
  }
}
