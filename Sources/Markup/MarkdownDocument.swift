/// One Markdown document, parsed: its front matter, math, code blocks and problems, each located
/// in the file. Parsing never fails: whatever is wrong with the input becomes a diagnostic.
public struct MarkdownDocument: Sendable {
  /// The path shown in diagnostics, as given to `parse`.
  public let path: String
  /// The front matter (empty when the document has none).
  public let frontMatter: FrontMatter
  /// Every formula, in document order.
  public let mathSpans: [MathSpan]
  /// Every code block, in document order.
  public let codeBlocks: [CodeBlock]
  /// Every heading, in document order.
  public let headings: [HeadingStart]
  /// Problems found while parsing.
  public let diagnostics: [Diagnostic]
  /// The Markdown as cmark sees it: front matter blanked out (lines kept, so positions hold).
  let markdown: [UInt8]
  /// Byte ranges of `markdown` that hold math found in paragraphs, with the index of the span.
  let inlineMarkers: [(range: Range<Int>, index: Int)]
  /// For each display block marked `F<k>` in `markdown`, the index of its span.
  let fenceIndices: [Int]
  /// The new inline content of each block with math, by block index.
  let rewrites: [Int: String]
  /// Whether formulas are put in place by re-parsing only the blocks that hold them.
  let usesGrafting: Bool
  /// When the document was parsed in one pass: the Markdown cmark parsed, formulas already
  /// replaced by markers (see `Prepared.singleParse`).
  let singleParsed: [UInt8]?

  /// Parses a document.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - path: the path to show in diagnostics (for example `Content/hw3.md`).
  public static func parse(_ bytes: [UInt8], path: String) -> MarkdownDocument {
    parse(bytes, path: path, strategy: .singleParseFirst)
  }

  /// How a document is parsed.
  enum Strategy {
    /// In one pass when the pre-scan's formulas prove right (`Prepared.singleParse`), else
    /// carefully.
    case singleParseFirst
    /// Parsed as it is, then the blocks with formulas again: the reference the single pass is
    /// held to.
    case careful
  }

  static func parse(_ bytes: [UInt8], path: String, strategy: Strategy) -> MarkdownDocument {
    let prepared = Prepared(bytes, path: path)
    if strategy == .singleParseFirst {
      let single = prepared.singleParse(decorate: false, renders: false) { _ in nil }
      if let single { return single.document }
    }
    return prepared.document(blocks: CommonMark.blocks(of: prepared.fences.bytes))
  }

  /// Parses a document and renders it, parsing the Markdown only once.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - path: the path to show in diagnostics.
  ///   - style: a fragment exactly as cmark renders it, or a page body (heading ids, code blocks
  ///     replaced).
  ///   - content: given the parsed document, the HTML of its formulas and code blocks.
  public static func render(
    _ bytes: [UInt8], path: String, style: RenderStyle,
    content: (MarkdownDocument) -> PageContent
  ) -> (document: MarkdownDocument, body: RenderedBody) {
    render(bytes, path: path, style: style, strategy: .singleParseFirst, content: content)
  }

  static func render(
    _ bytes: [UInt8], path: String, style: RenderStyle, strategy: Strategy,
    content: (MarkdownDocument) -> PageContent
  ) -> (document: MarkdownDocument, body: RenderedBody) {
    let prepared = Prepared(bytes, path: path)
    if strategy == .singleParseFirst,
      let single = prepared.singleParse(decorate: style == .page, renders: true, content: content),
      let html = single.content
    {
      let body = single.document.finish(marked: single.marked, content: html, style: style)
      return (single.document, body)
    }
    var document: MarkdownDocument? = nil
    var html = PageContent(math: [], codeBlocks: [])
    let marked = CommonMark.render(prepared.fences.bytes, decorate: style == .page) { blocks in
      let parsed = prepared.document(blocks: blocks)
      document = parsed
      html = content(parsed)
      return parsed.usesGrafting ? parsed.rewrites : [:]
    }
    let parsed = document ?? prepared.document(blocks: [])
    if document == nil { html = content(parsed) }
    let body = parsed.finish(
      marked: parsed.usesGrafting ? marked : nil, content: html, style: style)
    return (parsed, body)
  }

  /// What the parser does before cmark sees the document: check the bytes, read the front matter,
  /// rewrite display blocks.
  struct Prepared {
    var diagnostics: [Diagnostic] = []
    var frontMatter = FrontMatter()
    var lines: LineTable
    var fences: (bytes: [UInt8], blocks: [DisplayFences.Block])
    var path: String

