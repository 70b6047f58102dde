import Foundation
import Markup

extension ContentFolder {
  /// A file of the site that `hw` makes itself, whatever the content: its path in the site and
  /// what it is, for messages (`index.html`, "the site's index page").
  struct GeneratedFile: Sendable {
    var path: String
    var what: String
    /// What to do about a file that would take its place.
    var advice = "rename it"
  }

  /// Leaves out every document and file whose place in the site is already taken, with an error
  /// at it that names both.
  ///
  /// Places are claimed in this order, and the first claim wins: the files `hw` generates, then
  /// the documents' pages, then the other files, each in path order. Two claims clash when they
  /// are the same path, or when one would be a folder that holds the other (`a.html` and
  /// `a.html/b.png`).
  mutating func leaveOutCollisions(with generated: [GeneratedFile]) {
    struct Claim {
      /// The place and whose it is, as messages name it.
      var text: String
      /// What to do about a file that clashes with it.
      var advice: String
    }
    var files: [String: Claim] = [:]
    var folders: [String: Claim] = [:]

    /// The claim that clashes with `path`, if any.
    func clash(with path: String) -> Claim? {
      if let claim = files[path] ?? folders[path] { return claim }
      var folder = Substring(path)
      while let slash = folder.lastIndex(of: "/") {
        folder = folder[..<slash]
        if let claim = files[String(folder)] { return claim }
      }
      return nil
    }
    func take(_ path: String, _ claim: Claim) {
      files[path] = claim
      var folder = Substring(path)
      while let slash = folder.lastIndex(of: "/") {
        folder = folder[..<slash]
        if folders[String(folder)] != nil { break }
        folders[String(folder)] = claim
      }
    }
    for file in generated {
      take(file.path, Claim(text: "'\(file.path)', \(file.what)", advice: file.advice))
    }
    sources = sources.filter { source in
      let page = source.pagePath
      if let claim = clash(with: page) {
        diagnostics.append(
          .error(
            "its page '\(page)' clashes with \(claim.text); the document is left out of the site "
              + "(\(claim.advice))", path: source.displayPath, at: nil))
        return false
      }
      take(
        page,
        Claim(text: "'\(page)', the page of '\(source.displayPath)'", advice: "rename one of them"))
      return true
    }
    assets = assets.filter { asset in
      let display = Self.join(path, asset)
      if let claim = clash(with: asset) {
        diagnostics.append(
          .error(
            "'\(asset)' clashes with \(claim.text); this file is left out of the site "
              + "(\(claim.advice))", path: display, at: nil))
        return false
      }
      take(asset, Claim(text: "'\(asset)', copied from '\(display)'", advice: "rename one of them"))
      return true
    }
  }
}
