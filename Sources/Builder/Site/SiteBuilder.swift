import Foundation
import Markup

/// The whole pipeline: content folder → parsed documents → math and results → pages → site.
public struct SiteBuilder: Sendable {
  /// The content read from disk.
  public let content: ContentFolder

  /// A site built in memory, not yet written.
  public struct Site: Sendable {
    /// Every file of the site: path relative to the site root, and contents.
    public var files: [String: [UInt8]]
    /// Every problem found, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The pages, with their titles, in path order.
    public var pages: [(path: String, title: String)]
  }

  /// Reads the content folder at `contentPath`.
  public init(contentPath: String) throws(ToolError) {
    content = try ContentFolder(path: contentPath)
  }

  /// Builds the site in memory.
  public func generate() throws(ToolError) -> Site {
    var diagnostics = content.diagnostics
    let theme: Theme
    do {
      theme = try Theme(
        overrides: content.theme,
        folder: ContentFolder.join(content.path, ContentFolder.themeFolder))
    } catch {
      diagnostics.append(error)
      theme = .standard
    }
    let siteTitle = content.settings["title"]?.text ?? "Homework"

    var files: [String: [UInt8]] = [:]
    var manifestPages: [Manifest.Page] = []
    var pages: [(path: String, title: String)] = []
    var indexEntries: [[String: TemplateValue]] = []
    for source in content.sources {
      let page = Self.page(for: source, diagnostics: &diagnostics)
      let document = page.document
      files[source.pagePath] = Array(page.render(theme: theme, siteTitle: siteTitle).utf8)
      pages.append((source.pagePath, page.title))
      manifestPages.append(
        .init(
          page: source.pagePath, source: source.relativePath,
          sourceSHA256: SHA256.hex(source.bytes), resultsSHA256: nil))
      var entry: [String: TemplateValue] = [
        "href": .text(source.pagePath), "title": .text(page.title), "summary": .text(page.summary),
      ]
      for key in ["author", "course", "due"] {
        if let value = document.frontMatter[key]?.text { entry[key] = .text(value) }
      }
      indexEntries.append(entry)
    }
    files["index.html"] = Array(
      theme.index.render(["site": .text(siteTitle), "pages": .list(indexEntries)]).utf8)
    files["style.css"] = Array(theme.stylesheet.utf8)
    for asset in content.assets {
      let url = URL(fileURLWithPath: content.path).appendingPathComponent(asset)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw ToolError("cannot read '\(ContentFolder.join(content.path, asset))'")
      }
      files[asset] = [UInt8](data)
    }
    files["manifest.json"] = Array(Manifest(pages: manifestPages).json().utf8)
    return Site(files: files, diagnostics: Self.sorted(diagnostics), pages: pages)
  }

  /// Builds the site and writes it to `outputPath`, replacing what was there.
  public func build(outputPath: String) throws(ToolError) -> Site {
    let site = try generate()
    try SiteWriter(files: site.files).publish(to: outputPath)
    return site
  }

  /// A document's page: parsed, its formulas rendered, its blocks shown.
  static func page(for source: ContentFolder.Source, diagnostics: inout [Diagnostic])
    -> DocumentPage
  {
    var math: [String] = []
    var codeBlocks: [String] = []
    var found: [Diagnostic] = []
    let (document, body) = MarkdownDocument.render(
      source.bytes, path: source.displayPath, style: .page
    ) { document in
      let rendered = MathHTML.render(document)
      math = rendered.html
      found = rendered.diagnostics
      codeBlocks = document.codeBlocks.map(CodeBlockHTML.render)
      return (math, codeBlocks)
    }
    diagnostics += document.diagnostics + found
    return DocumentPage(
      source: source, document: document, math: math, codeBlocks: codeBlocks, body: body)
  }

  /// One document rendered on its own, for `hw render`.
  ///
  /// - Parameters:
  ///   - bytes: the Markdown.
  ///   - path: the path to show in diagnostics.
  ///   - fragment: only the body, exactly as cmark renders it (formulas rendered, nothing else
  ///     added); otherwise the whole page with the default theme.
  public static func render(_ bytes: [UInt8], path: String, fragment: Bool)
    -> (html: String, diagnostics: [Diagnostic])
  {
    if fragment {
      var mathDiagnostics: [Diagnostic] = []
      let (document, body) = MarkdownDocument.render(bytes, path: path, style: .fragment) {
        document in
        let rendered = MathHTML.render(document)
        mathDiagnostics = rendered.diagnostics
        return (rendered.html, [])
      }
      return (body.html, sorted(document.diagnostics + mathDiagnostics))
    }
    let name = (path as NSString).lastPathComponent
    let source = ContentFolder.Source(relativePath: name, displayPath: path, bytes: bytes)
    var diagnostics: [Diagnostic] = []
    let page = page(for: source, diagnostics: &diagnostics)
    return (page.render(theme: .standard, siteTitle: "Homework"), sorted(diagnostics))
  }

  static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let (x, y) = (a.element, b.element)
      if x.path != y.path { return x.path < y.path }
      let (p, q) = (x.location ?? .init(line: 0, column: 0), y.location ?? .init(line: 0, column: 0))
      if p != q { return p < q }
      return a.offset < b.offset
    }.map(\.element)
  }
}
