import Testing

@testable import Figures

@Suite("Plot errors")
struct PlotErrorTests {
  @Test func anEmptySeriesIsAnErrorNamingTheSeries() {
    #expect(throws: PlotError.emptySeries(plot: "losses", series: "hinge")) {
      try LinePlot(title: "losses").series("hinge", xs: [], ys: []).renderSVG()
    }
    #expect(
      PlotError.emptySeries(plot: "losses", series: "hinge").description
        == "plot 'losses': series 'hinge' is empty")
  }

  @Test func seriesOfDifferentLengthsAreAnError() {
    #expect(throws: PlotError.mismatchedLengths(plot: "p", series: "a", xs: 2, ys: 3)) {
      try ScatterPlot(title: "p").points("a", xs: [1, 2], ys: [1, 2, 3]).renderSVG()
    }
  }

  @Test func aSeriesWithoutFiniteValuesIsAnError() {
    #expect(throws: PlotError.noFiniteValues(plot: "p", series: "a")) {
      try LinePlot(title: "p").series("a", xs: [1, 2], ys: [.nan, .infinity]).renderSVG()
    }
  }

  @Test func aPlotWithoutSeriesIsAnError() {
    #expect(throws: PlotError.nothingToDraw(plot: "p")) { try LinePlot(title: "p").renderSVG() }
    #expect(throws: PlotError.nothingToDraw(plot: "g")) {
      try PlotGrid(title: "g", panels: []).renderSVG()
    }
    #expect(throws: PlotError.nothingToDraw(plot: "g")) {
      try PlotGrid(title: "g", heatMaps: []).renderSVG()
    }
  }

  @Test func aRaggedOrEmptyHeatMapIsAnError() {
    #expect(throws: PlotError.irregularGrid(plot: "h", detail: "row 1 has 1 values, row 0 has 2")) {
      try HeatMap(title: "h", x: 0...1, y: 0...1, values: [[1, 2], [3]]).renderSVG()
    }
    #expect(throws: PlotError.irregularGrid(plot: "h", detail: "the heat map has no values")) {
      try HeatMap(title: "h", x: 0...1, y: 0...1, values: []).renderSVG()
    }
    #expect(throws: PlotError.noFiniteValues(plot: "h", series: "values")) {
      try HeatMap(title: "h", x: 0...1, y: 0...1, values: [[.nan]]).renderSVG()
    }
  }

  @Test func anEmptyExplicitRangeIsAnError() {
    #expect(throws: PlotError.invalidRange(plot: "p", axis: "y")) {
      try LinePlot(title: "p", yRange: 1...1).series("a", xs: [0, 1], ys: [0, 1]).renderSVG()
    }
  }
}
