import Diagnostics
import FuzzSupport

@testable import Markup

/// The Markdown path: any bytes, parsed and rendered as a fragment and as a page.
///
/// Invariants, besides not crashing:
/// - every diagnostic, formula, code block and heading is located inside the input's lines;
/// - parsing alone and parsing to render find the same formulas;
/// - every formula, code block and heading badge the later stages hand in appears in the body
///   (formulas at most once each, code blocks and badges exactly once), in order, and nothing
///   else of the renderer's own markers is left;
/// - a fragment without formulas or front matter is exactly cmark's render of the input.
enum MarkdownTarget {
  static let links = DocumentLinks(
    source: "week1/hw.md", documents: ["week1/hw.md", "week1/notes.md", "week2/hw.md"])

  static func run(_ input: [UInt8]) {
    // Where the input is not UTF-8 the parser goes on with the bytes repaired (each bad byte
    // becomes U+FFFD), so columns after a bad byte are counted in the repaired text.
    let valid = isValidUTF8(input)
    let lines = InputLines(valid ? input : Array(String(decoding: input, as: UTF8.self).utf8))
    let document = MarkdownDocument.parse(input, path: "week1/hw.md")
    checkLocations(of: document, in: lines)

    let fragment = ParsedMarkdown.parse(input, path: "week1/hw.md", style: .fragment)
    invariant(
      fragment.document.mathSpans == document.mathSpans,
      "parsing to render found other formulas than parsing alone")
    let math = document.mathSpans.indices.map { Token.math($0).text }
    let html = fragment.render(PageContent(math: math, codeBlocks: [])).html
    guard let tokens = Token.all(in: html) else {
      invariant(false, "a marker is left in the fragment: \(excerpt(html))")
      return
    }
    let mathIndices = tokens.compactMap { token -> Int? in
      if case .math(let index) = token { return index }
      return nil
    }
    invariant(
      tokens.count == mathIndices.count && zip(mathIndices, mathIndices.dropFirst()).allSatisfy(<),
      "formulas out of order or repeated in the fragment: \(mathIndices)")
    // The parser replaces U+E000 and U+E001 (its markers), which cmark keeps.
    if document.mathSpans.isEmpty && valid && !hasFrontMatter(lines)
      && !String(decoding: input, as: UTF8.self).unicodeScalars.contains(where: {
        $0 == "\u{E000}" || $0 == "\u{E001}"
      })
    {
      let cmark = CommonMark.html(of: String(decoding: input, as: UTF8.self))
      invariant(
        html == cmark, "fragment differs from cmark:\n\(excerpt(html))\n\(excerpt(cmark))")
    }

    let parsed = ParsedMarkdown.parse(input, path: "week1/hw.md", style: .page, links: links)
    invariant(
      parsed.document.mathSpans == document.mathSpans
        && parsed.document.codeBlocks == document.codeBlocks
        && parsed.document.headings == document.headings,
      "parsing a page found another document than parsing alone")
    checkLocations(of: parsed.document, in: lines)
    let page = parsed.render(
      PageContent(
        math: math, codeBlocks: document.codeBlocks.indices.map { Token.code($0).text },
        headingSuffixes: document.headings.indices.map { Token.heading($0).text }))
    invariant(
      page.headings.count == document.headings.count,
      "\(page.headings.count) headings rendered, \(document.headings.count) parsed")
    invariant(
      Set(page.headings.map(\.id)).count == page.headings.count,
      "heading ids repeat: \(page.headings.map(\.id))")
    guard let pageTokens = Token.all(in: page.html) else {
      invariant(false, "a marker is left in the page: \(excerpt(page.html))")
      return
    }
    let blocks = pageTokens.filter { if case .code = $0 { true } else { false } }
    invariant(
      blocks == document.codeBlocks.indices.map { .code($0) },
      "code blocks \(blocks) in the page, \(document.codeBlocks.count) parsed")
    let badges = pageTokens.filter { if case .heading = $0 { true } else { false } }
    invariant(
      badges == document.headings.indices.map { .heading($0) },
      "heading badges \(badges) in the page, \(document.headings.count) headings")
  }

  /// Whether the parser takes the start of the input for front matter (which it blanks out, so
  /// the render is not cmark's).
  static func hasFrontMatter(_ lines: InputLines) -> Bool {
    guard lines.count > 1 else { return false }
    var first = lines.bytes[lines.lines[0].start..<lines.lines[0].end]
    while let last = first.last, last == 0x20 || last == 0x09 { first = first.dropLast() }
    return first.elementsEqual("---".utf8)
  }

  static func checkLocations(of document: MarkdownDocument, in lines: InputLines) {
    for diagnostic in document.diagnostics {
      guard let location = diagnostic.location else { continue }
      invariant(
        lines.contains(location),
        "diagnostic at \(location), outside the input's \(lines.count) lines: "
          + diagnostic.message)
    }
    for span in document.mathSpans {
      invariant(
        lines.contains(span.range.start) && lines.contains(span.range.end)
          && span.range.start < span.range.end,
        "formula \(excerpt(span.tex)) at \(span.range.start)-\(span.range.end)")
      invariant(
        lines.contains(span.texStart), "formula \(excerpt(span.tex)) starts at \(span.texStart)")
    }
    for block in document.codeBlocks {
      invariant(
        lines.contains(block.range.start) && lines.contains(block.range.end)
          && lines.contains(block.infoLocation)
          && block.codeStartLine >= 1 && block.codeStartLine <= lines.count + 1,
        "code block at \(block.range.start)-\(block.range.end), info at \(block.infoLocation)")
    }
    for heading in document.headings {
      invariant(
        lines.contains(heading.location) && (1...6).contains(heading.level),
        "heading of level \(heading.level) at \(heading.location)")
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  MarkdownTarget.run(fuzzInput(data, size))
  return 0
}
