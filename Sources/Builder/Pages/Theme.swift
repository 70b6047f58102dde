import Diagnostics
import Markup

/// The templates and stylesheet a site is built with: the default theme, with whatever the content
/// folder's `_theme/` overrides.
public struct Theme: Sendable {
  /// The files of a theme, named as they are in the default theme's resource folder and in a
  /// content folder's `_theme/`, where each replaces its default one for one.
  public enum File: String, Sendable, CaseIterable {
    /// The template of a document's page.
    case page = "page.html"
    /// The template of the index page.
    case index = "index.html"
    /// The stylesheet, written to the site's `style.css`.
    case stylesheet = "style.css"
  }

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
  ///   - overrides: file name (a `File`'s raw value: `page.html`, `index.html`, `style.css`) to
  ///     contents.
  ///   - folder: the theme folder's display path, for diagnostics.
  /// - Throws: a `Diagnostic` for a template that does not parse.
  public init(overrides: [String: String], folder: String) throws(Diagnostic) {
    func text(_ file: File) -> String { overrides[file.rawValue] ?? DefaultTheme.text(of: file) }
    func path(_ file: File) -> String { ContentFolder.join(folder, file.rawValue) }
    page = try Template(text(.page), path: path(.page))
    index = try Template(text(.index), path: path(.index))
    stylesheet = text(.stylesheet)
  }
}