    init(_ bytes: [UInt8], path: String) {
      self.path = path
      var diagnostics: [Diagnostic] = []
      var bytes = bytes
      if let bad = UTF8Check.firstInvalidOffset(in: bytes) {
        let location = LineTable(bytes).location(ofOffset: bad)
        diagnostics.append(
          .error(
            "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
            path: path, at: location))
        bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
      }
      // cmark skips a byte order mark; so does everything here (columns on the first line are
      // counted without it, as editors show them).
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      // CommonMark ends a line at `\r` too; a lone one becomes `\n`, so that lines counted here
      // are cmark's lines (`\r\n` stays, and no byte moves).
      var carriageReturn = ByteSearch.firstIndex(of: 0x0D, in: bytes)
      while let index = carriageReturn {
        if index + 1 == bytes.count || bytes[index + 1] != 0x0A { bytes[index] = 0x0A }
        carriageReturn = ByteSearch.firstIndex(of: 0x0D, in: bytes, from: index + 1)
      }
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
        diagnostics.append(
          .error("the document is empty", path: path, at: .init(line: 1, column: 1)))
      }
      bytes = replacingMarkers(in: bytes, path: path, diagnostics: &diagnostics)
      let lines = LineTable(bytes)

      // Front matter: `---` on the first line, up to a line `---` or `...`.
      var frontMatter = FrontMatter()
      if let end = frontMatterEnd(in: bytes, lines: lines) {
        if end.closingLine == nil {
          diagnostics.append(
            .error(
              "front matter is not closed: add a line '---' after it", path: path,
              at: .init(line: 1, column: 1)))
        } else {
          let yaml = String(decoding: bytes[lines.lineStarts[1]..<end.yamlEnd], as: UTF8.self)
          let (matter, problems) = FrontMatter.parse(yaml: yaml, firstLine: 2, path: path)
          frontMatter = matter
          diagnostics += problems
        }
        for index in 0..<end.blankEnd where bytes[index] != UInt8(ascii: "\n") {
          bytes[index] = UInt8(ascii: " ")
        }
      }

      self.lines = lines
      self.frontMatter = frontMatter
      self.diagnostics = diagnostics
      var fences = DisplayFences.rewrite(bytes, lines: lines)
      // An indented `$$` block outside a list item is indented code to cmark: ask cmark, and
      // leave the blocks it puts in code alone.
      if fences.blocks.contains(where: \.mayBeCode) {
        let inCode = Set(
          CommonMark.blocks(of: fences.bytes).flatMap { block -> [Int] in
            guard case .codeBlock(_, let literal) = block.kind else { return [] }
            return Marker.fenceIndices(in: literal)
          })
        if !inCode.isEmpty {
          let excluded = Set(
            inCode.filter { $0 < fences.blocks.count }.map { fences.blocks[$0].outer.lowerBound })
          fences = DisplayFences.rewrite(bytes, lines: lines, excluding: excluded)
        }
      }
      self.fences = fences
    }

    /// The lines of the Markdown cmark sees.
    var markdownLines: LineTable { fences.blocks.isEmpty ? lines : LineTable(fences.bytes) }

    /// The document, given cmark's blocks.
    func document(blocks: [CommonMark.Block]) -> MarkdownDocument {
      var scanner = BlockScanner(
        bytes: fences.bytes, lines: markdownLines, path: path, fences: fenceSpans)
      scanner.scan(blocks)
      return document(scanner: scanner, singleParsed: nil)
    }

