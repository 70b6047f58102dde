import Diagnostics
import Markup
import TeXMath

/// The math stage: a page's formulas to MathML, with the document's and the site's macros.
enum MathHTML {
  /// The HTML of each formula of a document, and the problems found in them, each located at
  /// the offending token in the Markdown file. A formula with an error is shown as its source in
  /// an error box.
  ///
  /// - Parameters:
  ///   - document: the parsed document.
  ///   - siteMacros: the site-wide macros (`site.yml`), overridden by the document's own.
  static func render(_ document: MarkdownDocument, siteMacros: [String: String] = [:])
    -> (html: [String], diagnostics: [Diagnostic])
  {
    guard !document.mathSpans.isEmpty else { return ([], []) }
    var diagnostics: [Diagnostic] = []
    var definitions = siteMacros
    if let value = document.frontMatter["macros"] {
      guard case .map(let entries) = value else {
        diagnostics.append(
          .error(
            "front matter key 'macros' must map command names to their TeX", path: document.path,
            at: document.frontMatter.keyLines["macros"].map { SourceLocation(line: $0, column: 1) }
          ))
        return (escapedSources(document), diagnostics)
      }
      for (name, body) in entries {
        guard let text = body.text else {
          diagnostics.append(
            .error(
              "macro '\(name)' must be a single line of TeX", path: document.path,
              at: document.frontMatter.keyLines["macros"].map {
                SourceLocation(line: $0, column: 1)
              }))
          continue
        }
        definitions[name] = text
      }
    }
    // Each definition is checked on its own, so one bad macro leaves the others usable.
    var usable: [String: String] = [:]
    for (name, body) in definitions.sorted(by: { $0.key < $1.key }) {
      do {
        _ = try MacroTable([name: body])
        usable[name] = body
      } catch {
        diagnostics.append(
          .error(
            "bad macro '\(name)': \(error.message)", path: document.path,
            at: document.frontMatter.keyLines["macros"].map {
              SourceLocation(line: $0, column: 1)
            }))
      }
    }
    let macros = (try? MacroTable(usable)) ?? MacroTable()
    let page = MathPage(
      formulas: document.mathSpans.map { Formula(tex: $0.tex, display: $0.display) },
      macros: macros)
    var html: [String] = []
    html.reserveCapacity(page.results.count)
    for (span, result) in zip(document.mathSpans, page.results) {
      switch result {
      case .success(let markup):
        html.append(markup)
      case .failure(let error):
        diagnostics.append(
          .error(error.message, path: document.path, at: span.location(ofTeXOffset: error.offset)))
        html.append(errorBox(span, message: error.message))
      }
    }
    return (html, diagnostics)
  }

  /// A formula that did not convert: its source, in a box that says why.
  static func errorBox(_ span: MathSpan, message: String) -> String {
    let tag = "span"
    let kind = span.display ? "math-error math-error-display" : "math-error"
    return "<\(tag) class=\"\(kind)\" title=\"\(escapeHTML(message))\"><code>"
      + escapeHTML(span.tex) + "</code></\(tag)>"
  }

  private static func escapedSources(_ document: MarkdownDocument) -> [String] {
    document.mathSpans.map { errorBox($0, message: "macros could not be read") }
  }
}
