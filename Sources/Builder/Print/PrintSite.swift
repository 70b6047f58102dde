import Diagnostics

/// What `hw pdf` gives Chromium: the site's files (stylesheet, math font, images), the print
/// stylesheet and the document to print, `print.html`, at the site's root.
public struct PrintSite: Sendable {
  /// The site built for the chosen documents only (its diagnostics are the command's).
  public var site: SiteBuilder.Site
  /// The digest of the sources that the last page shows.
  public var digest: SourcesDigest
  /// Every file to write: path relative to the folder, and contents.
  public var files: [String: [UInt8]]

  /// The document to print, relative to the folder.
  public static let document = "print.html"
  /// The print stylesheet, relative to the folder.
  static let stylesheet = "print.css"

  /// Writes the files into `folder`, which must not exist yet.
  public func write(into folder: String) throws(ToolError) {
    do {
      try SiteWriter(files: files).write(into: folder)
    } catch {
      throw ToolError("cannot write the pages to print into '\(folder)': \(error.reason)")
    }
  }
}

extension SiteBuilder {
  /// Builds `documents` (every document, in path order, when empty) as `hw build` does, and
  /// the document that prints them, one after another, on `paper`.
  ///
  /// - Parameter documents: paths relative to the content folder, or with the content folder's
  ///   path in front (see `ContentFolder.documents(named:)`).
  /// - Throws: `ToolError` for a name that is not a document, a file that cannot be read, or a
  ///   missing resource.
  public func printSite(documents names: [String], paper: PaperSize) throws(ToolError)
    -> PrintSite
  {
    let chosen = names.isEmpty ? content.sources : try content.documents(named: names)
    let digest = try content.sourcesDigest()
    let site = try generate(only: Set(chosen.map(\.relativePath)))
    let pages = chosen.compactMap { source in
      site.documentPages.first { $0.source.relativePath == source.relativePath }
    }
    guard let stylesheet = SiteResources.contents(of: "print/\(PrintSite.stylesheet)") else {
      throw ToolError(
        "the print stylesheet is missing from \(SiteResources.folder.path) (rebuild hw with "
          + "swift build)")
    }
    let document = PrintDocument(
      pages: pages, siteTitle: content.settings["title"]?.text ?? "Homework",
      contentName: ContentFolder.folderName(content.path), digest: digest, paper: paper)
    var files = site.files
    files.removeValue(forKey: "manifest.json")
    files.removeValue(forKey: "index.html")
    files[PrintSite.document] = Array(document.html.utf8)
    files[PrintSite.stylesheet] = [UInt8](stylesheet)
    return PrintSite(site: site, digest: digest, files: files)
  }
}
