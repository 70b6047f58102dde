import Markup

/// Turns a page's formulas into HTML.
enum MathHTML {
  /// The HTML of each formula of a document, and the problems found in them.
  static func render(_ document: MarkdownDocument) -> (html: [String], diagnostics: [Diagnostic]) {
    let html = document.mathSpans.map { span in
      span.display
        ? "<span class=\"math math-display\">\(escapeHTML(span.tex))</span>"
        : "<span class=\"math\">\(escapeHTML(span.tex))</span>"
    }
    return (html, [])
  }
}
