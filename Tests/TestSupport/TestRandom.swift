/// The seeded random source of the tests: SplitMix64 (Steele, Lea and Flood, 2014).
///
/// The algorithm is fixed and uses only 64-bit integer arithmetic, so a seed gives the same
/// numbers on every machine and a failing case can be rebuilt from the seed its test prints.
/// (The engine's own `SeededGenerator` is what blocks use; the engine's tests use that one.)
public struct TestRandom: RandomNumberGenerator, Sendable {
  /// The state; the first number is derived from `seed + 0x9E3779B97F4A7C15`.
  public private(set) var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound` (with a modulo bias too small to matter for tests).
  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// One of `choices`, which must not be empty.
  public mutating func pick<Element>(_ choices: [Element]) -> Element {
    choices[below(choices.count)]
  }
}
