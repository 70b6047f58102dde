import Foundation

/// Links between the site's documents: `[week 2](week2/hw.md)` in the Markdown becomes a link to
/// `week2/hw.html` on the page, since the site holds pages, not Markdown.
enum DocumentLinks {
  /// The page HTML with every relative link to a document of the site pointed at its page, and
  /// the links to `.md` files that are not documents of the site.
  ///
  /// - Parameters:
  ///   - html: a page body.
  ///   - source: the page's source, relative to the content folder (`week1/hw.md`).
  ///   - documents: every document of the site, relative to the content folder.
  static func rewrite(_ html: String, source: String, documents: Set<String>)
    -> (html: String, unknown: [String])
  {
    guard html.contains(".md") else { return (html, []) }
    let folder = (source as NSString).deletingLastPathComponent
    var output = ""
    var unknown: [String] = []
    var rest = Substring(html)
    while let start = rest.range(of: "href=\"") {
      output += rest[..<start.upperBound]
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(of: "\"") else { break }
      let target = String(rest[..<end])
      output += rewritten(target, folder: folder, documents: documents, unknown: &unknown)
      rest = rest[end...]
    }
    output += rest
    return (output, unknown)
  }

  private static func rewritten(
    _ target: String, folder: String, documents: Set<String>, unknown: inout [String]
  ) -> String {
    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let path = String(parts[0])
    guard path.hasSuffix(".md"), !path.contains(":"), !path.hasPrefix("/") else { return target }
    let decoded = path.removingPercentEncoding ?? path
    let resolved = URL(fileURLWithPath: "/" + folder).appendingPathComponent(decoded)
      .standardizedFileURL.path.dropFirst()
    guard documents.contains(String(resolved)) else {
      unknown.append(target)
      return target
    }
    let page = String(path.dropLast(3)) + ".html"
    return parts.count > 1 ? page + "#" + parts[1] : page
  }
}
