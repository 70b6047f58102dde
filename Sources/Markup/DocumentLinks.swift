import Foundation

/// Links between the documents of a site: `[week 2](week2/hw.md)` in the Markdown becomes a link
/// to `week2/hw.html` on the page, since the site holds pages, not Markdown. Applied to cmark's
/// link and image nodes, and to `href="…"` in raw HTML, before the HTML is rendered.
public struct DocumentLinks: Sendable {
  /// The folder of the page's source, relative to the content folder (`week1` for
  /// `week1/hw.md`; empty at the top).
  let folder: String
  /// Every document of the site, relative to the content folder.
  let documents: Set<String>

  /// The links of one document.
  ///
  /// - Parameters:
  ///   - source: the document, relative to the content folder (`week1/hw.md`).
  ///   - documents: every document of the site, relative to the content folder.
  public init(source: String, documents: Set<String>) {
    folder = (source as NSString).deletingLastPathComponent
    self.documents = documents
  }

  /// What becomes of a link's destination.
  enum Resolution: Equatable {
    /// Not a relative link to a `.md` file: left as written.
    case unchanged
    /// A document of the site: the link to its page.
    case page(String)
    /// A relative link to a `.md` file that is not a document of the site.
    case unknown
  }

  /// What becomes of `target`, a link destination as written (percent-encoding and all).
  func resolve(_ target: String) -> Resolution {
    guard target.contains(".md") else { return .unchanged }
    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let path = String(parts[0])
    guard path.hasSuffix(".md"), !path.contains(":"), !path.hasPrefix("/") else {
      return .unchanged
    }
    let decoded = path.removingPercentEncoding ?? path
    let resolved = URL(fileURLWithPath: "/" + folder).appendingPathComponent(decoded)
      .standardizedFileURL.path.dropFirst()
    guard documents.contains(String(resolved)) else { return .unknown }
    let page = String(path.dropLast(3)) + ".html"
    return .page(parts.count > 1 ? page + "#" + parts[1] : page)
  }

  /// Raw HTML with the destination of every `href="…"` resolved, and the destinations that were
  /// links to unknown `.md` files.
  func rewriteAttributes(in html: String) -> (html: String, unknown: [String]) {
    guard html.contains(".md"), html.contains("href=\"") else { return (html, []) }
    var output = ""
    var unknown: [String] = []
    var rest = Substring(html)
    while let start = rest.range(of: "href=\"") {
      output += rest[..<start.upperBound]
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(of: "\"") else { break }
      let target = String(rest[..<end])
      switch resolve(target) {
      case .unchanged: output += target
      case .page(let page): output += page
      case .unknown:
        output += target
        unknown.append(target)
      }
      rest = rest[end...]
    }
    output += rest
    return (output, unknown)
  }
}
