import Testing

@testable import Figures

@Suite("Nice ticks")
struct NiceTicksTests {
  @Test(
    arguments: [
      (0.0...1.0, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
      (-3.24...3.24, 6, [-3.0, -2, -1, 0, 1, 2, 3]),
      (0.0...100.0, 4, [0.0, 20, 40, 60, 80, 100]),
      (-0.16...4.16, 5, [0.0, 1, 2, 3, 4]),
      (0.001...0.0093, 4, [0.002, 0.004, 0.006, 0.008]),
      (1.0...1.0, 5, [1.0]),
      (-7.0...(-2.0), 5, [-7.0, -6, -5, -4, -3, -2]),
      (0.1...0.4, 3, [0.1, 0.2, 0.3, 0.4]),
      (12.0...987.0, 5, [200.0, 400, 600, 800]),
    ] as [(ClosedRange<Double>, Int, [Double])])
  func ticksAreMultiplesOfOneTwoOrFiveTimesAPowerOfTen(
    range: ClosedRange<Double>, target: Int, expected: [Double]
  ) {
    #expect(NiceTicks.ticks(in: range, target: target) == expected)
  }

  @Test(
    arguments: [
      (1.0, 1, 1.0), (10.0, 5, 2.0), (7.0, 1, 5.0), (7.1, 1, 10.0), (0.35, 5, 0.05),
      (3.0, 1, 2.0), (3.2, 1, 5.0), (1234.0, 4, 200.0), (1.45, 1, 2.0),
    ] as [(Double, Int, Double)])
  func theStepIsTheNiceNumberNearestTheRawStep(span: Double, target: Int, step: Double) {
    #expect(NiceTicks.step(span: span, target: target) == step)
  }

  @Test func ticksAreExactDecimalsWithoutRoundingNoise() {
    let ticks = NiceTicks.ticks(in: 0...1, target: 10)
    #expect(ticks[3] == 0.3)
    #expect(ticks[7] == 0.7)
  }

  @Test func paddingWidensTheDataRangeByFourPercentOnEachSide() {
    #expect(AxisRange.padded(0...100) == -4...104)
    #expect(AxisRange.padded(5...5) == 4.5...5.5)
    #expect(AxisRange.padded(0...0) == -1...1)
  }

  @Test(
    arguments: [
      (0.0, 2, "0"), (-0.0001, 2, "0"), (-0.004, 2, "0"), (1.005, 1, "1"), (-1.25, 1, "-1.3"),
      (12.5, 0, "13"), (3.10, 2, "3.1"), (-7.0, 2, "-7"), (0.05, 1, "0.1"),
      (123456.789, 2, "123456.79"),
      (.nan, 2, "0"),
    ] as [(Double, Int, String)])
  func numbersUseFixedDecimalsAndNeverMinusZero(value: Double, decimals: Int, text: String) {
    #expect(Fixed.format(value, decimals: decimals) == text)
  }

  @Test func tickLabelsShareTheirDecimalsAndUseATrueMinusSign() {
    let axis = Axis(range: -1...1, target: 4)
    #expect(axis.labels == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"])
  }

  @Test func hugeAndTinyTickLabelsUsePowersOfTen() {
    #expect(Axis(range: 0...3e6, target: 3).labels == ["0", "1×10⁶", "2×10⁶", "3×10⁶"])
    #expect(Axis(range: 0...3e-6, target: 3).labels.last == "3×10⁻⁶")
  }
}

@Suite("Logarithmic axes")
struct LogAxisTests {
  @Test(
    arguments: [
      (-3.0...2.0, 5, ["0.001", "0.01", "0.1", "1", "10", "100"]),
      (-0.2...1.1, 5, ["1", "2", "5", "10"]),
      (-12.0...0.0, 5, ["10⁻¹²", "10⁻¹⁰", "10⁻⁸", "10⁻⁶", "10⁻⁴", "0.01", "1"]),
      (0.0...0.2, 4, ["1.0", "1.2", "1.4"]),
    ] as [(ClosedRange<Double>, Int, [String])])
  func logTicksAreDecadesOrOneTwoFiveWithinThem(
    decades: ClosedRange<Double>, target: Int, labels: [String]
  ) {
    #expect(Axis(range: decades, target: target, scale: .log).labels == labels)
  }

  @Test func valuesAtOrBelowZeroLeaveGapsOnALogAxis() throws {
    let svg = try LinePlot(title: "loss")
      .series("loss", xs: [1, 2, 3, 4], ys: [100, 0, 1, 0.01])
      .yScale(.log).renderSVG()
    #expect(svg.contains("on a logarithmic axis"))
    let line = try #require(
      svg.split(separator: "\n").first { $0.contains("class=\"s1\"") && $0.contains("L") })
    #expect(line.filter { $0 == "M" }.count == 2, "the zero breaks the line")
  }

  @Test func aLogRangeMustBePositive() {
    #expect(throws: PlotError.invalidRange(plot: "p", axis: "y")) {
      try LinePlot(title: "p").series("a", xs: [1, 2], ys: [1, 2]).yRange(0...10).yScale(.log)
        .renderSVG()
    }
  }
}
