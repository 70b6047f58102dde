import Diagnostics
import Testing

@testable import Markup

/// What the fuzz targets (`Benchmarks/fuzz`) found in the Markdown path, each kept as a case.
@Suite struct FuzzFindingTests {
  private func messages(_ bytes: [UInt8]) -> [String] {
    MarkdownDocument.parse(bytes, path: "Content/x.md").diagnostics.map(\.description)
  }

  /// A lone `\r` ends a line for cmark and for every other location, so it does for the bad byte
  /// too (the byte was located before lone carriage returns became line ends).
  @Test func locatesABadByteOnCmarksLineAfterALoneCarriageReturn() {
    let bytes = Array("a\rb ".utf8) + [0xFF] + Array("\n".utf8)
    #expect(messages(bytes) == ["Content/x.md:2:3: error: the file is not valid UTF-8 (byte 0xFF)"])
    // The fuzzer's own input: a line of its own before the bad byte.
    let found = Array("\r".utf8) + [0xC5] + Array("Option\n\r\nText $c$.\n".utf8)
    #expect(
      messages(found).first == "Content/x.md:2:1: error: the file is not valid UTF-8 (byte 0xC5)")
  }

  /// Columns on the first line are counted without the byte order mark, for the bad byte too.
  @Test func locatesABadByteOnTheFirstLineWithoutTheByteOrderMark() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab".utf8) + [0xFF] + Array("\n".utf8)
    #expect(messages(bytes) == ["Content/x.md:1:3: error: the file is not valid UTF-8 (byte 0xFF)"])
  }

  /// The YAML parser ends lines at U+0085, U+2028 and U+2029 too, and counts columns in Unicode
  /// scalars; a front matter problem is located on the file's lines, in UTF-8 bytes.
  @Test func locatesFrontMatterProblemsOnTheFilesLinesAndBytes() {
    let separated = "---\ntitle: 'é' \u{2028}author: [a]\n---\nText.\n"
    #expect(
      messages(Array(separated.utf8)) == [
        "Content/x.md:2:16: error: front matter key 'author' must be a single value"
      ])
    let flow = "---\n{é: 1, author: [a]}\n---\nText.\n"
    #expect(
      messages(Array(flow.utf8)) == [
        "Content/x.md:2:9: error: front matter key 'author' must be a single value"
      ])
  }

  /// The fuzzer's input: a YAML error after two NEL characters was put two lines past the front
  /// matter, in the body; it is at the end of the YAML, on the closing line.
  @Test func locatesAYAMLErrorAfterNextLineCharactersInTheFrontMatter() {
    let yaml = "du\u{FFFD}: 2\u{85}024-10-15\u{85}\n"
    let expected = [
      "x.md:3:1: error: front matter is not valid YAML: could not find expected ':' (while "
        + "scanning a simple key)"
    ]
    let document = MarkdownDocument.parse(Array("---\n\(yaml)---\nBody.\n".utf8), path: "x.md")
    #expect(document.diagnostics.map(\.description) == expected)
    let (_, problems) = FrontMatter.parse(yaml: yaml, firstLine: 2, path: "x.md")
    #expect(problems.map(\.description) == expected)
  }

  /// A YAML error is located in UTF-8 bytes, like every other location.
  @Test func locatesAYAMLErrorAfterACharacterOutsideASCII() {
    let (_, problems) = FrontMatter.parse(
      yaml: "a: 1\ntitle: 'é' [x]\n", firstLine: 1, path: "site.yml")
    #expect(
      problems.map(\.description) == [
        "site.yml:2:13: error: front matter is not valid YAML: did not find expected key (while "
          + "parsing a block mapping)"
      ])
  }

  /// `site.yml` saved with a byte order mark reads as without one (it failed as soon as it had a
  /// second key); lone carriage returns end its lines, and the mark is not part of its first line.
  @Test(arguments: ["\n", "\r", "\r\n"])
  func readsSiteSettingsWithAByteOrderMark(lineEnd: String) {
    let (settings, problems) = FrontMatter.parse(
      yaml: "\u{FEFF}a: 1\(lineEnd)title: [x]\(lineEnd)b: 2\(lineEnd)", firstLine: 1,
      path: "site.yml")
    #expect(settings.entries.map(\.key) == ["a", "b"])
    #expect(
      problems.map(\.description) == [
        "site.yml:2:1: error: front matter key 'title' must be a single value"
      ])
    let (_, first) = FrontMatter.parse(yaml: "\u{FEFF}title: [x]\n", firstLine: 1, path: "site.yml")
    #expect(
      first.map(\.description) == [
        "site.yml:1:1: error: front matter key 'title' must be a single value"
      ])
  }

  /// When the careful parse parses the whole document again with its formulas replaced, a
  /// formula over several lines keeps its lines, so a link warning after it is on its own line.
  @Test(arguments: [MarkdownDocument.Strategy.careful, .singleParseFirst])
  func locatesALinkWarningAfterAFormulaOverSeveralLines(strategy: MarkdownDocument.Strategy) {
    let links = DocumentLinks(source: "x.md", documents: ["x.md"])
    // The `=` under the list item is a lazy line, but a setext underline once the item's text is
    // parsed on its own: the careful parse parses the whole document again.
    let text = "- a $x\ny$\n=\n\n<a href=\"gone.md\">\n\n> [b](gone.md)\n"
    let parsed = ParsedMarkdown.parse(
      Array(text.utf8), path: "x.md", style: .page, links: links, strategy: strategy)
    #expect(
      parsed.document.diagnostics.map(\.description) == [
        "x.md:5:1: warning: link to 'gone.md', which is not a document of this site",
        "x.md:7:3: warning: link to 'gone.md', which is not a document of this site",
      ])
    let page = parsed.render(PageContent(math: ["<m/>"], codeBlocks: []))
    #expect(page.html.hasPrefix("<ul>\n<li>a <m/>\n=</li>\n</ul>\n"))
  }

  /// A document with a link reference definition is always parsed the careful way, whole.
  @Test func locatesALinkWarningAfterAFormulaOverSeveralLinesBesideAReferenceDefinition() {
    let links = DocumentLinks(source: "x.md", documents: ["x.md"])
    let text = "a $x\ny$ b\n\n[r]: /u\n\n[c](gone.md) [r]\n"
    let parsed = ParsedMarkdown.parse(Array(text.utf8), path: "x.md", style: .page, links: links)
    #expect(
      parsed.document.diagnostics.map(\.description) == [
        "x.md:6:1: warning: link to 'gone.md', which is not a document of this site"
      ])
    #expect(
      parsed.render(PageContent(math: ["<m/>"], codeBlocks: [])).html
        == "<p>a <m/> b</p>\n<p><a href=\"gone.md\">c</a> <a href=\"/u\">r</a></p>\n")
  }

  /// The argument of a text command is skipped with its braces balanced, but not across a
  /// display block: the block's markers ended up in the inline formula's TeX, and on the page.
  @Test(arguments: [MarkdownDocument.Strategy.careful, .singleParseFirst])
  func runsNoTextArgumentAcrossADisplayBlock(strategy: MarkdownDocument.Strategy) {
    let text = "$\\text{\n$$\n}\n$$\n}$\n"
    let parsed = ParsedMarkdown.parse(
      Array(text.utf8), path: "x.md", style: .fragment, links: nil, strategy: strategy)
    #expect(parsed.document.mathSpans.map(\.tex) == ["}"])
    #expect(
      parsed.render(PageContent(math: ["<m/>"], codeBlocks: [])).html
        == "<p>$\\text{\n<m/>\n}$</p>\n")
  }

  /// The fuzzer's input, `\r&`: an anchor the pre-scan refuses was located on lines that only
  /// `\n` ends, so after a lone `\r` it was put on the line before, past that line's end; it is
  /// on the file's lines, as every other front matter problem is.
  @Test func locatesARefusedAnchorAfterALoneCarriageReturn() {
    let message =
      "front matter may not use YAML anchors: write the value out (quote text that "
      + "starts with '&')"
    let (_, found) = FrontMatter.parse(yaml: "\r&\n", firstLine: 2, path: "x.md")
    #expect(found.map(\.description) == ["x.md:3:1: error: \(message)"])
    let (_, problems) = FrontMatter.parse(yaml: "a: 1\rb: &x 2\r\n", firstLine: 2, path: "x.md")
    #expect(problems.map(\.description) == ["x.md:3:4: error: \(message)"])
    let document = MarkdownDocument.parse(
      Array("---\na: 1\rb: &x 2\r\n---\nBody.\n".utf8), path: "x.md")
    #expect(document.diagnostics.map(\.description) == ["x.md:3:4: error: \(message)"])
  }

  /// The fuzzer's heading parsed but not rendered, reduced: a document with a link reference
  /// definition is parsed again whole with its formulas replaced, and `[a]: $x y$`, a paragraph
  /// (a destination holds no space), became the definition `[a]: <marker>`: the heading it was
  /// the text of, or the paragraph, was lost with its formula.
  @Test(arguments: [MarkdownDocument.Strategy.careful, .singleParseFirst])
  func keepsAParagraphThatAFormulasMarkerWouldMakeALinkReferenceDefinition(
    strategy: MarkdownDocument.Strategy
  ) {
    let heading = ParsedMarkdown.parse(
      Array("[a]: $x y$\n===\n".utf8), path: "x.md", style: .page, links: nil,
      strategy: strategy)
    #expect(heading.document.headings.count == 1)
    let page = heading.render(PageContent(math: ["<m/>"], codeBlocks: []))
    #expect(page.headings.map(\.text) == ["[a]: x y"])
    #expect(page.html == "<h1 id=\"a-x-y\">[a]: <m/></h1>\n")
    // A formula holding a backtick: once replaced, the line is a code fence (a backtick fence's
    // info string holds no backtick), and the rest of the document would be code. The formula
    // is shown as written.
    let fence = ParsedMarkdown.parse(
      Array("```a $x`y$\n\n# h\n".utf8), path: "x.md", style: .page, links: nil,
      strategy: strategy)
    #expect(fence.document.headings.count == 1)
    #expect(
      fence.render(PageContent(math: ["<m/>"], codeBlocks: [])).html
        == "<p>```a $x`y$</p>\n<h1 id=\"h\">h</h1>\n")
    let paragraph = ParsedMarkdown.parse(
      Array("[a]: $f(x$\n\n[b]\n\n[b]: /u\n".utf8), path: "x.md", style: .fragment,
      links: nil, strategy: strategy)
    #expect(
      paragraph.render(PageContent(math: ["<m/>"], codeBlocks: [])).html
        == "<p>[a]: <m/></p>\n<p><a href=\"/u\">b</a></p>\n")
  }

  /// The fuzzer's fragment that differed from cmark's render: cmark drops a byte order mark at
  /// the start of what it is given, and it was given the file without its own, so a second one
  /// was dropped too (and `# a` after it was a heading). Reading the file, cmark keeps it as text.
  @Test(arguments: [MarkdownDocument.Strategy.careful, .singleParseFirst])
  func keepsASecondByteOrderMarkAsText(strategy: MarkdownDocument.Strategy) {
    for (text, html) in [("a", "<p>\u{FEFF}a</p>\n"), ("# a", "<p>\u{FEFF}# a</p>\n")] {
      let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("\(text)\n".utf8)
      let parsed = ParsedMarkdown.parse(
        bytes, path: "x.md", style: .fragment, links: nil, strategy: strategy)
      #expect(parsed.document.headings.isEmpty)
      let fragment = parsed.render(PageContent(math: [], codeBlocks: [])).html
      #expect(fragment == html)
      #expect(fragment == CommonMark.html(of: String(decoding: bytes, as: UTF8.self)))
    }
  }

  /// The fuzzer's input, `e: +\r&t:`: the pre-scan ended lines at `\n` only, so to it the anchor
  /// after the lone `\r` was inside the text `+\r&t`, while Yams, for which `\r` ends a line as
  /// NEL, LS and PS do, read it as an anchor. The pre-scan ends lines where Yams does.
  @Test(arguments: ["\r", "\u{85}", "\u{2028}", "\u{2029}"])
  func refusesAnAnchorAfterAnyLineBreakOfYAML(lineBreak: String) {
    let message =
      "front matter may not use YAML anchors: write the value out (quote text that "
      + "starts with '&')"
    let (matter, problems) = FrontMatter.parse(
      yaml: "e: +\(lineBreak)&t:\n", firstLine: 2, path: "x.md")
    #expect(matter.entries.isEmpty)
    let column = lineBreak == "\r" ? 1 : 5 + lineBreak.utf8.count
    let line = lineBreak == "\r" ? 3 : 2
    #expect(problems.map(\.description) == ["x.md:\(line):\(column): error: \(message)"])
    let document = MarkdownDocument.parse(
      Array("---\ne: +\(lineBreak)&t:\n---\nBody.\n".utf8), path: "x.md")
    #expect(
      document.diagnostics.map(\.description) == ["x.md:\(line):\(column): error: \(message)"])
  }
}
