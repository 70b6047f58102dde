import Testing

@testable import Figures

@Suite("Lines and gaps")
struct LineGapTests {
  static func pathData(_ xs: [Double], _ ys: [Double]) -> String {
    var w = SVGWriter()
    Series(name: "s", xs: xs, ys: ys, mark: .line(.solid))
      .appendPolyline(
        &w, xMap: LinearMap(domain: 0...10, from: 0, to: 10),
        yMap: LinearMap(domain: 0...10, from: 10, to: 0))
    return w.string
  }

  @Test func aLineIsOneSubpathWithImplicitLineTos() {
    #expect(Self.pathData([0, 1, 2], [0, 1, 4]) == "M0 10L1 9 2 6")
    #expect(Self.pathData([0, 1, 2], [0, 1, 2]) == "M0 10L2 8", "collinear points merge")
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func aNonFiniteValueStartsANewSubpath(bad: Double) {
    #expect(Self.pathData([0, 1, 2, 3, 4], [0, 1, bad, 3, 4]) == "M0 10L1 9M3 7L4 6")
  }

  @Test func negativeCoordinatesNeedNoSeparator() {
    #expect(Self.pathData([0, -1.5], [11, 12]) == "M0-1L-1.5-2")
  }

  @Test func pointsThatRoundToThePreviousOneAreDropped() {
    #expect(Self.pathData([0, 0.01, 0.02, 1], [0, 0, 0, 0]) == "M0 10L1 10")
  }
}

@Suite("Simplification")
struct SimplifyTests {
  @Test func collinearPointsAreDroppedAndCornersKept() {
    let xs: [Double] = [0, 1, 2, 3, 4, 5, 6]
    let ys: [Double] = [0, 0, 0, 0, 1, 2, 3]
    #expect(Simplify.keep(xs: xs, ys: ys, tolerance: 0.1) == [0, 3, 6])
  }

  @Test func aSpikeBeyondTheChordIsKept() {
    #expect(Simplify.keep(xs: [0, 5, 1], ys: [0, 0, 0], tolerance: 0.1) == [0, 1, 2])
  }
}

@Suite("Reference lines")
struct ReferenceLineTests {
  @Test func aReferenceLineOutsideTheDataIsKeptInView() throws {
    let plot = LinePlot(title: "p").series("s", xs: [0, 1], ys: [0, 1]).rule(y: 10, label: "cap")
    let (_, y) = try plot.chart.ranges()
    #expect(y.contains(10))
    let svg = try plot.renderSVG()
    #expect(svg.contains(">cap</text>"))
    #expect(svg.contains("stroke-dasharray=\"4 3\""))
  }
}
