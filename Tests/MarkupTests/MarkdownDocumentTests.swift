import Diagnostics
import Testing

@testable import Markup

@Suite struct MarkdownDocumentTests {
  private func parse(_ text: String) -> MarkdownDocument {
    MarkdownDocument.parse(Array(text.utf8), path: "Content/x.md")
  }

  private func fragment(_ text: String) -> ParsedMarkdown {
    ParsedMarkdown.fragment(Array(text.utf8), path: "Content/x.md")
  }

  @Test func readsFrontMatterWithARealYAMLParser() {
    let document = parse(
      "---\ntitle: \"EBMs: part 1\"\ntags: [a, b]\nmacros:\n  R: \\mathbb{R}\n---\n# Hi\n")
    #expect(document.frontMatter.title == "EBMs: part 1")
    #expect(document.frontMatter["tags"] == .list([.text("a"), .text("b")]))
    #expect(document.frontMatter["macros"] == .map([(key: "R", value: .text("\\mathbb{R}"))]))
    #expect(document.diagnostics.isEmpty)
  }

  /// A file saved with `\r\n` line ends has its front matter read too: the `---` lines were
  /// compared as characters, where `\r\n` is one and not trailing white space, so the front
  /// matter was rendered as a rule and a heading.
  @Test(arguments: ["\r\n", "\r", "\n"])
  func readsFrontMatterWhateverTheLineEnds(lineEnd: String) {
    let text = ["---", "title: x", "--- ", "Body."].joined(separator: lineEnd) + lineEnd
    #expect(parse(text).frontMatter.title == "x")
    #expect(
      fragment(text).render(PageContent(math: [], codeBlocks: [])).html == "<p>Body.</p>\n")
  }

  @Test func locatesBadYAMLAtItsLine() {
    let document = parse("---\ntitle: ok\nauthor: [unclosed\n---\nText\n")
    #expect(document.diagnostics.count == 1)
    let diagnostic = document.diagnostics[0]
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location?.line == 4)
    #expect(diagnostic.message.hasPrefix("front matter is not valid YAML"))
  }

  @Test func rejectsATitleThatIsNotText() {
    let document = parse("---\ntitle: [a, b]\n---\n")
    #expect(
      document.diagnostics.map(\.description) == [
        "Content/x.md:2:1: error: front matter key 'title' must be a single value"
      ])
  }

  @Test func reportsFrontMatterThatIsNeverClosed() {
    #expect(
      parse("---\ntitle: x\n").diagnostics.map(\.description) == [
        "Content/x.md:1:1: error: front matter is not closed: add a line '---' after it"
      ])
  }

  @Test func keepsLineNumbersAfterFrontMatter() {
    let document = parse("---\ntitle: x\n---\n\n```swift verify\nlet a = 1\n```\n")
    #expect(document.codeBlocks.count == 1)
    #expect(document.codeBlocks[0].range.start.line == 5)
    #expect(document.codeBlocks[0].codeStartLine == 6)
    #expect(document.codeBlocks[0].language == "swift")
    #expect(document.codeBlocks[0].infoWords == ["verify"])
    #expect(document.codeBlocks[0].infoLocation == SourceLocation(line: 5, column: 4))
  }

  @Test func locatesInvalidUTF8AtTheBadByte() {
    let bytes: [UInt8] = Array("ok\nline two \u{e9}".utf8) + [0xFF] + Array(" end\n".utf8)
    let document = MarkdownDocument.parse(bytes, path: "Content/x.md")
    #expect(
      document.diagnostics.map(\.description) == [
        "Content/x.md:2:12: error: the file is not valid UTF-8 (byte 0xFF)"
      ])
  }

  @Test func warnsAtAnUnclosedFence() {
    let document = parse("Text\n\n```swift\nlet x = 1\n")
    #expect(
      document.diagnostics.map(\.description) == [
        "Content/x.md:3:1: warning: this code fence is never closed, so the code block runs to the end of its container"
      ])
  }

  @Test func reportsAnEmptyDocument() {
    #expect(parse("\n\n").diagnostics.map(\.message) == ["the document is empty"])
  }

  /// Patterns that make naive scanners quadratic, 4 MB of them (the render benchmark times
  /// 5 MB): unclosed dollars, unmatched backtick runs, `](` without a closing parenthesis, `<`
  /// that opens no tag, paragraphs with many lines of math. A quadratic scan would not finish
  /// in the limit.
  @Test(.timeLimit(.minutes(2)))
  func parsesAFourMegabyteDocumentOfPathologicalPatterns() {
    let patterns = [
      "$a b c ", "`` x ", "](y ", "<a b ", "$$ z ", "\\$ ", "$x_1$ and\n", "*e* _f_ ",
    ]
    var text = ""
    var index = 0
    while text.utf8.count < 4_000_000 {
      text += patterns[index % patterns.count]
      index += 1
      if index % 5000 == 0 { text += "\n\n" }
    }
    let document = fragment(text)
    #expect(document.mathSpans.count > 40_000)
    let html = document.renderFragment(
      math: Array(repeating: "<m/>", count: document.mathSpans.count))
    #expect(html.utf8.count > 2_000_000)
  }

  /// More such patterns, each in one long paragraph, where every occurrence once sent a search to
  /// the end of the paragraph: `\text{` never closed, nested `\text{`s, tags whose quote never
  /// closes, and formulas by the ten thousand (each asked whether it stands inside a tag).
  @Test(.timeLimit(.minutes(2)))
  func staysLinearInOneLongParagraph() {
    let unclosedText = "$" + String(repeating: "\\text{a ", count: 80_000)
    #expect(parse(unclosedText).mathSpans.isEmpty)
    let openQuotes = String(repeating: "<a \"x $y$ ", count: 60_000)
    #expect(parse(openQuotes).mathSpans.count == 60_000)
    // Each `$` opens a search that jumps over the nested `\text{`s to the same tail.
    let nested =
      String(repeating: "$a\\text{ ", count: 40_000) + String(repeating: "}", count: 40_000)
      + String(repeating: " x", count: 40_000)
    #expect(parse(nested).mathSpans.isEmpty)
    let formulas = String(repeating: "$$ a $$ b ", count: 60_000)
    let document = fragment(formulas)
    #expect(document.mathSpans.count == 60_000)
    let html = document.renderFragment(math: Array(repeating: "<m/>", count: 60_000))
    #expect(html.hasPrefix("<p><m/> b <m/> b"))
  }

  @Test(arguments: [
    "x\r$a$", "$a\rb$", "$a$\r$b$", "$\r\u{AE}", "$a\r\u{E9}$", "a\r\n$b$\r\rc\r$$\rd\r$$\r",
  ])
  func treatsACarriageReturnAsALineEndLikeCmark(text: String) {
    let document = fragment(text)
    // Plain words as the formulas' HTML, so that cmark reads them as text where they stand.
    let words = document.mathSpans.indices.map { "formula\($0)" }
    let html = document.renderFragment(math: words)
    #expect(!html.isEmpty)
    // What cmark makes of the same text with each formula replaced by its word.
    let replaced = Self.replacing(document.mathSpans, in: text, with: words)
    #expect(html == CommonMark.html(of: replaced), "\(String(reflecting: replaced))")
  }

  /// `text` with each formula, delimiters included, replaced by its entry of `replacements`.
  /// Lines end, as in cmark, at `\n`, `\r\n` or a lone `\r`.
  static func replacing(_ spans: [MathSpan], in text: String, with replacements: [String])
    -> String
  {
    let bytes = Array(text.utf8)
    var lineStarts = [0]
    for (offset, byte) in bytes.enumerated() {
      let endsLine =
        byte == UInt8(ascii: "\n")
        || (byte == UInt8(ascii: "\r") && bytes.dropFirst(offset + 1).first != UInt8(ascii: "\n"))
      if endsLine { lineStarts.append(offset + 1) }
    }
    func offset(_ location: Diagnostics.SourceLocation) -> Int {
      lineStarts[location.line - 1] + location.column - 1
    }
    var result: [UInt8] = []
    var copied = 0
    for (span, replacement) in zip(spans, replacements) {
      result += bytes[copied..<offset(span.range.start)] + Array(replacement.utf8)
      copied = offset(span.range.end)
    }
    result += bytes[copied...]
    return String(decoding: result, as: UTF8.self)
  }

  @Test func locatesMathAfterALoneCarriageReturn() {
    let document = parse("one\r$x$ two")
    #expect(document.mathSpans.map(\.range.start) == [SourceLocation(line: 2, column: 1)])
  }

  @Test func survivesDeepNesting() {
    let quotes = String(repeating: ">", count: 5000) + " deep $x$\n"
    let lists = (0..<2000).map { String(repeating: "  ", count: $0) + "- item" }.joined(
      separator: "\n")
    #expect(parse(quotes).mathSpans.count == 1)
    #expect(!fragment(lists).renderFragment(math: []).isEmpty)
  }

  @Test func rendersWithoutMathExactlyAsCmark() {
    // What `cmark --unsafe` prints for this input (cmark 0.30).
    let markdown = "# A\n\n*b* <span>raw</span>\n\n- c\n"
    #expect(
      fragment(markdown).renderFragment(math: [])
        == "<h1>A</h1>\n<p><em>b</em> <span>raw</span></p>\n<ul>\n<li>c</li>\n</ul>\n")
  }

  @Test func givesHeadingsUniqueStableIDs() {
    let body = ParsedMarkdown.page(
      Array("## Loss\n\n## Loss\n\n### The $\\beta$ limit\n".utf8), path: "Content/x.md"
    ).render(PageContent(math: ["<m/>"], codeBlocks: []))
    #expect(body.headings.map(\.id) == ["loss", "loss-1", "the-beta-limit"])
    #expect(body.html.contains("<h2 id=\"loss-1\">Loss</h2>"))
    #expect(body.headings[2].html == "The <m/> limit")
  }
}
