import Diagnostics
import FuzzSupport
import TeXMath

@testable import Markup

/// The math scanner and pre-scan: documents made mostly of `$`, `\`, `{`, `}`, backticks, quote
/// and list markers and text. Printable ASCII and line feeds stand for themselves (so the seeds
/// are readable documents); every other byte stands for a piece that trips math up (`$$`,
/// `\text{`, a quote marker on a new line, `\r`, …).
///
/// Invariants, besides not crashing:
/// - the single parse (formulas found before cmark runs) and the careful parse give the same
///   formulas, code blocks, headings, diagnostics and HTML (up to the white space of lazy lines,
///   as in the test suite's `SingleParseTests`);
/// - each formula starts and ends at a `$` of the document, and every byte of its TeX other than
///   white space is located at that very byte of the document, so an error inside a formula
///   points at the right character;
/// - every TeX error of the page is located inside the document, at the offending byte.
enum MathScanTarget {
  static let pieces: [String] = {
    let text = TextCommand.allCases.map { "\\\($0.rawValue){" }
    let markdown = [
      "$$", "\\$", "\\\\", "\\{", "\\}", "$x$", "$$y$$", "$5 and $6", "\n\n", "\n> ", "\n>> ",
      "\n- ", "\n  ", "\n    ", "\n1. ", "\n# ", "\n$$\n", "\n> $$\n", "\n- $$\n", "\n```\n",
      "\n~~~\n", "\n---\n", "\n===\n", "`", "``", "\r\n", "\r", "\t", "é", "\u{00A0}", "<b>",
      "</b>", "<!-- ", " -->", "<span title=\"", "<http://e.org/", "](", "[l](/u \"", "![",
      "[ref]: /u\n", "\\frac{", "\\begin{aligned}", "\\end{aligned}", " & ", "\\label{a}",
      "\\eqref{a}", "\\left(", "\\right)", "^{", "_{", "\\mathbf{", "\\operatorname{",
    ]
    return text + markdown
  }()

  /// The document a fuzz input stands for.
  static func document(_ input: [UInt8]) -> String {
    var text = ""
    text.reserveCapacity(input.count * 2)
    for byte in input {
      if (0x20...0x7E).contains(byte) || byte == 0x0A {
        text.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        text += pieces[Int(byte) % pieces.count]
      }
    }
    return text
  }

  static func run(_ input: [UInt8]) {
    let text = document(input)
    let bytes = Array(text.utf8)
    let lines = InputLines(bytes)
    let (fast, singleParsed) = Outcome.of(bytes, strategy: .singleParseFirst)
    let (careful, _) = Outcome.of(bytes, strategy: .careful)
    invariant(
      fast == careful,
      "the single parse (\(singleParsed ? "taken" : "not taken")) and the careful parse differ on "
        + excerpt(text, limit: 1000) + "\n" + fast.difference(from: careful))

    let spans = fast.spans
    for span in spans {
      invariant(
        lines.byte(at: span.range.start) == UInt8(ascii: "$"),
        "formula \(excerpt(span.tex)) does not start at a '$' (\(span.range.start))")
      let end = SourceLocation(line: span.range.end.line, column: span.range.end.column - 1)
      invariant(
        lines.byte(at: end) == UInt8(ascii: "$"),
        "formula \(excerpt(span.tex)) does not end at a '$' (\(span.range.end))")
      let tex = Array(span.tex.utf8)
      for (offset, byte) in tex.enumerated() where !isWhiteSpace(byte) {
        let location = span.location(ofTeXOffset: offset)
        invariant(
          lines.byte(at: location) == byte,
          "byte \(offset) of formula \(excerpt(span.tex)) is located at \(location), which holds "
            + "\(lines.byte(at: location).map { String($0) } ?? "nothing")")
      }
    }

    let page = MathPage(formulas: spans.map { Formula(tex: $0.tex, display: $0.display) })
    for (span, result) in zip(spans, page.results) {
      guard case .failure(let error) = result else { continue }
      let tex = Array(span.tex.utf8)
      invariant(
        error.offset >= 0 && error.offset <= tex.count,
        "error '\(error.message)' at byte \(error.offset) of a \(tex.count)-byte formula")
      let location = span.location(ofTeXOffset: error.offset)
      invariant(
        lines.contains(location),
        "error '\(error.message)' located at \(location), outside the document")
      if error.offset < tex.count && !isWhiteSpace(tex[error.offset]) {
        invariant(
          lines.byte(at: location) == tex[error.offset],
          "error '\(error.message)' located at \(location), not at its token")
      }
    }
  }

