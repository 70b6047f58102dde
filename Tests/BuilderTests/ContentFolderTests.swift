import Diagnostics
import Foundation
import Markup
import TestSupport
import Testing

@testable import Builder

@Suite struct ContentFolderTests {
  @Test func followsSymbolicLinksOnlyWithinTheContentFolder() throws {
    let folder = TemporaryFolder()
    folder.write("outside/secret.txt", "top secret")
    folder.write("outside/style.css", "body { color: red; }")
    folder.write("Content/a.md", "# A\n")
    folder.write("Content/shared/data.csv", "1,2\n")
    folder.write("Content/week/w.md", "# W\n")
    folder.link("Content/copy.md", to: "a.md")
    folder.link("Content/week/data", to: "../shared")
    folder.link("Content/week/loop", to: "..")
    folder.link("Content/more", to: "week")
    folder.link("Content/leak.txt", to: "../outside/secret.txt")
    folder.link("Content/outside", to: folder.path + "/outside")
    folder.link("Content/nowhere.md", to: "missing.md")
    folder.link("Content/_theme", to: "../outside")
    let content = try ContentFolder(path: folder.path + "/Content")
    #expect(
      content.sources.map(\.relativePath) == ["a.md", "copy.md", "more/w.md", "week/w.md"])
    #expect(content.sources[1].bytes == Array("# A\n".utf8))
    #expect(content.assets == ["shared/data.csv", "week/data/data.csv"])
    #expect(try content.read(asset: "week/data/data.csv") == Array("1,2\n".utf8))
    #expect(content.theme == [:])
    #expect(
      Self.relative(content.diagnostics, to: folder) == [
        "Content/_theme/style.css: error: symbolic link to something outside the content "
          + "folder; it is left out of the site",
        "Content/leak.txt: error: symbolic link to something outside the content folder; it is "
          + "left out of the site",
        "Content/more/data: error: symbolic link to a folder, inside a folder that is itself "
          + "reached through a link (hw follows one link to a folder per path); it is left out "
          + "of the site",
        "Content/more/loop: error: symbolic link to a folder that holds it (a loop); it is left "
          + "out of the site",
        "Content/nowhere.md: error: symbolic link that leads nowhere (No such file or "
          + "directory); it is left out of the site",
        "Content/outside: error: symbolic link to something outside the content folder; it is "
          + "left out of the site",
        "Content/week/loop: error: symbolic link to a folder that holds it (a loop); it is left "
          + "out of the site",
      ])
  }

  /// The diagnostics as printed, sorted, with the temporary folder's path left out.
  static func relative(_ diagnostics: [Diagnostic], to folder: TemporaryFolder) -> [String] {
    diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
      .sorted()
  }

  @Test func leavesOutPipesInsteadOfWaitingOnThem() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    #expect(mkfifo(folder.path + "/Content/pipe.md", 0o644) == 0)
    let content = try ContentFolder(path: "\(folder.path)/Content")
    #expect(content.sources.map(\.relativePath) == ["a.md"])
    #expect(
      Self.relative(content.diagnostics, to: folder) == [
        "Content/pipe.md: error: not a regular file (a pipe, socket or device); it "
          + "is left out of the site"
      ])
  }

  @Test func readsAFolderWhoseNameStartsWithTwoDots() throws {
    let folder = TemporaryFolder()
    folder.write("Content/..dots/d.md", "# Dots\n")
    folder.write("Content/..dots/plot.txt", "asset")
    folder.write("Content/.hidden/h.md", "# Hidden\n")
    folder.write("Content/.notes.txt", "hidden")
    let content = try ContentFolder(path: folder.path + "/Content")
    #expect(content.sources.map(\.relativePath) == ["..dots/d.md"])
    #expect(content.assets == ["..dots/plot.txt"])
    #expect(content.diagnostics == [])
  }

  @Test func leavesOutWhatAnOutputFolderInsideItKeepsBesideIt() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    for name in ["..site", "...site.staging", "...site.new", "...site.old"] {
      folder.write("Content/\(name)/a.html", "<p>old</p>")
    }
    folder.write("Content/...site.lock", "1\n")
    let content = try ContentFolder(
      path: folder.path + "/Content", excluding: folder.path + "/Content/..site")
    #expect(content.sources.map(\.relativePath) == ["a.md"])
    #expect(content.assets == [])
  }

  /// Content files, and the file that each one's place in the site clashes with.
  static let collisions: [(files: [String], message: String)] = [
    (
      ["a.md", "a.html"],
      "a.html: error: 'a.html' clashes with 'a.html', the page of 'Content/a.md'; this file is "
        + "left out of the site (rename one of them)"
    ),
    (
      ["index.md"],
      "index.md: error: its page 'index.html' clashes with 'index.html', the site's index page; "
        + "the document is left out of the site (rename it)"
    ),
    (
      ["manifest.json"],
      "manifest.json: error: 'manifest.json' clashes with 'manifest.json', the site's manifest; "
        + "this file is left out of the site (rename it)"
    ),
    (
      ["fonts"],
      "fonts: error: 'fonts' clashes with 'fonts/latinmodern-math.woff2', a file of the math "
        + "font; this file is left out of the site (rename it)"
    ),
    (
      ["x.md", "x.html/y.md"],
      "x.md: error: its page 'x.html' clashes with 'x.html/y.html', the page of "
        + "'Content/x.html/y.md'; the document is left out of the site (rename one of them)"
    ),
    (
      ["b.md", "b.html/figure.svg"],
      "b.html/figure.svg: error: 'b.html/figure.svg' clashes with 'b.html', the page of "
        + "'Content/b.md'; this file is left out of the site (rename one of them)"
    ),
  ]

  @Test(arguments: collisions.indices)
  func leavesOutAFileWhosePlaceInTheSiteIsTaken(_ index: Int) throws {
    let (files, message) = Self.collisions[index]
    let folder = TemporaryFolder()
    for file in files { folder.write("Content/\(file)", file.hasSuffix(".md") ? "# T\n" : "x") }
    let builder = try SiteBuilder(contentPath: folder.path + "/Content")
    #expect(Self.relative(builder.content.diagnostics, to: folder) == ["Content/" + message])
    let site = try builder.generate()
    #expect(Self.relative(site.diagnostics, to: folder) == ["Content/" + message])
    // What hw generates keeps its place.
    #expect(String(decoding: site.files["index.html"]!, as: UTF8.self).contains("<html"))
    #expect(site.files["manifest.json"]!.starts(with: Array("{".utf8)))
  }

  @Test(arguments: [
    ("we#ek.md", "we%23ek.html"), ("a\nb.md", "a%0Ab.html"), ("c d.md", "c%20d.html"),
    ("50%.md", "50%25.html"), ("q?.md", "q%3F.html"), ("x:y.md", "x%3Ay.html"),
    ("übung.md", "%C3%BCbung.html"), ("sub/a&b.md", "sub/a&amp;b.html"),
  ])
  func linksTheIndexToPagesWhoseNamesAreNotURLs(name: String, href: String) throws {
    let folder = TemporaryFolder()
    folder.write("Content/\(name)", "# T\n")
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    let index = String(decoding: site.files["index.html"]!, as: UTF8.self)
    #expect(index.contains("<a class=\"document-title\" href=\"\(href)\">T</a>"))
    #expect(site.files[String(name.dropLast(3)) + ".html"] != nil)
  }
}
