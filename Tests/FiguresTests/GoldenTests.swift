import Figures
import TestSupport
import Testing

@Suite("Golden SVG files")
struct GoldenTests {
  @Test func aLinePlotOfThreeLossesMatchesItsGoldenFile() throws {
    try Golden.check(Samples.lossPlot().renderSVG(), "figure-line/expected.svg")
  }

  @Test func nonFiniteValuesLeaveGapsAsInTheGoldenFile() throws {
    try Golden.check(Samples.gapPlot().renderSVG(), "figure-nan-gaps/expected.svg")
  }

  @Test func aScatterPlotMatchesItsGoldenFile() throws {
    try Golden.check(Samples.scatter().renderSVG(), "figure-scatter/expected.svg")
  }
}

extension GoldenTests {
  @Test func aHeatMapWithContoursMatchesItsGoldenFile() throws {
    try Golden.check(Samples.energySurface().renderSVG(), "figure-heatmap/expected.svg")
  }

  @Test func smallMultiplesMatchTheirGoldenFile() throws {
    try Golden.check(Samples.lossGrid().renderSVG(), "figure-small-multiples/expected.svg")
  }
}

extension GoldenTests {
  @Test func aLogarithmicAxisMatchesItsGoldenFile() throws {
    try Golden.check(Samples.logPlot().renderSVG(), "figure-log-axis/expected.svg")
  }
}

extension GoldenTests {
  @Test func heatMapSmallMultiplesShareOneColourBarAsInTheGoldenFile() throws {
    try Golden.check(Samples.surfaceGrid().renderSVG(), "figure-heatmap-grid/expected.svg")
  }
}
