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
