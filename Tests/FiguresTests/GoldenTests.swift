import Figures
import Testing

@Suite("Golden SVG files")
struct GoldenTests {
  @Test func aLinePlotOfThreeLossesMatchesItsGoldenFile() throws {
    try Golden.check(Samples.lossPlot().renderSVG(), case: "figure-line")
  }

  @Test func nonFiniteValuesLeaveGapsAsInTheGoldenFile() throws {
    try Golden.check(Samples.gapPlot().renderSVG(), case: "figure-nan-gaps")
  }

  @Test func aScatterPlotMatchesItsGoldenFile() throws {
    try Golden.check(Samples.scatter().renderSVG(), case: "figure-scatter")
  }
}

extension GoldenTests {
  @Test func aHeatMapWithContoursMatchesItsGoldenFile() throws {
    try Golden.check(Samples.energySurface().renderSVG(), case: "figure-heatmap")
  }

  @Test func smallMultiplesMatchTheirGoldenFile() throws {
    try Golden.check(Samples.lossGrid().renderSVG(), case: "figure-small-multiples")
  }
}

extension GoldenTests {
  @Test func aLogarithmicAxisMatchesItsGoldenFile() throws {
    try Golden.check(Samples.logPlot().renderSVG(), case: "figure-log-axis")
  }
}

extension GoldenTests {
  @Test func heatMapSmallMultiplesShareOneColourBarAsInTheGoldenFile() throws {
    try Golden.check(Samples.surfaceGrid().renderSVG(), case: "figure-heatmap-grid")
  }
}