    /// Parses the document once: the pre-scan (`MathPrescan`) finds the formulas, they are
    /// replaced by markers, and cmark parses the result. The formulas that `BlockScanner` then
    /// finds in cmark's blocks must be exactly those the pre-scan replaced, and no marker may land
    /// in code, raw HTML or a link destination; otherwise this gives up (`nil`) and the document
    /// is parsed the careful way, first as it is and then block by block with its formulas.
    ///
    /// A formula over several lines is replaced by its marker and, at the start of each later
    /// line, `Marker.joined`, so lines keep their numbers and each block's first column stays put.
    ///
    /// - Parameters:
    ///   - decorate: whether heading and code block markers go into the HTML (a page).
    ///   - renders: whether to render HTML.
    ///   - content: the HTML of the formulas and code blocks, given the document.
    func singleParse(
      decorate: Bool, renders: Bool, content: (MarkdownDocument) -> PageContent?
    ) -> (document: MarkdownDocument, marked: CommonMark.MarkedHTML?, content: PageContent?)? {
      let markdown = fences.bytes
      // A link reference definition is a paragraph to the pre-scan and nothing to cmark, and
      // whether a paragraph is one depends on all of its lines: not worth the guess.
      guard !Self.mayHoldLinkReferenceDefinition(markdown) else { return nil }
      let markdownLines = self.markdownLines
      let found = MathPrescan.spans(in: markdown, lines: markdownLines)
      // Number the formulas as `document(scanner:singleParsed:)` does: display blocks and
      // formulas in paragraphs, in document order.
      var source: [UInt8] = []
      source.reserveCapacity(markdown.count + found.count * 8)
      let joinedLine = Array(("\n" + Marker.joined).utf8)
      let fenceSpans = self.fenceSpans
      var fence = 0
      var cursor = 0
      var lineHint = 0
      for (number, range) in found.enumerated() {
        let start = markdownLines.location(ofOffset: range.lowerBound, hint: &lineHint)
        while fence < fenceSpans.count && fenceSpans[fence].range.start < start { fence += 1 }
        source.append(contentsOf: markdown[cursor..<range.lowerBound])
        Marker.appendMath(number + fence, to: &source)
        for byte in markdown[range] where byte == UInt8(ascii: "\n") {
          source.append(contentsOf: joinedLine)
        }
        cursor = range.upperBound
      }
      source.append(contentsOf: markdown[cursor...])
      var pageContent: PageContent? = nil
      let parsed = CommonMark.parseChecked(source, decorate: decorate, renders: renders) {
        blocks -> MarkdownDocument? in
        var scanner = BlockScanner(
          bytes: markdown, lines: markdownLines, path: path, fences: fenceSpans)
        scanner.collectsContents = false
        scanner.scan(blocks)
        guard scanner.mathByteRanges == found else { return nil }
        let document = self.document(scanner: scanner, singleParsed: source)
        pageContent = content(document)
        return document
      }
      guard let parsed else { return nil }
      return (parsed.value, parsed.html, pageContent)
    }

    /// The display blocks, as formulas.
    var fenceSpans: [MathSpan] {
      var hint = 0
      return fences.blocks.map { block in
        MathSpan(
          tex: block.tex, display: true,
          range: SourceRange(
            start: lines.location(ofOffset: block.outer.lowerBound, hint: &hint),
            end: lines.location(ofOffset: block.outer.upperBound, hint: &hint)),
          texStart: lines.location(
            ofOffset: block.runs.first?.fileOffset ?? block.outer.lowerBound),
          laterRuns: block.runs.dropFirst().map {
            .init(texOffset: $0.texOffset, location: lines.location(ofOffset: $0.fileOffset))
          })
      }
    }

    /// The document, given what `BlockScanner` found in cmark's blocks.
    private func document(scanner: BlockScanner, singleParsed: [UInt8]?) -> MarkdownDocument {
      let markdown = fences.bytes
      // The new inline content of each block with math: formulas replaced by markers (not
      // needed when the document was parsed once, formulas already replaced).
      var rewrites: [Int: String] = [:]
      for content in scanner.contents where singleParsed == nil {
        var text = Array((Marker.lead + "\n").utf8)
        var cursor = 0
        for (outer, index) in content.spans {
          text += content.text[cursor..<outer.lowerBound]
          text += Marker.math(index).utf8
          cursor = outer.upperBound
        }
        text += content.text[cursor...]
        rewrites[content.block] = String(decoding: text, as: UTF8.self)
      }
      return MarkdownDocument(
        path: path, frontMatter: frontMatter, mathSpans: scanner.mathSpans,
        codeBlocks: scanner.codeBlocks, headings: scanner.headings,
        diagnostics: (diagnostics + scanner.diagnostics).sorted {
          ($0.location ?? .init(line: 0, column: 0)) < ($1.location ?? .init(line: 0, column: 0))
        },
        markdown: markdown,
        inlineMarkers: Array(zip(scanner.mathByteRanges, scanner.inlineIndices)),
        fenceIndices: scanner.fenceIndices, rewrites: rewrites,
        usesGrafting: singleParsed == nil && !Self.hasLinkReferenceDefinitions(markdown),
        singleParsed: singleParsed)
    }

    /// Whether the text has `]:` anywhere, as every link reference definition has.
    static func mayHoldLinkReferenceDefinition(_ bytes: [UInt8]) -> Bool {
      ByteSearch.contains(UInt8(ascii: "]"), followedBy: UInt8(ascii: ":"), in: bytes)
    }

