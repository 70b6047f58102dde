/// The size of a plot's SVG in user units. On a page the SVG is drawn at this size in CSS
/// pixels (shrunk to the column if narrower), so text at 14 units matches 14 px page text.
public struct PlotSize: Sendable, Equatable {
  /// Width in user units (CSS px at 1:1).
  public var width: Double
  /// Height in user units (CSS px at 1:1).
  public var height: Double

  public init(width: Double, height: Double) {
    precondition(width >= 120 && width.isFinite, "width must be at least 120, got \(width)")
    precondition(height >= 100 && height.isFinite, "height must be at least 100, got \(height)")
    self.width = width
    self.height = height
  }

  /// 640 × 400.
  public static let standard = PlotSize(width: 640, height: 400)
  /// 480 × 320, for plots beside text or in narrow columns.
  public static let compact = PlotSize(width: 480, height: 320)
  /// 640 × 520, for heat maps (square-ish plot area plus a colour bar).
  public static let tall = PlotSize(width: 640, height: 520)
}
