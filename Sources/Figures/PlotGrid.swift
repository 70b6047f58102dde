/// Small multiples: line or scatter plots laid out in a grid of panels that share their axes,
/// one legend and one pair of axis labels; a series name keeps its colour in every panel.
///
///     let grid = PlotGrid(title: "Losses and their gradients", columns: 2, panels: [
///       LinePlot(title: "hinge", xLabel: "gap", yLabel: "value")
///         .function("loss", in: -3...3) { max(0, 1 - $0) },
///       LinePlot(title: "log").function("loss", in: -3...3) { log1p(exp(-$0)) },
///     ])
///
/// With shared axes, every panel uses the union of the panels' ranges and only the outer
/// panels show tick labels. Each panel's title labels its panel; the axis labels are taken
/// from the first panel that has them.
public struct PlotGrid: SVGRenderable {
  /// Which axes the panels share.
  public enum SharedAxes: Sendable, Equatable {
    /// Every panel fits its own data and labels its own ticks.
    case none
    /// One x range for all panels; x tick labels only under the bottom panel of each column.
    case x
    /// One y range for all panels; y tick labels only left of the first column.
    case y
    /// Both of the above.
    case both

    var sharesX: Bool { self == .x || self == .both }
    var sharesY: Bool { self == .y || self == .both }
  }

  /// What the grid shows: line and scatter plots, or heat maps; never both.
  enum Content: Sendable {
    /// Line and scatter plots, with one legend.
    case plots([XYChart])
    /// Heat maps, with one colour scale and one colour bar.
    case heatMaps([HeatMap])
  }

  var title: String
  var columns: Int
  var sharing: SharedAxes
  var size: PlotSize?
  var content: Content
  var summary: String?

  /// A grid of `panels` in rows of `columns`, in reading order.
  /// - Parameter size: the whole figure; nil gives 640 wide and 230 per row of panels.
  public init(
    title: String = "", columns: Int = 2, sharing: SharedAxes = .both, size: PlotSize? = nil,
    panels: [any XYPlot]
  ) {
    precondition(columns >= 1, "columns must be at least 1, got \(columns)")
    self.title = title
    self.columns = columns
    self.sharing = sharing
    self.size = size
    self.content = .plots(panels.map(\.chart))
  }

  /// A grid of heat maps in rows of `columns` with one colour scale (the union of their
  /// values, or the first map's `valueRange`) and one colour bar; each map's contour setting
  /// is applied to that shared scale, so equal settings give equal levels. Shared axes assume
  /// the maps cover the same x and y ranges. The axis and value labels are taken from the
  /// first map that has them.
  /// - Parameter size: the whole figure; nil gives 640 wide and 270 per row of maps.
  public init(
    title: String = "", columns: Int = 2, sharing: SharedAxes = .both, size: PlotSize? = nil,
    heatMaps: [HeatMap]
  ) {
    precondition(columns >= 1, "columns must be at least 1, got \(columns)")
    self.title = title
    self.columns = columns
    self.sharing = sharing
    self.size = size
    self.content = .heatMaps(heatMaps)
  }

  /// Replaces the generated `<desc>` with `text`.
  public func summary(_ text: String) -> PlotGrid {
    var copy = self
    copy.summary = text
    return copy
  }

  /// The grid as one `<svg>` element, ids derived from its content.
  public func renderSVG() throws -> String {
    try render(idPrefix: nil)
  }

  /// The same, with ids starting with `idPrefix`.
  public func renderSVG(idPrefix: String) throws -> String {
    try render(idPrefix: idPrefix)
  }

  /// The grid drawn as its content asks: panels with a legend, or maps with a colour bar.
  func render(idPrefix: String?) throws -> String {
    switch content {
    case .plots(let charts): try renderPlots(charts, idPrefix: idPrefix)
    case .heatMaps(let maps): try renderHeatMaps(maps, idPrefix: idPrefix)
    }
  }
}

/// The name of the grid family in prose: a grid of panels sharing axes.
public typealias SmallMultiples = PlotGrid
