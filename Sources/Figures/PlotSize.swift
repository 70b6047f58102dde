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

/// How a line is stroked.
public enum LineStyle: Sendable, Equatable {
  /// Solid, dashed, dotted, dash-dot in turn by series, so series differ without colour too.
  case automatic
  /// An unbroken line.
  case solid
  /// Dashes 6 units long with 5-unit gaps.
  case dashed
  /// Round dots 4.5 units apart.
  case dotted
  /// Alternating dashes and dots.
  case dashDot

  func resolved(index: Int) -> LineStyle {
    guard self == .automatic else { return self }
    return [.solid, .dashed, .dotted, .dashDot][index % 4]
  }

  /// The `stroke-dasharray` for a 2-unit-wide line with round caps, or nil when solid.
  var dashArray: String? {
    switch self {
    case .automatic, .solid: return nil
    case .dashed: return "6 5"
    case .dotted: return "0 4.5"
    case .dashDot: return "8 4.5 0 4.5"
    }
  }
}

/// The shape that marks each point of a scatter series.
public enum Marker: Sendable, Equatable {
  /// Circle, square, diamond, triangle in turn by series.
  case automatic
  /// A filled disc 7 units across.
  case circle
  /// A filled square 7 units across.
  case square
  /// A filled diamond 9 units tall.
  case diamond
  /// A filled triangle, point up, 9 units wide.
  case triangle

  func resolved(index: Int) -> Marker {
    guard self == .automatic else { return self }
    return [.circle, .square, .diamond, .triangle][index % 4]
  }
}
