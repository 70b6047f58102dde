/// Anything that can be drawn as a standalone SVG element.
public protocol SVGRenderable: Sendable {
  /// The plot as one `<svg>` element (no XML prolog; it is meant to be inlined in an HTML5
  /// page), with `role="img"`, `<title>` and `<desc>`; deterministic to the byte. Element ids
  /// start with a prefix derived from the content (FNV-1a), so two different plots on a page
  /// never clash.
  /// - Throws: `PlotError`, e.g. for an empty series.
  func renderSVG() throws -> String

  /// The same, with element ids starting with `idPrefix` (e.g. the figure's id on the page);
  /// use it when one page may show the same plot twice.
  func renderSVG(idPrefix: String) throws -> String
}
