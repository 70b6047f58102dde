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
  /// links to unknown `.md` files. One pass over the bytes, however many links the HTML holds.
  func rewriteAttributes(in html: String) -> (html: String, unknown: [String]) {
    let bytes = Array(html.utf8)
    guard ByteSearch.firstIndex(of: Self.hrefOpen, in: bytes, from: 0) != nil,
      ByteSearch.firstIndex(of: Self.markdownSuffix, in: bytes, from: 0) != nil
    else { return (html, []) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var unknown: [String] = []
    var copied = 0
    while let start = ByteSearch.firstIndex(of: Self.hrefOpen, in: bytes, from: copied) {
      let valueStart = start + Self.hrefOpen.count
      guard let end = ByteSearch.firstIndex(of: UInt8(ascii: "\""), in: bytes, from: valueStart)
      else { break }
      output += bytes[copied..<valueStart]
      let target = String(decoding: bytes[valueStart..<end], as: UTF8.self)
      switch resolve(target) {
      case .unchanged: output += bytes[valueStart..<end]
      case .page(let page): output += page.utf8
      case .unknown:
        output += bytes[valueStart..<end]
        unknown.append(target)
      }
      copied = end
    }
    output += bytes[copied...]
    return (String(decoding: output, as: UTF8.self), unknown)
  }

  private static let markdownSuffix = Array(".md".utf8)
  private static let hrefOpen = Array("href=\"".utf8)
}
