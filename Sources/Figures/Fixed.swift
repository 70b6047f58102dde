/// Fixed-point decimal formatting without Foundation: round half away from zero at `decimals`
/// places, drop trailing zeros, print zero as "0" (never "-0").
enum Fixed {
  private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
  private static let divisors: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

  static func format(_ x: Double, decimals: Int) -> String {
    var out: [UInt8] = []
    append(x, decimals: decimals, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func append(_ x: Double, decimals: Int, to out: inout [UInt8]) {
    precondition((0...6).contains(decimals), "decimals must be in 0...6, got \(decimals)")
    guard x.isFinite else {
      out.append(UInt8(ascii: "0"))
      return
    }
    let scaled = (x * scales[decimals]).rounded(.toNearestOrAwayFromZero)
    guard abs(scaled) < 9e15 else {
      // Far outside any drawing; clamp rather than trap.
      appendInteger(x < 0 ? -9_000_000_000_000 : 9_000_000_000_000, to: &out)
      return
    }
    var n = Int64(scaled)
    if n == 0 {
      out.append(UInt8(ascii: "0"))
      return
    }
    if n < 0 {
      out.append(UInt8(ascii: "-"))
      n = -n
    }
    let divisor = divisors[decimals]
    appendInteger(n / divisor, to: &out)
    var fraction = n % divisor
    guard fraction != 0 else { return }
    var digits = decimals
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    out.append(UInt8(ascii: "."))
    let start = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
    var i = start + digits - 1
    while fraction > 0 {
      out[i] = UInt8(ascii: "0") + UInt8(fraction % 10)
      fraction /= 10
      i -= 1
    }
  }

  private static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
    var n = value
    if n < 0 {
      out.append(UInt8(ascii: "-"))
      n = -n
    }
    if n < 10 {
      out.append(UInt8(ascii: "0") + UInt8(n))
      return
    }
    let start = out.count
    while n > 0 {
      out.append(UInt8(ascii: "0") + UInt8(n % 10))
      n /= 10
    }
    out[start...].reverse()
  }
}
