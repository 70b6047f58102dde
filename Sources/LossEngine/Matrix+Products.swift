/// Matrix products, written as cache-friendly loops over contiguous rows.
///
/// Each product visits memory row by row (the "i-k-j" order), so the innermost loop is a
/// contiguous multiply-add that the compiler vectorizes.
extension Matrix {
  /// The product A B, (rows × k)(k × columns).
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    Validation.require(
      Validation.sameLength(b.rows, a.columns, argument: "rhs rows", expectedName: "lhs columns"))
    var c = Matrix.zeros(a.rows, b.columns)
    let (m, k, n) = (a.rows, a.columns, b.columns)
    a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        c.scalars.withUnsafeMutableBufferPointer { pc in
          for i in 0..<m {
            let ci = pc.baseAddress! + i * n
            for p in 0..<k {
              let s = pa[i * k + p]
              if s == 0 { continue }
              let bp = pb.baseAddress! + p * n
              for j in 0..<n { ci[j] += s * bp[j] }
            }
          }
        }
      }
    }
    return c
  }

  /// The product A v.
  public static func * (a: Matrix, v: Vector) -> Vector {
    Validation.require(
      Validation.sameLength(v.count, a.columns, argument: "v", expectedName: "matrix columns"))
    var out = Vector.zeros(a.rows)
    a.scalars.withUnsafeBufferPointer { pa in
      v.scalars.withUnsafeBufferPointer { pv in
        for i in 0..<a.rows {
          var s = 0.0
          let r = pa.baseAddress! + i * a.columns
          for j in 0..<a.columns { s += r[j] * pv[j] }
          out.scalars[i] = s
        }
      }
    }
    return out
  }

  /// The product Aᵀ v.
  public func transposeTimes(_ v: Vector) -> Vector {
    Validation.require(Validation.sameLength(v.count, rows, argument: "v", expectedName: "rows"))
    var out = Vector.zeros(columns)
    for i in 0..<rows {
      let s = v[i]
      if s == 0 { continue }
      for j in 0..<columns { out.scalars[j] += s * scalars[i * columns + j] }
    }
    return out
  }

  /// The product Aᵀ B, (k × rows)ᵀ(k × columns), without forming Aᵀ.
  public func transposeTimes(_ b: Matrix) -> Matrix {
    Validation.require(
      Validation.sameLength(b.rows, rows, argument: "b rows", expectedName: "rows"))
    var c = Matrix.zeros(columns, b.columns)
    let (k, m, n) = (rows, columns, b.columns)
    scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        c.scalars.withUnsafeMutableBufferPointer { pc in
          for p in 0..<k {
            let bp = pb.baseAddress! + p * n
            for i in 0..<m {
              let s = pa[p * m + i]
              if s == 0 { continue }
              let ci = pc.baseAddress! + i * n
              for j in 0..<n { ci[j] += s * bp[j] }
            }
          }
        }
      }
    }
    return c
  }

  /// The product A Bᵀ, (rows × k)(columns × k)ᵀ, without forming Bᵀ.
  public func timesTransposed(_ b: Matrix) -> Matrix {
    Validation.require(
      Validation.sameLength(b.columns, columns, argument: "b columns", expectedName: "columns"))
    var c = Matrix.zeros(rows, b.rows)
    let (m, k, n) = (rows, columns, b.rows)
    scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        c.scalars.withUnsafeMutableBufferPointer { pc in
          for i in 0..<m {
            let ai = pa.baseAddress! + i * k
            for j in 0..<n {
              let bj = pb.baseAddress! + j * k
              var s = 0.0
              for p in 0..<k { s += ai[p] * bj[p] }
              pc[i * n + j] = s
            }
          }
        }
      }
    }
    return c
  }
}