    /// Whether a line looks like a link reference definition (`[label]: destination`). Those are
    /// known only to the whole document, so such documents are rendered by re-parsing it whole.
    static func hasLinkReferenceDefinitions(_ bytes: [UInt8]) -> Bool {
      var index = 0
      var atLineStart = true
      while index < bytes.count {
        let byte = bytes[index]
        if atLineStart {
          var probe = index
          while probe < bytes.count && (bytes[probe] == 0x20 || bytes[probe] == UInt8(ascii: ">")) {
            probe += 1
          }
          if probe < bytes.count && bytes[probe] == UInt8(ascii: "[") {
            var close = probe + 1
            while close < bytes.count && bytes[close] != UInt8(ascii: "]")
              && bytes[close] != UInt8(ascii: "\n")
            {
              close += 1
            }
            if close + 1 < bytes.count && bytes[close] == UInt8(ascii: "]")
              && bytes[close + 1] == UInt8(ascii: ":")
            {
              return true
            }
          }
        }
        atLineStart = byte == UInt8(ascii: "\n")
        index += 1
      }
      return false
    }
  }

  /// The body rendered exactly as libcmark renders it, each formula replaced by its HTML.
  /// For a document without math this is byte for byte `cmark --unsafe`.
  ///
  /// - Parameter math: the HTML of each formula, parallel to `mathSpans`.
  public func renderFragment(math: [String]) -> String {
    render(style: .fragment, content: PageContent(math: math, codeBlocks: [])).html
  }

  /// The body rendered for a page: headings get ids, code blocks are replaced by their HTML.
  ///
  /// - Parameters:
  ///   - math: the HTML of each formula, parallel to `mathSpans`.
  ///   - codeBlocks: the HTML of each code block, parallel to `codeBlocks`.
  /// - Returns: the HTML and the headings, with unique ids, for a table of contents.
  public func renderPage(math: [String], codeBlocks html: [String]) -> RenderedBody {
    render(style: .page, content: PageContent(math: math, codeBlocks: html))
  }

  private func render(style: RenderStyle, content: PageContent) -> RenderedBody {
    let marked: CommonMark.MarkedHTML?
    if let singleParsed {
      marked = CommonMark.render(singleParsed, decorate: style == .page) { _ in [:] }
    } else if usesGrafting {
      marked = CommonMark.render(markdown, decorate: style == .page) { _ in rewrites }
    } else {
      marked = nil
    }
    return finish(marked: marked, content: content, style: style)
  }

  /// Puts the formulas, heading ids and code blocks into cmark's HTML. Without `marked` (a
  /// document whose formulas could not be grafted block by block), the whole document is parsed
  /// again with every formula replaced by a marker.
  func finish(marked: CommonMark.MarkedHTML?, content: PageContent, style: RenderStyle)
    -> RenderedBody
  {
    let math = content.math
    let codeBlocks = content.codeBlocks
    let suffixes = content.headingSuffixes
    precondition(math.count == mathSpans.count, "math: one HTML string per formula is needed")
    precondition(
      style == .fragment || codeBlocks.count == self.codeBlocks.count,
      "codeBlocks: one HTML string per code block is needed")
    let marked =
      marked
      ?? CommonMark.render(markdownWithMathMarkers(), decorate: style == .page) { _ in [:] }!
    if style == .fragment && mathSpans.isEmpty {
      return RenderedBody(html: marked.html, headings: [])
    }
    var ids = HeadingIDs()
    var headings = marked.headings.map { heading in
      let text = MarkerSubstitution(
        math: { mathSpans[$0].tex }, mathInAttribute: { mathSpans[$0].tex },
        fenceIndices: fenceIndices
      ).apply(to: heading.text).html
      return RenderedBody.Heading(
        level: heading.level, id: ids.id(for: text), text: text, html: "")
    }
    let substitution = MarkerSubstitution(
      math: { math[$0] }, mathInAttribute: texInAttribute, fenceIndices: fenceIndices,
      headingID: { headings[$0].id },
      headingSuffix: { $0 < suffixes.count ? suffixes[$0] : "" },
      codeBlock: { $0 < codeBlocks.count ? codeBlocks[$0] : "" })
    // Room for the HTML, each formula once and each code block once.
    let expectedSize =
      marked.html.utf8.count + math.reduce(0) { $0 + $1.utf8.count + 40 }
      + codeBlocks.reduce(0) { $0 + $1.utf8.count }
    let (body, headingHTML) = substitution.apply(to: marked.html, expectedSize: expectedSize)
    for index in headings.indices where index < headingHTML.count {
      headings[index].html = headingHTML[index]
    }
    return RenderedBody(html: body, headings: headings)
  }

  // MARK: - Helpers

  private func texInAttribute(_ index: Int) -> String { escapeHTML(mathSpans[index].tex) }

  private func markdownWithMathMarkers() -> [UInt8] {
    guard !inlineMarkers.isEmpty else { return markdown }
    var output: [UInt8] = []
    output.reserveCapacity(markdown.count)
    var cursor = 0
    for (range, index) in inlineMarkers {
      output += markdown[cursor..<range.lowerBound]
      output += Marker.math(index).utf8
      cursor = range.upperBound
    }
    output += markdown[cursor...]
    return output
  }

  private static func frontMatterEnd(in bytes: [UInt8], lines: LineTable)
    -> (yamlEnd: Int, blankEnd: Int, closingLine: Int?)?
  {
    func line(_ number: Int) -> Substring {
      let start = lines.lineStarts[number]
      let end = number + 1 < lines.lineStarts.count ? lines.lineStarts[number + 1] : bytes.count
      let text = String(decoding: bytes[start..<end], as: UTF8.self)
      return Substring(text).trimmingSuffix()
    }
    guard lines.lineCount > 1, line(0) == "---" else { return nil }
    for number in 1..<lines.lineCount {
      let text = line(number)
      if text == "---" || text == "..." {
        let end = number + 1 < lines.lineStarts.count ? lines.lineStarts[number + 1] : bytes.count
        return (lines.lineStarts[number], end, number + 1)
      }
    }
    return (bytes.count, bytes.count, nil)
  }

  private static func replacingMarkers(
    in bytes: [UInt8], path: String, diagnostics: inout [Diagnostic]
  ) -> [UInt8] {
    // U+E000 and U+E001 encode as EE 80 80 and EE 80 81.
    var found: Int? = nil
    var candidate = ByteSearch.firstIndex(of: 0xEE, in: bytes)
    while let index = candidate, index + 2 < bytes.count {
      if bytes[index + 1] == 0x80 && (bytes[index + 2] & 0xFE) == 0x80 {
        found = index
        break
      }
      candidate = ByteSearch.firstIndex(of: 0xEE, in: bytes, from: index + 1)
    }
    guard let found else { return bytes }
    diagnostics.append(
      .warning(
        "private-use characters U+E000 and U+E001 are reserved by hw and were replaced",
        path: path, at: LineTable(bytes).location(ofOffset: found)))
    let text = String(decoding: bytes, as: UTF8.self)
    return Array(
      String(
        String.UnicodeScalarView(
          text.unicodeScalars.map { Marker.scalars.contains($0) ? "\u{FFFD}" : $0 })
      ).utf8)
  }
}

