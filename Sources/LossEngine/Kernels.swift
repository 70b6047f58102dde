@_implementationOnly import COpenBLAS

/// The dense kernels behind the matrix products and the batch paths.
///
/// ``gemm(transposeA:transposeB:m:n:k:alpha:_:_:_:)`` computes C = α op(A) op(B) for row-major
/// matrices. Products of at least ``blasThreshold`` multiply-adds go to OpenBLAS's `dgemm`
/// (hand-written loops reach less than half of numpy's speed at the benchmark's large size:
/// see `Benchmarks/engine/README.md`); smaller ones stay in Swift, where a call costs less than
/// BLAS's dispatch. In ``multiply(_:_:_:m:k:n:)``, B is first packed into panels of four columns (p-major inside a panel) so that the inner
/// loop reads it contiguously; each 4 × 4 block of C is then accumulated in registers over the
/// whole k dimension, reading four rows of A as four sequential streams. Edges that do not
/// fill a block fall back to scalar loops.
enum Kernels {
  /// m·n·k at and above which a product goes to BLAS.
  static let blasThreshold = 32 * 32 * 32

  /// C = α op(A) op(B), op(A) m × k and op(B) k × n, all row-major; op(M) is M or Mᵀ.
  /// `a` is m × k (k × m if transposed), `b` is k × n (n × k if transposed), `c` is m × n.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      c.update(repeating: 0, count: m * n)
      return
    }
    if m * n * k >= blasThreshold {
      cblas_dgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha, a,
        Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), 0, c, Int32(n))
      return
    }
    if !transposeA && !transposeB {
      multiply(a, b, c, m: k == 0 ? 0 : m, k: k, n: n)
      if alpha != 1 { for t in 0..<(m * n) { c[t] *= alpha } }
      return
    }
    if transposeA && !transposeB {
      // C = α Aᵀ B as a sum of rank-one updates: row p of A times row p of B, contiguous.
      c.update(repeating: 0, count: m * n)
      for p in 0..<k {
        let bp = b + p * n
        for i in 0..<m {
          let s = alpha * a[p * m + i]
          if s == 0 { continue }
          let ci = c + i * n
          for j in 0..<n { ci[j] += s * bp[j] }
        }
      }
      return
    }
    if !transposeA && transposeB {
      // C = α A Bᵀ as dot products of contiguous rows, with four partial sums so that the
      // additions do not wait on one another.
      for i in 0..<m {
        let ai = a + i * k
        for j in 0..<n {
          let bj = b + j * k
          var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
          var p = 0
          while p + 4 <= k {
            s0 += ai[p] * bj[p]
            s1 += ai[p + 1] * bj[p + 1]
            s2 += ai[p + 2] * bj[p + 2]
            s3 += ai[p + 3] * bj[p + 3]
            p += 4
          }
          while p < k {
            s0 += ai[p] * bj[p]
            p += 1
          }
          c[i * n + j] = alpha * ((s0 + s1) + (s2 + s3))
        }
      }
      return
    }
    for i in 0..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k { s += a[p * m + i] * b[j * k + p] }
        c[i * n + j] = alpha * s
      }
    }
  }

  /// C = A B with A m × k, B k × n, C m × n, all row-major and non-overlapping.
  static func multiply(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    m: Int, k: Int, n: Int
  ) {
    let panels = n / 4
    let packed = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(panels * k * 4, 1))
    defer { packed.deallocate() }
    for jp in 0..<panels {
      let dst = packed + jp * k * 4
      for p in 0..<k {
        let src = b + p * n + jp * 4
        (dst + p * 4).update(from: src, count: 4)
      }
    }
    var i = 0
    while i + 4 <= m {
      let (a0, a1, a2, a3) = (a + i * k, a + (i + 1) * k, a + (i + 2) * k, a + (i + 3) * k)
      for jp in 0..<panels {
        let panel = UnsafeRawPointer(packed + jp * k * 4)
        var c0 = SIMD4<Double>()
        var c1 = SIMD4<Double>()
        var c2 = SIMD4<Double>()
        var c3 = SIMD4<Double>()
        for p in 0..<k {
          let bv = panel.loadUnaligned(fromByteOffset: p * 32, as: SIMD4<Double>.self)
          c0 += a0[p] * bv
          c1 += a1[p] * bv
          c2 += a2[p] * bv
          c3 += a3[p] * bv
        }
        let j = jp * 4
        UnsafeMutableRawPointer(c + i * n + j).storeBytes(of: c0, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(c + (i + 1) * n + j).storeBytes(of: c1, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(c + (i + 2) * n + j).storeBytes(of: c2, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(c + (i + 3) * n + j).storeBytes(of: c3, as: SIMD4<Double>.self)
      }
      i += 4
    }
    // Remaining rows, all columns; then remaining columns of the blocked rows.
    for r in i..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k { s += a[r * k + p] * b[p * n + j] }
        c[r * n + j] = s
      }
    }
    if panels * 4 < n {
      for r in 0..<i {
        for j in (panels * 4)..<n {
          var s = 0.0
          for p in 0..<k { s += a[r * k + p] * b[p * n + j] }
          c[r * n + j] = s
        }
      }
    }
  }

  /// The transpose of a row-major rows × columns matrix into `out` (columns × rows).
  static func transpose(
    _ a: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) {
    let block = 16
    var i0 = 0
    while i0 < rows {
      var j0 = 0
      while j0 < columns {
        for i in i0..<Swift.min(i0 + block, rows) {
          for j in j0..<Swift.min(j0 + block, columns) { out[j * rows + i] = a[i * columns + j] }
        }
        j0 += block
      }
      i0 += block
    }
  }
}
