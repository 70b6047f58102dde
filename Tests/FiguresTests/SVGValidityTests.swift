import Foundation
import Testing

@testable import Figures

@Suite("SVG validity")
struct SVGValidityTests {
  static let plots: [(String, any SVGRenderable)] = [
    ("line", Samples.lossPlot()), ("gaps", Samples.gapPlot()), ("scatter", Samples.scatter()),
    ("heat map", Samples.energySurface()), ("grid", Samples.lossGrid()),
    ("heat map grid", Samples.surfaceGrid()), ("log axis", Samples.logPlot()),
  ]

  @Test(arguments: plots.map(\.0))
  func everyPlotKindIsWellFormedXML(kind: String) throws {
    let svg = try Self.plots.first { $0.0 == kind }!.1.renderSVG()
    let (probe, error) = XMLProbe.parse(svg)
    #expect(error == nil)
    #expect(probe.elements.first == "svg")
  }

  @Test(arguments: plots.map(\.0))
  func everyPlotKindHasARoleATitleAndADescription(kind: String) throws {
    let svg = try Self.plots.first { $0.0 == kind }!.1.renderSVG()
    let (probe, _) = XMLProbe.parse(svg)
    let root = try #require(probe.attributes.first)
    #expect(root["role"] == "img")
    #expect(probe.elements.dropFirst().prefix(2) == ["title", "desc"])
    let ids = root["aria-labelledby"]?.split(separator: " ").map(String.init) ?? []
    let declared = probe.attributes.compactMap { $0["id"] }
    #expect(ids.count == 2 && ids.allSatisfy(declared.contains))
    #expect(!(probe.texts["desc"] ?? "").isEmpty)
    #expect(Set(declared).count == declared.count, "ids are unique")
  }

  @Test func renderingTwiceGivesTheSameBytes() throws {
    for (_, plot) in Self.plots {
      #expect(try plot.renderSVG() == plot.renderSVG())
    }
  }

  @Test func differentPlotsGetDifferentIdsAndAnExplicitPrefixIsUsed() throws {
    let a = try Samples.lossPlot().renderSVG()
    let b = try Samples.gapPlot().renderSVG()
    let idOf = { (svg: String) in XMLProbe.parse(svg).probe.attributes[1]["id"] }
    #expect(idOf(a) != idOf(b))
    let named = try Samples.lossPlot().renderSVG(idPrefix: "fig-losses")
    #expect(idOf(named) == "fig-losses-title")
    #expect(named.contains("clip-path=\"url(#fig-losses-clip)\""))
  }

  @Test func textIsEscaped() throws {
    let svg = try LinePlot(title: "a < b & \"c\"\u{1}")
      .series("x>y", xs: [0, 1], ys: [0, 1]).renderSVG()
    #expect(svg.contains("a &lt; b &amp; &quot;c&quot;</title>"))
    #expect(svg.contains(">x&gt;y</text>"))
    #expect(XMLProbe.parse(svg).error == nil)
  }

  @Test func colouredElementsCarryAClassAndAFallbackColour() throws {
    let svg = try Samples.lossPlot().renderSVG()
    #expect(svg.contains("class=\"s1\" stroke=\"#0072B2\""))
    #expect(svg.contains("class=\"s2\" stroke=\"#D55E00\""))
    #expect(!svg.contains("var("), "var() is not valid in presentation attributes")
    #expect(PlotStyle.css.contains(".hw-plot .s1 { stroke: var(--plot-series-1); }"))
    #expect(PlotStyle.css.contains("@media (prefers-color-scheme: dark)"))
    #expect(PlotStyle.css.contains("@media print"))
  }
}

extension SVGValidityTests {
  @Test(arguments: [
    ("fig-losses", "fig-losses"), ("fig:loss 1", "fig-loss-1"), ("1st", "p1st"), ("", "p"),
    ("β-plot", "p--plot"),
  ])
  func idPrefixesAreMadeSafeForIdsAndURLs(given: String, used: String) {
    #expect(SVGDocument.sanitized(given) == used)
  }
}

extension SVGValidityTests {
  @Test func aTitleTooWideForThePlotIsSetSmaller() throws {
    let long = String(repeating: "a long title ", count: 6)
    let svg = try LinePlot(title: long, size: .compact).series("s", xs: [0, 1], ys: [0, 1])
      .renderSVG()
    let (probe, _) = XMLProbe.parse(svg)
    let title = try #require(probe.attributes.first { $0["font-weight"] == "600" })
    let size = try #require(Double(title["font-size"] ?? "17"))
    #expect(size < SVGDocument.titleFontSize && size >= 12)
  }
}
