import Diagnostics

@testable import Markup

extension ParsedMarkdown {
  /// A document parsed to be rendered as a fragment, exactly as cmark renders it.
  static func fragment(
    _ bytes: [UInt8], path: String, strategy: MarkdownDocument.Strategy = .singleParseFirst
  ) -> ParsedMarkdown {
    parse(bytes, path: path, style: .fragment, links: nil, strategy: strategy)
  }

  /// A document parsed to be rendered as a page body.
  static func page(
    _ bytes: [UInt8], path: String, strategy: MarkdownDocument.Strategy = .singleParseFirst
  ) -> ParsedMarkdown {
    parse(bytes, path: path, style: .page, links: nil, strategy: strategy)
  }

  /// The body as a fragment, with the given HTML for each formula.
  func renderFragment(math: [String]) -> String {
    render(PageContent(math: math, codeBlocks: [])).html
  }

  var mathSpans: [MathSpan] { document.mathSpans }
  var diagnostics: [Diagnostic] { document.diagnostics }
}
