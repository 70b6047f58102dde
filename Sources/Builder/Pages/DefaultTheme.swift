/// The look of a site when the content folder brings none of its own: the files of this module's
/// `Resources/theme/` folder, which `hw` ships beside itself. A site replaces any of them with a
/// file of the same name in `Content/_theme/`, no recompiling needed.
public enum DefaultTheme {
  /// The template of a document's page (`page.html`).
  public static let page = load(.page)
  /// The template of the site's index page (`index.html`).
  public static let index = load(.index)
  /// The stylesheet (`style.css`): light and dark, readable on a phone, a print layout, and the
  /// styles of the math (as `MathStyle.css` has them), the figures (`PlotStyle.css`), the boxes of
  /// formulas that did not convert and the verify blocks.
  public static let stylesheet = load(.stylesheet)

  /// The text of one of the files.
  public static func text(of file: Theme.File) -> String {
    switch file {
    case .page: return page
    case .index: return index
    case .stylesheet: return stylesheet
    }
  }

  private static func load(_ file: Theme.File) -> String {
    guard let data = SiteResources.contents(of: "theme/" + file.rawValue) else {
      preconditionFailure(
        "the default theme's \(file.rawValue) is missing from \(SiteResources.folder.path) "
          + "(rebuild hw with swift build)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
