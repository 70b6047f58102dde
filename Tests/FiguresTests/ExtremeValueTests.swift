import Testing

@testable import Figures

@Suite("Extreme values")
struct ExtremeValueTests {
  @Test(
    arguments: [
      [1e308, -1e308],
      [1e300, 1e300],
      [1, 1 + 1e-15],
      [Double.leastNonzeroMagnitude, 0],
      [-1e-300, 1e-300],
      [123_456_789_012, 123_456_789_013],
      [.nan, 3, .infinity],
    ] as [[Double]])
  func linePlotsOfExtremeValuesRenderAsWellFormedSVG(values: [Double]) throws {
    let svg = try LinePlot(title: "extreme")
      .series("a", xs: values.indices.map(Double.init), ys: values)
      .series("b", xs: values, ys: values.indices.map(Double.init))
      .renderSVG()
    #expect(XMLProbe.parse(svg).error == nil)
  }

  @Test(
    arguments: [
      [[1e308, -1e308], [0, 1]],
      [[1, 1], [1, 1]],
      [[1, 1 + 1e-15], [.nan, -.infinity]],
    ] as [[[Double]]])
  func heatMapsOfExtremeValuesRenderAsWellFormedSVG(values: [[Double]]) throws {
    let svg = try HeatMap(title: "extreme", x: 0...1, y: 0...1, values: values)
      .contours(count: 4).renderSVG()
    #expect(XMLProbe.parse(svg).error == nil)
  }

  @Test func ticksOfARangeTooNarrowForDoublesAreItsEnds() {
    let ticks = NiceTicks.ticks(in: 1e17...(1e17 + 64), target: 5)
    #expect(ticks.count <= 7)
    #expect(NiceTicks.ticks(in: -1e308...1e308, target: 5).count <= 7)
  }
}
