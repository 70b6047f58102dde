import Foundation
import Testing

@testable import Figures

@Suite("Heat maps")
struct HeatMapTests {
  static func surface(_ n: Int) -> HeatMap {
    HeatMap(title: "E", x: -2...2, y: -2...2, resolution: n) { a, b in
      sin(3 * a) * cos(2 * b) + 0.1 * a * b
    }.contours(count: 8)
  }

  @Test func aTwoHundredSquareHeatMapStaysWellUnderOneMegabyte() throws {
    let svg = try Self.surface(200).renderSVG()
    let bytes = svg.utf8.count
    #expect(bytes < 100_000, "200 × 200 heat map is \(bytes) bytes")
    #expect(XMLProbe.parse(svg).error == nil)
  }

  @Test func missingValuesAreCountedInTheDescription() throws {
    let values: [[Double]] = [[0, 1, .nan], [1, 2, 3]]
    let svg = try HeatMap(title: "h", x: 0...3, y: 0...2, values: values).renderSVG()
    #expect(svg.contains("Values range from 0 to 3. 1 cells have no value."))
    #expect(svg.contains("image-rendering:pixelated"), "a small grid is drawn with sharp cells")
  }

  @Test func automaticContourLevelsAreNiceValuesInsideTheRange() {
    let map = HeatMap(x: 0...1, y: 0...1, values: [[0, 1], [2, 3]]).contours(count: 3)
    #expect(map.contourLevels(0...3) == [1, 2])
    #expect(map.contours([2, .nan, 1]).contourLevels(0...3) == [1, 2])
  }

  @Test func theColourRampRunsFromDarkVioletToYellow() {
    #expect(ColorRamp.rgb(0) == (68, 1, 84))
    #expect(ColorRamp.rgb(1) == (253, 231, 37))
    #expect(ColorRamp.palette.count == 256)
    // Lightness rises monotonically (relative luminance of each entry).
    let luminance = ColorRamp.palette.prefix(ColorRamp.levels).map { c in
      0.2126 * Double(c.0) + 0.7152 * Double(c.1) + 0.0722 * Double(c.2)
    }
    #expect(zip(luminance, luminance.dropFirst()).allSatisfy { $0 <= $1 + 0.5 })
  }

  @Test func valuesMapToPaletteIndicesAndNonFiniteToTransparent() {
    #expect(ColorRamp.index(0, lo: 0, scale: 254) == 0)
    #expect(ColorRamp.index(1, lo: 0, scale: 254) == 254)
    #expect(ColorRamp.index(7, lo: 0, scale: 254) == 254)
    #expect(ColorRamp.index(.nan, lo: 0, scale: 254) == 255)
  }
}

@Suite("PNG encoding")
struct PNGEncoderTests {
  @Test func checksumsMatchTheirStandardTestValues() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
  }

  @Test func storedBlocksSplitAt65535Bytes() {
    let data = [UInt8](repeating: 7, count: 70_000)
    let z = PNGEncoder.zlibStored(data)
    #expect(z.count == 2 + 5 + 65535 + 5 + (70_000 - 65535) + 4)
    #expect(z[2] == 0 && z[2 + 5 + 65535] == 1, "only the last block is final")
  }

  /// Bytes checked by inflating them with Python's zlib when the encoder was written.
  @Test func deflateOfRepeatedTextMatchesAStreamZlibInflates() {
    let text = Array("abcabcabcabcabcd hello hello hello world".utf8)
    #expect(
      PNGEncoder.zlib(text) == [
        0x78, 0x01, 0x4B, 0x4C, 0x4A, 0x46, 0x46, 0x29, 0x0A, 0x19, 0xA9, 0x39, 0x39, 0xF9, 0x28,
        0x64, 0x79, 0x7E, 0x51, 0x4E, 0x0A, 0x00, 0x32, 0xD5, 0x0F, 0x07,
      ])
  }

  @Test func longRunsCompressAndNoiseFallsBackToStoredBlocks() {
    #expect(PNGEncoder.zlib([UInt8](repeating: 0, count: 70_000)).count < 1_000)
    var state: UInt64 = 1
    let noise = (0..<10_000).map { _ -> UInt8 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(state >> 56)
    }
    #expect(PNGEncoder.zlib(noise) == PNGEncoder.zlibStored(noise))
  }

  @Test func aPaletteImageHasTheExpectedChunks() {
    let png = PNGEncoder.palettePNG(
      width: 2, height: 1, indices: [0, 1], palette: [(0, 0, 0), (255, 255, 255)],
      transparentIndex: 1)
    let text = String(decoding: png, as: UTF8.self)
    #expect(png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    for chunk in ["IHDR", "PLTE", "tRNS", "IDAT", "IEND"] { #expect(text.contains(chunk)) }
  }

  @Test func base64MatchesTheRFCExamples() {
    for (input, output) in [("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")]
    {
      var w = SVGWriter()
      Base64.append(Array(input.utf8), to: &w)
      #expect(w.string == output)
    }
  }
}

