#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A seeded pseudo-random generator: xoshiro256** (Blackman and Vigna, 2018) whose four words
/// of state are filled from the seed by SplitMix64.
///
/// The algorithm is fixed and uses only 64-bit integer arithmetic, so the same seed gives the
/// same `next()` sequence, and the same ``uniform()`` doubles, on every machine and compiler.
/// Gaussian draws (``gaussian(mean:standardDeviation:)``) use Marsaglia's polar method, which
/// needs only `sqrt` (exact in IEEE 754) and `log`; they are bit-identical wherever the C
/// library's `log` is correctly rounded (glibc and Apple's are, for these arguments in practice).
///
/// Do not use `SystemRandomNumberGenerator` or `Double.random(in:)` for reproducible results:
/// their algorithms are not specified.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
  private var spareGaussian: Double?

  /// A generator whose state is derived from `seed` with SplitMix64.
  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits (xoshiro256**).
  public mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  @inline(__always)
  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform double in [a, b): a + (b − a)·u.
  public mutating func uniform(in range: Range<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
  }

  /// A uniform integer in 0..<n, by Lemire's multiply-and-reject method (no modulo bias).
  public mutating func integer(below n: Int) -> Int {
    Validation.require(Validation.nonEmpty(n, argument: "n"))
    let bound = UInt64(n)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
  }

  /// A normal draw N(mean, standardDeviation²), by Marsaglia's polar method.
  ///
  /// Each accepted pair (u, v) in the unit disc gives two independent draws; the second is
  /// kept for the next call.
  public mutating func gaussian(mean: Double = 0, standardDeviation: Double = 1) -> Double {
    if let z = spareGaussian {
      spareGaussian = nil
      return mean + standardDeviation * z
    }
    while true {
      let u = 2 * uniform() - 1
      let v = 2 * uniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        let factor = (-2 * log(s) / s).squareRoot()
        spareGaussian = v * factor
        return mean + standardDeviation * u * factor
      }
    }
  }

  /// A vector of `count` independent N(mean, standardDeviation²) draws.
  public mutating func gaussianVector(
    _ count: Int, mean: Double = 0, standardDeviation: Double = 1
  ) -> Vector {
    Vector((0..<count).map { _ in gaussian(mean: mean, standardDeviation: standardDeviation) })
  }

  /// A `rows × columns` matrix of independent N(0, standardDeviation²) draws, row by row.
  public mutating func gaussianMatrix(
    _ rows: Int, _ columns: Int, standardDeviation: Double = 1
  ) -> Matrix {
    Matrix(
      rows: rows, columns: columns,
      scalars: (0..<(rows * columns)).map { _ in gaussian(standardDeviation: standardDeviation) })
  }

  /// A vector of `count` independent uniform draws in `range`.
  public mutating func uniformVector(_ count: Int, in range: Range<Double>) -> Vector {
    Vector((0..<count).map { _ in uniform(in: range) })
  }
}
