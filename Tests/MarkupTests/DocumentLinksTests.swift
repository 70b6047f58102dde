import Diagnostics
import Testing

@testable import Markup

/// Links between documents, rewritten on cmark's nodes before it renders.
@Suite struct DocumentLinksTests {
  let links = DocumentLinks(source: "week1/hw.md", documents: ["week1/hw.md", "week2/b.md"])

  @Test(arguments: [
    ("../week2/b.md", DocumentLinks.Resolution.page("../week2/b.html")),
    ("../week2/b.md#part-2", .page("../week2/b.html#part-2")),
    ("../week2/gone.md", .unknown),
    ("https://example.org/b.md", .unchanged),
    ("/week2/b.md", .unchanged),
    ("hw.html", .unchanged),
    ("hw.md", .page("hw.html")),
  ])
  func resolvesALinkRelativeToItsDocument(target: String, expected: DocumentLinks.Resolution) {
    #expect(links.resolve(target) == expected)
  }

  @Test func rewritesEveryHrefInRawHTML() {
    let html = "<a href=\"hw.md\">a</a> <a href=\"x.md\">b</a> <a href=\"https://e.org\">c</a>"
    let rewritten = links.rewriteAttributes(in: html)
    #expect(
      rewritten.html
        == "<a href=\"hw.html\">a</a> <a href=\"x.md\">b</a> <a href=\"https://e.org\">c</a>")
    #expect(rewritten.unknown == ["x.md"])
  }

  /// One raw HTML block with tens of thousands of links: every search starts where the last one
  /// ended (it once copied the rest of the text for each link).
  @Test(.timeLimit(.minutes(1))) func staysLinearInOneHTMLBlockFullOfLinks() {
    let block = "<div>" + String(repeating: "<a href=\"hw.md#s\">s</a> ", count: 60_000) + "</div>"
    let rewritten = links.rewriteAttributes(in: block)
    #expect(rewritten.unknown.isEmpty)
    #expect(rewritten.html.hasPrefix("<div><a href=\"hw.html#s\">s</a> <a href=\"hw.html#s\">"))
  }
}
