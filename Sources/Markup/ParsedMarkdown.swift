/// A document parsed to be rendered: the document, which the math and execution stages read,
/// and its body, which cmark renders on another core meanwhile. `render` then puts what those
/// stages made (the HTML of formulas and code blocks, heading badges) in place.
///
/// The page flows one way: parse here, then the stages, each given the parsed document, then
/// `render` with their results. No stage is called from inside another.
public struct ParsedMarkdown: Sendable {
  /// The parsed document.
  public let document: MarkdownDocument
  /// How the body is rendered.
  public let style: RenderStyle
  /// The body being rendered by cmark, with markers where formulas, headings and code blocks go.
  let job: CommonMark.RenderJob
  /// The index in `document.mathSpans` of each display block marker.
  let fenceIndices: [Int]
  /// Whether the document was parsed in one pass (`Prepared.singleParse`).
  let singleParsed: Bool

  /// Parses a document and starts rendering its body.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - path: the path to show in diagnostics (for example `Content/hw3.md`).
  ///   - style: a fragment exactly as cmark renders it, or a page body (heading ids, code blocks
  ///     replaced).
  ///   - links: the site's documents, to point links to `.md` files at their pages (`nil` leaves
  ///     links as written). A link to a `.md` file that is not a document of the site becomes a
  ///     warning in `document.diagnostics`.
  public static func parse(
    _ bytes: [UInt8], path: String, style: RenderStyle, links: DocumentLinks? = nil
  ) -> ParsedMarkdown {
    parse(bytes, path: path, style: style, links: links, strategy: .singleParseFirst)
  }

  static func parse(
    _ bytes: [UInt8], path: String, style: RenderStyle, links: DocumentLinks?,
    strategy: MarkdownDocument.Strategy
  ) -> ParsedMarkdown {
    let prepared = MarkdownDocument.Prepared(bytes, path: path)
    let request = MarkdownDocument.Prepared.RenderRequest(decorate: style == .page, links: links)
    if strategy == .singleParseFirst, let single = prepared.singleParse(render: request),
      let job = single.job
    {
      return ParsedMarkdown(
        document: single.document, style: style, job: job, fenceIndices: single.fenceIndices,
        singleParsed: true)
    }
    let careful = prepared.carefulParse(render: request)
    return ParsedMarkdown(
      document: careful.document, style: style, job: careful.job,
      fenceIndices: careful.fenceIndices, singleParsed: false)
  }

  /// The body with the formulas, heading ids and code blocks in place. Waits for cmark's render
  /// when it is not done yet.
  ///
  /// - Parameter content: the HTML of each formula (parallel to `document.mathSpans`), of each
  ///   code block (parallel to `document.codeBlocks`; ignored for a fragment) and what goes after
  ///   each heading.
  public func render(_ content: PageContent) -> RenderedBody {
    let mathSpans = document.mathSpans
    let math = content.math
    let codeBlocks = content.codeBlocks
    let suffixes = content.headingSuffixes
    precondition(math.count == mathSpans.count, "math: one HTML string per formula is needed")
    precondition(
      style == .fragment || codeBlocks.count == document.codeBlocks.count,
      "codeBlocks: one HTML string per code block is needed")
    let marked = job.marked
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
      math: { math[$0] }, mathInAttribute: { escapeHTML(mathSpans[$0].tex) },
      fenceIndices: fenceIndices,
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