/// A heading of a document: its level and where it starts.
public struct HeadingStart: Hashable, Sendable {
  /// 1 to 6.
  public var level: Int
  /// The heading's first character.
  public var location: SourceLocation
}

/// What the later stages put into a document's page.
public struct PageContent: Sendable {
  /// The HTML of each formula, parallel to `mathSpans`.
  public var math: [String]
  /// The HTML of each code block, parallel to `codeBlocks` (ignored for a fragment).
  public var codeBlocks: [String]
  /// HTML put at the end of each heading, by heading index (for example a badge).
  public var headingSuffixes: [String]

  /// Creates the content of a page.
  public init(math: [String], codeBlocks: [String], headingSuffixes: [String] = []) {
    self.math = math
    self.codeBlocks = codeBlocks
    self.headingSuffixes = headingSuffixes
  }
}

/// How a document is rendered.
public enum RenderStyle: Sendable, Equatable {
  /// Exactly what cmark renders, formulas replaced by their HTML, nothing added.
  case fragment
  /// A page body: heading ids, code blocks replaced by their HTML.
  case page
}

/// The rendered body of a page and its headings.
public struct RenderedBody: Sendable {
  /// A heading of the page.
  public struct Heading: Sendable, Equatable {
    /// 1 to 6.
    public var level: Int
    /// Unique within the page, stable across builds.
    public var id: String
    /// The heading's text without markup (formulas as their TeX).
    public var text: String
    /// The heading's content as HTML (formulas rendered), for a table of contents.
    public var html: String
  }

  /// The body HTML.
  public var html: String
  /// Every heading, in order.
  public var headings: [Heading]
}

extension Substring {
  func trimmingSuffix() -> Substring {
    var result = self
    while let last = result.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
      result = result.dropLast()
    }
    return result
  }
}

/// `<`, `>`, `&` and `"` as entities, and control characters other than tab, line feed and
/// carriage return (which XML forbids or HTML reports) as U+FFFD.
public func escapeHTML(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  for character in text.unicodeScalars {
    switch character {
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "&": result += "&amp;"
    case "\"": result += "&quot;"
    case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}"..."\u{9F}":
      result += "\u{FFFD}"
    default: result.unicodeScalars.append(character)
    }
  }
  return result
}
