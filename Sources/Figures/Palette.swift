/// The series colours: Okabe & Ito's colour-blind-safe set, adjusted per theme so that every
/// colour has at least 3:1 contrast (WCAG non-text contrast) against the background: darker
/// variants on a white page, lighter ones on a dark page (checked against #1b1b1f).
enum Palette {
  /// Light theme (contrast against white in parentheses): blue (5.2), vermillion (3.9),
  /// bluish green (3.4), reddish purple (3.1), dark orange (4.4), olive (4.4),
  /// sky blue (4.0), dark grey (9.7).
  static let light = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#A86A00", "#857A00", "#2F85BF", "#444444",
  ]
  /// Dark theme, same hues in the same order (contrast against #1b1b1f): 7.4, 7.0, 8.1, 8.0,
  /// 9.5, 13.0, 11.1, 12.6.
  static let dark = [
    "#56B4E9", "#F08C4A", "#3CC8A0", "#E39BC8", "#F0B840", "#F0E442", "#9ED8F5", "#DDDDDD",
  ]

  /// The fallback (light theme) colour of series `index` (0-based, cycling after 8).
  static func fallback(_ index: Int) -> String { light[index % light.count] }

  /// The CSS class of series `index`: "s1"…"s8".
  static func seriesClass(_ index: Int) -> String { "s\(index % light.count + 1)" }

  static let textLight = "#222222"
  static let textDark = "#E6E6E6"
  static let axisLight = "#555555"
  static let axisDark = "#A0A0A0"
  static let gridLight = "#E3E3E3"
  static let gridDark = "#3A3A3E"
}
