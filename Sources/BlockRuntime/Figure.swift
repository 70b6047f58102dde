import BlockRecords
import Diagnostics
import Figures
import Synchronization

/// How many figures the runner has drawn, for ids of figures that have none.
private let figuresDrawn = Atomic<Int>(0)

/// Puts a plot on the page as a numbered figure with a caption, drawn as inline SVG.
///
/// - Parameters:
///   - plot: any plot (`LinePlot`, `ScatterPlot`, `HeatMap`, `PlotGrid`).
///   - caption: the caption, after "Figure N." (figures are numbered per page).
///   - id: the figure's id on the page, for links (`[see the figure](#fig-losses)`); letters,
///     digits, `-` and `_`. Without one, the figure is `figure-N`.
/// A plot that cannot be drawn (an empty series, say) is recorded as a failed check at this line.
public func figure(
  _ plot: some SVGRenderable, caption: String, id: String? = nil,
  file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) {
  let session = RunnerSession.shared
  let location = FileLocation(path: "\(file)", line: Int(line), column: Int(column))
  let block = session.currentBlock
  let figureNumber = figuresDrawn.add(1, ordering: .relaxed).newValue
  let prefix = id ?? "b\(block)f\(figureNumber)"
  do {
    let svg = try plot.renderSVG(idPrefix: prefix)
    session.append(
      .figure(
        FigureRecord(block: block, id: id ?? "", caption: caption, svg: svg, location: location)))
  } catch {
    session.append(
      .check(
        CheckRecord(
          block: block, kind: .condition, label: "figure: \(caption)", passed: false,
          note: "the plot cannot be drawn: \(error)", location: location)))
  }
}