@Suite("Marching squares")
struct MarchingSquaresTests {
  @Test func aConeGivesOneClosedLoopAtEachLevel() {
    let n = 21
    let z = (0..<n).map { j in
      (0..<n).map { i in hypot(Double(i - 10), Double(j - 10)) }
    }
    let lines = MarchingSquares.contour(z, level: 5)
    #expect(lines.count == 1)
    let loop = lines[0]
    #expect(loop.first == loop.last, "the loop is closed")
    for p in loop { #expect(abs(hypot(p.x - 10, p.y - 10) - 5) < 0.2) }
  }

  @Test func aRampGivesOneStraightLineAcrossTheGrid() {
    let z = (0..<4).map { _ in (0..<5).map { Double($0) } }
    let lines = MarchingSquares.contour(z, level: 2.5)
    #expect(lines.count == 1)
    #expect(lines[0].count == 4)
    #expect(lines[0].allSatisfy { $0.x == 2.5 })
  }

  @Test func cellsWithMissingCornersDrawNothing() {
    let z: [[Double]] = [[0, .nan], [1, 2]]
    #expect(MarchingSquares.contour(z, level: 0.5).isEmpty)
  }

  @Test func aSaddleIsSplitByTheMeanOfItsCorners() {
    let high: [[Double]] = [[1, 0], [0, 1]]
    let lines = MarchingSquares.contour(high, level: 0.4)  // mean 0.5 ≥ level: high corners join
    #expect(lines.count == 2)
    let cutOff = lines.map { line in line.map { ($0.x + $0.y) } }
    #expect(cutOff.allSatisfy { $0.allSatisfy { abs($0 - 1) < 0.7 } })
  }
}

@Suite("Small multiples")
struct PlotGridTests {
  @Test func sharedAxesShowTickLabelsOnTheOuterPanelsOnly() throws {
    let svg = try Samples.lossGrid().renderSVG()
    let (probe, error) = XMLProbe.parse(svg)
    #expect(error == nil)
    // 4 panels sharing both axes: x labels on the bottom row (2 groups), y on the left (2).
    let groups = probe.attributes.filter { $0["font-size"] == "13" && $0["text-anchor"] != nil }
    #expect(groups.filter { $0["text-anchor"] == "middle" }.count == 2)
    #expect(groups.filter { $0["text-anchor"] == "end" }.count == 2)
  }

  @Test func aSeriesNameKeepsItsColourInEveryPanel() throws {
    let a = LinePlot(title: "a").series("x", xs: [0, 1], ys: [0, 1]).series(
      "y", xs: [0, 1], ys: [1, 0])
    let b = LinePlot(title: "b").series("y", xs: [0, 1], ys: [0, 1])
    let svg = try PlotGrid(columns: 2, panels: [a, b]).renderSVG()
    // "y" is the second name seen, so it is series colour 2 in both panels (and the legend).
    #expect(svg.components(separatedBy: "class=\"s2\"").count - 1 == 3)
  }
}

@Suite("Heat map points and narrow axes")
struct HeatMapPointsTests {
  static let map = HeatMap(
    title: "E", xLabel: "x", yLabel: "y", x: -2...2, y: -2...2, values: [[0, 1], [2, 3]])

  @Test func markedPointsInsideTheMapAreDrawnAndNamedInTheDescription() throws {
    let svg = try Self.map.points("data", xs: [-1, 0, 5], ys: [1, 0, 0]).renderSVG()
    #expect(svg.contains("Values range from 0 to 3. 3 points marked (data).</desc>"))
    let paths = svg.components(separatedBy: "<path class=\"points\"").dropFirst()
    #expect(paths.count == 2, "a dark rim under a white dot")
    for path in paths {
      let d = path.components(separatedBy: "d=\"")[1].prefix { $0 != "\"" }
      #expect(d.components(separatedBy: "h0").count - 1 == 2, "the point at x = 5 is outside")
    }
  }

  @Test func pointsWithMismatchedCoordinatesCannotBeDrawn() {
    #expect(throws: PlotError.mismatchedLengths(plot: "E", series: "data", xs: 2, ys: 1)) {
      try Self.map.points("data", xs: [0, 1], ys: [0]).renderSVG()
    }
  }

  @Test func aGridOfMapsNamesThePointsOfEachMap() throws {
    let marked = HeatMap(x: -2...2, y: -2...2, values: [[0, 1], [2, 3]]).points(xs: [0], ys: [0])
    let grid = PlotGrid(heatMaps: [Self.map, marked])
    #expect(try grid.renderSVG().contains("from 0 to 3. In map 2: 1 points marked.</desc>"))
  }

  @Test func aNarrowAxisStillShowsAtLeastTwoTicks() {
    // A coarse step of 5 would leave 0 alone on −4…4.
    #expect(NiceTicks.ticks(in: -4...4, target: 2) == [0])
    #expect(Axis(range: -4...4, target: 2).ticks == [-4, -2, 0, 2, 4])
    #expect(Axis(range: 0...1, target: 5).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
  }
}
