extension Kernels {
  /// Replaces each of the `count` values at `p` by e^x, in a loop the compiler vectorizes.
  ///
  /// x is clamped to [−708, 709] (so results below e^{−708} ≈ 3·10⁻³⁰⁸ are returned as
  /// e^{−708} rather than as subnormals or 0, and results never overflow), then reduced as
  /// x = k ln 2 + r with |r| ≤ ½ ln 2 (k found by adding and subtracting 1.5·2⁵², ln 2 split in
  /// a high and a low part), e^r is the degree-12 Taylor polynomial (truncation below 2.5·10⁻¹⁶
  /// relative) and 2^k is built from its exponent bits. Accurate to a few units in the last
  /// place; tested against the C library's `exp`.
  static func expInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    // Eight lanes at a time, so that the polynomial's chains of dependent operations interleave.
    var i = 0
    let raw = UnsafeMutableRawPointer(p)
    while i + 8 <= count {
      let x = raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
      raw.storeBytes(of: exp8(x), toByteOffset: i * 8, as: SIMD8<Double>.self)
      i += 8
    }
    if i < count {
      var x = SIMD8<Double>(repeating: 0)
      for l in 0..<(count - i) { x[l] = p[i + l] }
      let y = exp8(x)
      for l in 0..<(count - i) { p[i + l] = y[l] }
    }
  }

  @inline(__always)
  static func exp8(_ input: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let log2e = 1.4426950408889634
    let ln2High = 0.693147180369123816490  // ln 2 with its low 32 bits cleared: k·ln2High is exact
    let ln2Low = 1.90821492927058770002e-10
    let shifter = 6755399441055744.0  // 1.5·2⁵²: adding it rounds to an integer in the low bits
    var x = input
    x.replace(with: -708, where: x .< -708)
    x.replace(with: 709, where: x .> 709)
    let t = x * log2e + V(repeating: shifter)
    let k = t - V(repeating: shifter)
    let r = (x - k * ln2High) - k * ln2Low
    var q = V(repeating: 1.0 / 479_001_600)
    q = q * r + 1.0 / 39_916_800
    q = q * r + 1.0 / 3_628_800
    q = q * r + 1.0 / 362880
    q = q * r + 1.0 / 40320
    q = q * r + 1.0 / 5040
    q = q * r + 1.0 / 720
    q = q * r + 1.0 / 120
    q = q * r + 1.0 / 24
    q = q * r + 1.0 / 6
    q = q * r + 0.5
    q = q * r + 1
    q = q * r + 1
    let bits = unsafeBitCast(t, to: SIMD8<Int64>.self)
    let exponent = (bits &- Int64(bitPattern: shifter.bitPattern) &+ 1023) &<< 52
    return q * unsafeBitCast(exponent, to: V.self)
  }
}

/// e^x for each entry of `values`, in place, with the engine's vectorized kernel: inputs are
/// clamped to [−708, 709] (see the batch NLL path, where every argument is ≤ 0); a few ulps of
/// the C library's `exp`.
public func batchExp(_ values: UnsafeMutableBufferPointer<Double>) {
  guard let base = values.baseAddress else { return }
  Kernels.expInPlace(base, count: values.count)
}