  static func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}

/// Everything a parse and its renderings give, to compare the two ways of parsing.
struct Outcome: Equatable {
  var spans: [MathSpan]
  var codeBlocks: [CodeBlock]
  var headings: [HeadingStart]
  var diagnostics: [Diagnostic]
  var fragment: String
  var page: String
  var pageHeadings: [RenderedBody.Heading]

  static func of(_ bytes: [UInt8], strategy: MarkdownDocument.Strategy) -> (
    Outcome, singleParsed: Bool
  ) {
    let document = MarkdownDocument.parse(bytes, path: "t.md", strategy: strategy)
    let math = document.mathSpans.indices.map { "<math>\($0)</math>" }
    let code = document.codeBlocks.indices.map { "<pre>C\($0)</pre>" }
    let fragment = ParsedMarkdown.parse(
      bytes, path: "t.md", style: .fragment, links: nil, strategy: strategy)
    let parsed = ParsedMarkdown.parse(
      bytes, path: "t.md", style: .page, links: nil, strategy: strategy)
    let page = parsed.render(PageContent(math: math, codeBlocks: code))
    invariant(
      parsed.document.mathSpans == document.mathSpans
        && fragment.document.mathSpans == document.mathSpans
        && parsed.document.codeBlocks == document.codeBlocks
        && parsed.singleParsed == fragment.singleParsed,
      "parsing to render found another document than parsing alone")
    let outcome = Outcome(
      spans: document.mathSpans, codeBlocks: document.codeBlocks, headings: document.headings,
      diagnostics: document.diagnostics,
      fragment: spacesCollapsed(fragment.render(PageContent(math: math, codeBlocks: [])).html),
      page: spacesCollapsed(page.html),
      pageHeadings: page.headings.map {
        var heading = $0
        heading.text = spacesCollapsed(heading.text)
        heading.html = spacesCollapsed(heading.html)
        return heading
      })
    return (outcome, parsed.singleParsed)
  }

  /// Which part differs, for the message.
  func difference(from other: Outcome) -> String {
    if spans != other.spans { return "formulas: \(spans) / \(other.spans)" }
    if codeBlocks != other.codeBlocks { return "code blocks: \(codeBlocks) / \(other.codeBlocks)" }
    if headings != other.headings { return "headings: \(headings) / \(other.headings)" }
    if diagnostics != other.diagnostics {
      return "diagnostics: \(diagnostics) / \(other.diagnostics)"
    }
    if fragment != other.fragment { return "fragment:\n\(fragment)\n/\n\(other.fragment)" }
    if page != other.page { return "page:\n\(page)\n/\n\(other.page)" }
    return "page headings: \(pageHeadings) / \(other.pageHeadings)"
  }

  /// Runs of spaces and tabs as one space, and none at the start of a line or at either end of
  /// a code span: the careful parse re-parses a paragraph with formulas on its own, so a lazy
  /// continuation line loses leading spaces that cmark, and so the single parse, keep.
  static func spacesCollapsed(_ html: String) -> String {
    var result = ""
    var last: Character = "\n"
    for character in html {
      let character: Character = character == "\t" ? " " : character
      if character == " " && (last == " " || last == "\n" || result.hasSuffix("<code>")) {
        continue
      }
      last = character
      result.append(character)
    }
    return result.replacing(" </code>", with: "</code>")
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMathScan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  MathScanTarget.run(fuzzInput(data, size))
  return 0
}
