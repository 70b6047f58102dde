/// Styles that parts of the page bring with them (math, verification results, figures), added
/// to the default stylesheet.
enum PageStyles {
  static var all: String { "" }
}
