import Diagnostics

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
  public internal(set) var diagnostics: [Diagnostic]

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
    if strategy == .singleParseFirst, let single = prepared.singleParse(render: nil) {
      return single.document
    }
    let scanner = prepared.scan(CommonMark.blocks(of: prepared.fences.bytes), contents: false)
    return prepared.document(scanner: scanner)
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
      // cmark skips a byte order mark; so does everything here (columns on the first line are
      // counted without it, as editors show them).
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      // CommonMark ends a line at `\r` too; a lone one becomes `\n`, so that lines counted here
      // are cmark's lines (`\r\n` stays, and no byte moves). Both come before the check below,
      // so that a bad byte is located on cmark's lines too.
      var carriageReturn = ByteSearch.firstIndex(of: 0x0D, in: bytes)
      while let index = carriageReturn {
        if index + 1 == bytes.count || bytes[index + 1] != 0x0A { bytes[index] = 0x0A }
        carriageReturn = ByteSearch.firstIndex(of: 0x0D, in: bytes, from: index + 1)
      }
      if let bad = UTF8Check.firstInvalidOffset(in: bytes) {
        let location = LineTable(bytes).location(ofOffset: bad)
        diagnostics.append(
          .error(
            "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
            path: path, at: location))
        bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
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

    /// What `BlockScanner` finds in cmark's blocks of the Markdown as it is.
    ///
    /// - Parameter contents: whether to collect the inline content of the blocks with math
    ///   (needed to render them, see `ParsedMarkdown`).
    func scan(_ blocks: [CommonMark.Block], contents: Bool) -> BlockScanner {
      var scanner = BlockScanner(
        bytes: fences.bytes, lines: markdownLines, path: path, fences: fenceSpans)
      scanner.collectsContents = contents
      scanner.scan(blocks)
      return scanner
    }

    /// How a parse that renders goes on once the tree is read: the body's style, and the links
    /// to point at pages.
    struct RenderRequest {
      var decorate: Bool
      var links: DocumentLinks?
    }

    /// Parses the document once: the pre-scan (`MathPrescan`) finds the formulas, they are
    /// replaced by markers, and cmark parses the result. The formulas that `BlockScanner` then
    /// finds in cmark's blocks must be exactly those the pre-scan replaced, and no marker may land
    /// in code, raw HTML or a link destination; otherwise this gives up (`nil`) and the document
    /// is parsed the careful way (`carefulParse`).
    ///
    /// A formula over several lines is replaced by its marker and, at the start of each later
    /// line, `Marker.joined`, so lines keep their numbers and each block's first column stays put.
    ///
    /// - Parameter render: how to render the tree, or `nil` to only parse. The render starts on
    ///   another core while the blocks are checked here.
    func singleParse(render: RenderRequest?) -> (
      document: MarkdownDocument, job: CommonMark.RenderJob?, fenceIndices: [Int]
    )? {
      let markdown = fences.bytes
      // A link reference definition is a paragraph to the pre-scan and nothing to cmark, and
      // whether a paragraph is one depends on all of its lines: not worth the guess.
      guard !Self.mayHoldLinkReferenceDefinition(markdown) else { return nil }
      let markdownLines = self.markdownLines
      let found = MathPrescan.spans(in: markdown, lines: markdownLines)
      // Number the formulas as `BlockScanner` does: display blocks and formulas in paragraphs,
      // in document order.
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
      let tree = CommonMark.Tree(source, checkingMarkers: true)
      guard !tree.misplacedMarker else { return nil }
      var unknownLinks: [(target: String, at: SourceLocation)] = []
      var job: CommonMark.RenderJob? = nil
      if let render {
        if let links = render.links { unknownLinks = tree.rewriteLinks(links) }
        job = tree.startRender(decorate: render.decorate)
      }
      var scanner = BlockScanner(
        bytes: markdown, lines: markdownLines, path: path, fences: fenceSpans)
      scanner.collectsContents = false
      scanner.scan(tree.blocks)
      guard scanner.mathByteRanges == found else { return nil }
      return (
        document(scanner: scanner, unknownLinks: unknownLinks), job, scanner.fenceIndices
      )
    }

    /// Parses the document as it is, then puts its formulas in place: the inline content of
    /// each block with math is parsed again with its formulas replaced by markers and grafted
    /// into the tree. Where that cannot be done (a document with link reference definitions,
    /// which only the whole document knows, or content that does not parse as one paragraph),
    /// the whole document is parsed again with its formulas replaced. This is the reference the
    /// single parse is held to.
    func carefulParse(render: RenderRequest) -> (
      document: MarkdownDocument, job: CommonMark.RenderJob, fenceIndices: [Int]
    ) {
      let markdown = fences.bytes
      var tree = CommonMark.Tree(markdown)
      let scanner = scan(tree.blocks, contents: true)
      // The new inline content of each block with math: formulas replaced by markers.
      var rewrites: [Int: String] = [:]
      for content in scanner.contents {
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
      if Self.hasLinkReferenceDefinitions(markdown) || !tree.graft(rewrites) {
        var marked: [UInt8] = []
        marked.reserveCapacity(markdown.count)
        var cursor = 0
        // A formula over several lines keeps its line breaks, as in the single parse, so that
        // the lines after it keep their numbers (link warnings are located on this tree).
        let joinedLine = Array(("\n" + Marker.joined).utf8)
        for (range, index) in zip(scanner.mathByteRanges, scanner.inlineIndices) {
          marked += markdown[cursor..<range.lowerBound]
          marked += Marker.math(index).utf8
          for byte in markdown[range] where byte == UInt8(ascii: "\n") { marked += joinedLine }
          cursor = range.upperBound
        }
        marked += markdown[cursor...]
        let reparsed = CommonMark.Tree(marked)
        // A marker can change what cmark makes of a block: `[a]: $x y$` is a paragraph (a
        // destination holds no space), `[a]: <marker>` a link reference definition, and the
        // paragraph, or the heading it underlines, would be lost. Then the blocks with math are
        // grafted after all (their references to definitions stay text), or, where that cannot
        // be done either, the tree stays as cmark read it, its formulas shown as written.
        if reparsed.hasSameBlocks(as: tree) {
          tree = reparsed
        } else {
          _ = tree.graft(rewrites)
        }
      }
      let unknownLinks = render.links.map { tree.rewriteLinks($0) } ?? []
      let job = tree.startRender(decorate: render.decorate)
      return (document(scanner: scanner, unknownLinks: unknownLinks), job, scanner.fenceIndices)
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
    ///
    /// - Parameter unknownLinks: links to `.md` files that are not documents of the site.
    func document(
      scanner: BlockScanner, unknownLinks: [(target: String, at: SourceLocation)] = []
    ) -> MarkdownDocument {
      let links = unknownLinks.map {
        Diagnostic.warning(
          "link to '\($0.target)', which is not a document of this site", path: path, at: $0.at)
      }
      return MarkdownDocument(
        path: path, frontMatter: frontMatter, mathSpans: scanner.mathSpans,
        codeBlocks: scanner.codeBlocks, headings: scanner.headings,
        diagnostics: (diagnostics + scanner.diagnostics + links).enumerated().sorted {
          let (a, b) = ($0.element.location, $1.element.location)
          let (p, q) = (a ?? .init(line: 0, column: 0), b ?? .init(line: 0, column: 0))
          return p != q ? p < q : $0.offset < $1.offset
        }.map(\.element))
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

  // MARK: - Helpers

  private static func frontMatterEnd(in bytes: [UInt8], lines: LineTable)
    -> (yamlEnd: Int, blankEnd: Int, closingLine: Int?)?
  {
    // Compared byte by byte: as characters, `\r\n` is one, which no trailing white space is.
    func line(_ number: Int) -> ArraySlice<UInt8> {
      let start = lines.lineStarts[number]
      var end = number + 1 < lines.lineStarts.count ? lines.lineStarts[number + 1] : bytes.count
      while end > start && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
      return bytes[start..<end]
    }
    guard lines.lineCount > 1, line(0).elementsEqual("---".utf8) else { return nil }
    for number in 1..<lines.lineCount {
      let text = line(number)
      if text.elementsEqual("---".utf8) || text.elementsEqual("...".utf8) {
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
