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
    let bytes = Array(html.utf8)
    guard firstIndex(of: Self.markdownSuffix, in: bytes, from: 0) != nil else { return (html, []) }
    let folder = (source as NSString).deletingLastPathComponent
    // One pass over the bytes: each `href="` is found by a search that starts where the last one
    // ended, so the time grows with the page, not with the page times its links.
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var unknown: [String] = []
    var copied = 0
    while let start = firstIndex(of: Self.hrefOpen, in: bytes, from: copied) {
      let valueStart = start + Self.hrefOpen.count
      guard let end = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
      output += bytes[copied..<valueStart]
      let target = String(decoding: bytes[valueStart..<end], as: UTF8.self)
      output += rewritten(target, folder: folder, documents: documents, unknown: &unknown).utf8
      copied = end
    }
    output += bytes[copied...]
    return (String(decoding: output, as: UTF8.self), unknown)
  }

  private static let markdownSuffix = Array(".md".utf8)
  private static let hrefOpen = Array("href=\"".utf8)

  /// Where `needle` first occurs in `bytes` at or after `start`.
  private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, needle.count <= bytes.count else { return nil }
    var index = start
    while index + needle.count <= bytes.count {
      guard let found = bytes[index...].firstIndex(of: first) else { return nil }
      guard found + needle.count <= bytes.count else { return nil }
      if bytes[found..<found + needle.count].elementsEqual(needle) { return found }
      index = found + 1
    }
    return nil
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
