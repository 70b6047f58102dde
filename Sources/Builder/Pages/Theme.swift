import Diagnostics
import Markup

/// The templates and stylesheet a site is built with: the default theme, with whatever the content
/// folder's `_theme/` overrides.
public struct Theme: Sendable {
  /// The template of a document's page.
  public var page: Template
  /// The template of the index page.
  public var index: Template
  /// The stylesheet, written to `style.css`.
  public var stylesheet: String

  /// The default theme.
  public static let standard = try! Theme(overrides: [:], folder: "")

  /// The default theme with the given files in its place.
  ///
  /// - Parameters:
  ///   - overrides: file name (`page.html`, `index.html`, `style.css`) to contents.
  ///   - folder: the theme folder's display path, for diagnostics.
  /// - Throws: a `Diagnostic` for a template that does not parse.
  public init(overrides: [String: String], folder: String) throws(Diagnostic) {
    page = try Template(
      overrides["page.html"] ?? DefaultTheme.page, path: ContentFolder.join(folder, "page.html"))
    index = try Template(
      overrides["index.html"] ?? DefaultTheme.index, path: ContentFolder.join(folder, "index.html"))
    stylesheet = overrides["style.css"] ?? Self.defaultStylesheet
  }

  /// The built-in stylesheet with the styles of every part of the page that needs them.
  static var defaultStylesheet: String {
    DefaultTheme.stylesheet + PageStyles.all
  }
}
