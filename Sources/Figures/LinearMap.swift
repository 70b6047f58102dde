/// v ↦ from + (v − lo) / (hi − lo) · (to − from).
struct LinearMap {
  let offset: Double
  let factor: Double

  init(domain: ClosedRange<Double>, from: Double, to: Double) {
    // Halves, so that a span near the largest double does not overflow.
    let halfSpan = domain.upperBound / 2 - domain.lowerBound / 2
    factor = halfSpan > 0 ? (to - from) / 2 / halfSpan : 0
    offset = from - domain.lowerBound * factor
  }

  @inline(__always) func callAsFunction(_ v: Double) -> Double { offset + v * factor }
}
