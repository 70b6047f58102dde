import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Builder

@Suite struct SiteBuilderTests {
  private func content(_ files: [String: String]) -> TemporaryFolder {
    let folder = TemporaryFolder()
    for (path, text) in files { folder.write("Content/\(path)", text) }
    return folder
  }

  @Test func buildsAPagePerDocumentAndAnIndex() throws {
    let folder = content([
      "a.md": "---\ntitle: First\nauthor: Ann\n---\n# One\n\n## Part\n\n## Other\n",
      "week2/b.md": "# Two\n",
      "img/plot.txt": "asset",
    ])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    #expect(
      site.files.keys.sorted() == [
        "a.html", "fonts/LICENSE-latinmodern-math.txt", "fonts/latinmodern-math.woff2",
        "img/plot.txt", "index.html", "manifest.json", "style.css", "week2/b.html",
      ])
    let index = String(decoding: site.files["index.html"]!, as: UTF8.self)
    #expect(index.contains("<a class=\"document-title\" href=\"a.html\">First</a>"))
    #expect(index.contains("<a class=\"document-title\" href=\"week2/b.html\">Two</a>"))
    let nested = String(decoding: site.files["week2/b.html"]!, as: UTF8.self)
    #expect(nested.contains("href=\"../style.css\""))
    let page = String(decoding: site.files["a.html"]!, as: UTF8.self)
    #expect(page.contains("<a href=\"#part\">Part</a>"))
    #expect(page.contains("<span class=\"author\">Ann</span>"))
  }

  @Test func buildsTheSameBytesTwice() throws {
    let folder = content(["a.md": "# A $x$\n\n```swift\nlet x = 1\n```\n", "b.md": "B\n"])
    let first = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    let second = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    #expect(first.files == second.files)
  }

  @Test func replacesTheOutputAndDropsPagesWhoseSourceIsGone() throws {
    let folder = content(["a.md": "A\n", "b.md": "B\n"])
    let output = folder.path + "/Output"
    _ = try SiteBuilder(contentPath: folder.path + "/Content").build(outputPath: output)
    #expect(folder.exists("Output/b.html"))
    try FileManager.default.removeItem(atPath: folder.path + "/Content/b.md")
    _ = try SiteBuilder(contentPath: folder.path + "/Content").build(outputPath: output)
    #expect(!folder.exists("Output/b.html"))
    #expect(folder.exists("Output/a.html"))
    #expect(!folder.exists(".Output.staging"))
    #expect(!folder.exists(".Output.old"))
  }

  @Test func leavesOutAnOutputFolderInsideTheContentFolder() throws {
    let folder = content(["a.md": "# A\n"])
    let root = folder.path + "/Content"
    _ = try SiteBuilder(contentPath: root, outputPath: root + "/site").build(
      outputPath: root + "/site")
    let again = try SiteBuilder(contentPath: root, outputPath: root + "/site").generate()
    #expect(!again.files.keys.contains { $0.hasPrefix("site/") })
    #expect(again.pages.map(\.path) == ["a.html"])
  }

  @Test func refusesToReplaceTheSourcesOrSomeoneElsesFiles() throws {
    let folder = content(["a.md": "# A\n"])
    folder.write("other/notes.txt", "keep me")
    folder.write("file.txt", "keep me too")
    let builder = try SiteBuilder(contentPath: folder.path + "/Content")
    for output in [
      folder.path, folder.path + "/Content", folder.path + "/other", folder.path + "/file.txt",
    ] {
      #expect(throws: ToolError.self) { try builder.build(outputPath: output) }
    }
    #expect(folder.read("other/notes.txt") == "keep me")
    #expect(folder.read("file.txt") == "keep me too")
    #expect(folder.exists("Content/a.md"))
    // A site hw wrote may be replaced, again and again.
    _ = try builder.build(outputPath: folder.path + "/Output")
    _ = try builder.build(outputPath: folder.path + "/Output")
    #expect(folder.exists("Output/a.html"))
  }

  @Test func pointsLinksBetweenDocumentsAtTheirPages() throws {
    let folder = content([
      "a.md":
        "See [week 1](week1/w.md#part-2), [b](b.md), [away](http://x.org/c.md), [gone](gone.md).\n",
      "b.md": "Back to [a](a.md).\n", "week1/w.md": "Up to [a](../a.md).\n",
    ])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    let a = String(decoding: site.files["a.html"]!, as: UTF8.self)
    #expect(a.contains("href=\"week1/w.html#part-2\""))
    #expect(a.contains("href=\"b.html\""))
    #expect(a.contains("href=\"http://x.org/c.md\""))
    #expect(
      String(decoding: site.files["week1/w.html"]!, as: UTF8.self).contains("href=\"../a.html\""))
    #expect(
      site.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        == [
          "Content/a.md:1:1: warning: link to 'gone.md', which is not a document of this site"
        ])
  }

  /// Links are rewritten on cmark's link nodes, whichever way the page was parsed: once with its
  /// formulas (a paragraph with math), block by block (a document with a link reference
  /// definition), in raw HTML, in headings and images; text that only looks like a link is not.
  @Test func pointsLinksAtPagesInEveryKindOfDocument() throws {
    let folder = content([
      "a.md": """
      # To [b](b.md)

      With $x$ math [b](b.md#s) and ![i](b.md).

      Raw <a href="b.md">b</a> and <a href="nope.md">n</a>.

      <div><a href="b.md#top">block</a></div>

      Code `[c](b.md)` and `<a href="b.md">`.

      ```
      <a href="b.md">
      ```
      """,
      "r.md": "Defined [b][ref] with $y$.\n\n[ref]: b.md\n\nAnd [gone](gone.md)\n",
      "b.md": "B\n",
    ])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    let a = String(decoding: site.files["a.html"]!, as: UTF8.self)
    #expect(a.contains("<a href=\"b.html\">b</a></h1>"))
    #expect(a.contains("<a href=\"b.html#s\">b</a>"))
    #expect(a.contains("<img src=\"b.html\" alt=\"i\" />"))
    #expect(a.contains("Raw <a href=\"b.html\">b</a>"))
    #expect(a.contains("<div><a href=\"b.html#top\">block</a></div>"))
    #expect(a.contains("<code>[c](b.md)</code>"))
    #expect(a.contains("<code>&lt;a href=&quot;b.md&quot;&gt;</code>"))
    #expect(a.contains("&lt;a href=&quot;b.md&quot;&gt;\n</code></pre>"))
    let r = String(decoding: site.files["r.html"]!, as: UTF8.self)
    #expect(r.contains("<a href=\"b.html\">b</a>"))
    #expect(
      site.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        == [
          "Content/a.md:5:1: warning: link to 'nope.md', which is not a document of this site",
          "Content/r.md:5:1: warning: link to 'gone.md', which is not a document of this site",
        ])
  }

  @Test func keepsTheGoodMacrosWhenOneIsBad() throws {
    let folder = content([
      "a.md": "---\nmacros:\n  R: '\\mathbb{R}'\n  ab2: x\n---\n$x \\in \\R$\n",
      "site.yml": "macros: 5\n",
    ])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    let messages = site.diagnostics.map(\.message)
    #expect(messages.contains { $0.hasPrefix("bad macro 'ab2'") })
    #expect(messages.contains("'macros' must map command names to their TeX"))
    #expect(!messages.contains { $0.contains("unknown command") })
    #expect(String(decoding: site.files["a.html"]!, as: UTF8.self).contains("ℝ"))
  }

  @Test func writesAManifestWithSourceHashes() throws {
    let folder = content(["a.md": "abc"])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    let manifest = String(decoding: site.files["manifest.json"]!, as: UTF8.self)
    #expect(manifest.contains("\"page\" : \"a.html\""))
    // SHA-256 of "abc".
    #expect(
      manifest.contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
  }

  @Test func showsAFormulaThatDidNotConvertAsItsSourceInABox() throws {
    let markdown = Array("Broken $\\frac{a}{<b$ inline.\n\n$$\\frac{a}{<b$$\n".utf8)
    let fragment = SiteBuilder.render(markdown, path: "e.md", fragment: true)
    let inline =
      "<span class=\"math-error\" title=\"unbalanced braces: { is never closed\">"
      + "<code>\\frac{a}{&lt;b</code></span>"
    let display =
      "<span class=\"math-error math-error-display\" "
      + "title=\"unbalanced braces: { is never closed\"><code>\\frac{a}{&lt;b</code></span>"
    #expect(fragment.html == "<p>Broken \(inline) inline.</p>\n<p>\(display)</p>\n")
    #expect(
      fragment.diagnostics.map(\.description) == [
        "e.md:1:17: error: unbalanced braces: { is never closed",
        "e.md:3:11: error: unbalanced braces: { is never closed",
      ])
    // The whole page and the site show the same box.
    #expect(SiteBuilder.render(markdown, path: "e.md", fragment: false).html.contains(display))
    let folder = content(["e.md": String(decoding: markdown, as: UTF8.self)])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    let page = String(decoding: try #require(site.files["e.html"]), as: UTF8.self)
    #expect(page.contains(inline) && page.contains(display))
  }

  @Test func usesTheThemeTheContentBrings() throws {
    let folder = content([
      "a.md": "---\ntitle: T\nsemester: Fall\n---\nBody\n",
      "_theme/page.html": "<p>{{title}} in {{semester}}</p>{{{body}}}",
      "_theme/style.css": "body { color: red; }",
    ])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    #expect(
      String(decoding: site.files["a.html"]!, as: UTF8.self) == "<p>T in Fall</p><p>Body</p>\n")
    #expect(String(decoding: site.files["style.css"]!, as: UTF8.self) == "body { color: red; }")
    #expect(site.files["_theme/page.html"] == nil)
  }

  @Test func locatesAnUnclosedTemplateSection() throws {
    let folder = content(["a.md": "A\n", "_theme/page.html": "line\n{{#title}}x\n"])
    let site = try SiteBuilder(contentPath: folder.path + "/Content").generate()
    #expect(
      site.diagnostics.map(\.description) == [
        "\(folder.path)/Content/_theme/page.html:2:1: error: section '{{#title}}' is not closed"
      ])
  }

  @Test func refusesAMissingContentFolder() {
    #expect(
      throws: ToolError("no content folder at '/nonexistent/Content' (give one with --content DIR)")
    ) {
      try SiteBuilder(contentPath: "/nonexistent/Content")
    }
  }

  @Test(arguments: ["1e-9", "2.5E+3", "0x1p-3", "1_000", "3.14"])
  func highlightsANumberWithItsExponentAsOneToken(number: String) {
    #expect(SwiftHighlighter.html(number) == "<span class=\"nu\">\(number)</span>")
  }

  @Test func highlightsSwiftAtBuildTime() {
    #expect(
      SwiftHighlighter.html("let x = \"a<b\" // note\n")
        == "<span class=\"kw\">let</span> x = <span class=\"st\">&quot;a&lt;b&quot;</span> <span class=\"co\">// note</span>\n"
    )
  }
}
