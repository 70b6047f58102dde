/// Matrix products. Matrix–matrix products go through the package's GEMM kernel (hand-written
/// blocked loops for small products, OpenBLAS for large ones); matrix–vector products are
/// loops over contiguous rows.
extension Matrix {
  /// The product A B, (rows × k)(k × columns).
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    Validation.require(
      Validation.sameLength(b.rows, a.columns, argument: "rhs rows", expectedName: "lhs columns"))
    var c = Matrix.zeros(a.rows, b.columns)
    if c.scalars.isEmpty || a.columns == 0 { return c }
    a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        c.scalars.withUnsafeMutableBufferPointer { pc in
          Kernels.gemm(
            transposeA: false, transposeB: false, m: a.rows, n: b.columns, k: a.columns, alpha: 1,
            pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
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
    if c.scalars.isEmpty || rows == 0 { return c }
    self.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        c.scalars.withUnsafeMutableBufferPointer { pc in
          Kernels.gemm(
            transposeA: true, transposeB: false, m: columns, n: b.columns, k: rows, alpha: 1,
            pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
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
    if c.scalars.isEmpty || columns == 0 { return c }
    self.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        c.scalars.withUnsafeMutableBufferPointer { pc in
          Kernels.gemm(
            transposeA: false, transposeB: true, m: rows, n: b.rows, k: columns, alpha: 1,
            pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
        }
      }
    }
    return c
  }
}
