/// A 2-D grid of values over x and y ranges, coloured by a perceptually uniform ramp, with a
/// colour bar and optional contour lines: e.g. an energy surface E(x, y).
///
///     let map = HeatMap(title: "Energy", xLabel: "y₁", yLabel: "y₂", valueLabel: "E",
///                       x: -2...2, y: -2...2, resolution: 200) { a, b in a * a + b * b }
///       .contours(count: 6)
///
/// The grid is drawn as one embedded, compressed palette PNG: a smooth 200 × 200 surface costs
/// about 13 kB of base64 and even noise at most about 55 kB.
public struct HeatMap: SVGRenderable {
  /// How contour levels are chosen.
  enum Contours: Sendable, Equatable {
    case none
    case levels([Double])
    case automatic(Int)
  }

  var title: String
  var xLabel: String
  var yLabel: String
  var valueLabel: String
  var x: ClosedRange<Double>
  var y: ClosedRange<Double>
  /// values[row][column]; row 0 lies at the bottom (y.lowerBound), column 0 at the left.
  var values: [[Double]]
  var size: PlotSize
  var contours: Contours = .none
  var valueRange: ClosedRange<Double>?
  var summary: String?
  /// Points marked over the map, in the order added.
  var marks: [Marks] = []

  /// A set of points drawn over the map as white dots with a dark rim, which stand out on
  /// every colour of the ramp: e.g. the training data under a learned energy surface.
  struct Marks: Sendable, Equatable {
    var name: String
    var xs: [Double]
    var ys: [Double]
  }

  /// A heat map of `values[row][column]`: the grid's cells tile `x` × `y`, row 0 at the bottom
  /// (y.lowerBound) and column 0 at the left; each value is taken at its cell's centre.
  /// NaN and infinite values are left transparent.
  public init(
    title: String = "", xLabel: String = "", yLabel: String = "", valueLabel: String = "",
    x: ClosedRange<Double>, y: ClosedRange<Double>, values: [[Double]],
    size: PlotSize = .tall
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.valueLabel = valueLabel
    self.x = x
    self.y = y
    self.values = values
    self.size = size
  }

  /// A heat map of f(x, y) sampled at the centres of a `resolution` × `resolution` grid.
  public init(
    title: String = "", xLabel: String = "", yLabel: String = "", valueLabel: String = "",
    x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 100,
    size: PlotSize = .tall, _ f: (Double, Double) throws -> Double
  ) rethrows {
    precondition(resolution >= 2, "resolution must be at least 2, got \(resolution)")
    let dx = (x.upperBound - x.lowerBound) / Double(resolution)
    let dy = (y.upperBound - y.lowerBound) / Double(resolution)
    let values = try (0..<resolution).map { j in
      let yj = y.lowerBound + (Double(j) + 0.5) * dy
      return try (0..<resolution).map { i in try f(x.lowerBound + (Double(i) + 0.5) * dx, yj) }
    }
    self.init(
      title: title, xLabel: xLabel, yLabel: yLabel, valueLabel: valueLabel, x: x, y: y,
      values: values, size: size)
  }

  /// Draws contour lines at the given values (levels outside the data draw nothing).
  public func contours(_ levels: [Double]) -> HeatMap {
    var copy = self
    copy.contours = .levels(levels.filter(\.isFinite).sorted())
    return copy
  }

  /// Draws contour lines at about `count` nice (1-2-5) levels strictly inside the value range.
  public func contours(count: Int = 6) -> HeatMap {
    precondition(count >= 1, "count must be at least 1, got \(count)")
    var copy = self
    copy.contours = .automatic(count)
    return copy
  }

  /// Marks the points (xs[i], ys[i]) over the map as white dots with a dark rim, e.g. the
  /// training pairs (xᵢ, yᵢ) under an energy F(x, y). Points outside the map's ranges, or with a
  /// NaN or infinite coordinate, are not drawn; `name` is used in the description.
  public func points(_ name: String = "", xs: [Double], ys: [Double]) -> HeatMap {
    var copy = self
    copy.marks.append(Marks(name: name, xs: xs, ys: ys))
    return copy
  }

  /// Fixes the values mapped to the ends of the colour ramp (values outside are clamped).
  public func valueRange(_ range: ClosedRange<Double>) -> HeatMap {
    var copy = self
    copy.valueRange = range
    return copy
  }

  /// Replaces the generated `<desc>` with `text`.
  public func summary(_ text: String) -> HeatMap {
    var copy = self
    copy.summary = text
    return copy
  }

  /// The heat map as one `<svg>` element, ids derived from its content.
  public func renderSVG() throws -> String { try render(idPrefix: nil) }

  /// The same, with ids starting with `idPrefix`.
  public func renderSVG(idPrefix: String) throws -> String { try render(idPrefix: idPrefix) }

  /// The grid's size and value extent, or the reason it cannot be drawn.
  func validated() throws -> (columns: Int, rows: Int, extent: ClosedRange<Double>) {
    let name = title
    guard let columns = values.first?.count, columns > 0 else {
      throw PlotError.irregularGrid(plot: name, detail: "the heat map has no values")
    }
    for (j, row) in values.enumerated() where row.count != columns {
      throw PlotError.irregularGrid(
        plot: name, detail: "row \(j) has \(row.count) values, row 0 has \(columns)")
    }
    for (range, axis) in [(x, "x"), (y, "y")] {
      guard
        range.lowerBound.isFinite && range.upperBound.isFinite
          && range.lowerBound < range.upperBound
      else { throw PlotError.invalidRange(plot: name, axis: axis) }
    }
    if let valueRange,
      !(valueRange.lowerBound.isFinite && valueRange.upperBound.isFinite
        && valueRange.lowerBound < valueRange.upperBound)
    {
      throw PlotError.invalidRange(plot: name, axis: "value")
    }
    for mark in marks where mark.xs.count != mark.ys.count {
      throw PlotError.mismatchedLengths(
        plot: name, series: mark.name, xs: mark.xs.count, ys: mark.ys.count)
    }
    guard let extent = AxisRange.extent(of: values.joined()) else {
      throw PlotError.noFiniteValues(plot: name, series: "values")
    }
    return (columns, values.count, extent)
  }

  /// The contour levels to draw for values spanning `range`.
  func contourLevels(_ range: ClosedRange<Double>) -> [Double] {
    switch contours {
    case .none: return []
    case .levels(let levels): return levels
    case .automatic(let count):
      return NiceTicks.ticks(in: range, target: count + 1).filter {
        $0 > range.lowerBound && $0 < range.upperBound
      }
    }
  }
}
