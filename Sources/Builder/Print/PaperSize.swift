/// The paper a PDF is printed on.
public enum PaperSize: String, Sendable, CaseIterable {
  case a4
  case letter

  /// The CSS `@page` size.
  var css: String {
    switch self {
    case .a4: return "A4"
    case .letter: return "letter"
    }
  }

  /// The page's width in PostScript points (1/72 in): 595.28 for A4 (210 mm), 612 for Letter
  /// (8.5 in).
  public var widthInPoints: Double {
    switch self {
    case .a4: return 210 / 25.4 * 72
    case .letter: return 8.5 * 72
    }
  }
}
