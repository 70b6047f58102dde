#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// log Σ_i e^{a_i}, computed as m + log Σ_i e^{a_i − m} with m = max_i a_i, so that it neither
/// overflows nor underflows to −∞ for large |a_i|. Returns −∞ when every a_i = −∞.
public func logSumExp(_ values: Vector) -> Double {
  Validation.require(Validation.nonEmpty(values.count, argument: "values"))
  return values.scalars.withUnsafeBufferPointer { logSumExp($0) }
}

@inline(__always)
func logSumExp(_ a: UnsafeBufferPointer<Double>) -> Double {
  var m = -Double.infinity
  for v in a where v > m { m = v }
  if m == -.infinity || m == .infinity { return m }
  var s = 0.0
  for v in a { s += exp(v - m) }
  return m + log(s)
}

/// The logistic function σ(u) = 1 / (1 + e^{−u}), stable for large |u|.
public func sigmoid(_ u: Double) -> Double {
  if u >= 0 { return 1 / (1 + exp(-u)) }
  let e = exp(u)
  return e / (1 + e)
}

/// The softplus log(1 + e^u), stable for large |u| (≈ u for u ≫ 0, ≈ e^u for u ≪ 0).
public func softplus(_ u: Double) -> Double {
  u > 0 ? u + log1p(exp(-u)) : log1p(exp(u))
}

/// The positive part [u]^+ = max(0, u).
public func positivePart(_ u: Double) -> Double { u > 0 ? u : 0 }
