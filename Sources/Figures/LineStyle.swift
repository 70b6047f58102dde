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
