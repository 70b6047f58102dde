import BlockRecords
import Diagnostics
import Foundation
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
    -> Rendered
  {
    guard !document.mathSpans.isEmpty else { return Rendered() }
    var diagnostics: [Diagnostic] = []
    var definitions = siteMacros
    if let value = document.frontMatter["macros"] {
      guard case .map(let entries) = value else {
        diagnostics.append(
          .error(
            "front matter key 'macros' must map command names to their TeX", path: document.path,
            at: document.frontMatter.keyLines["macros"].map { SourceLocation(line: $0, column: 1) }
          ))
        return Rendered(html: escapedSources(document), diagnostics: diagnostics)
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
    // Labels are rare: most pages skip this after one look at each display formula's bytes.
    var labelledSpans: [Int: String] = [:]
    var formulas: [PageFormulas.Formula] = []
    if !page.labels.isEmpty {
      for (index, span) in document.mathSpans.enumerated() where span.display {
        guard let label = label(in: span.tex) else { continue }
        formulas.append(formula(span, label: label))
        if page.labels[label] != nil { labelledSpans[index] = label }
      }
    }
    return Rendered(
      html: html, diagnostics: diagnostics,
      formulas: PageFormulas(formulas: formulas, macros: usable),
      labelledSpans: labelledSpans, numbers: page.labels.mapValues(\.eqref))
  }

  /// What the math stage gives a page.
  struct Rendered {
    /// Each formula's HTML, in page order.
    var html: [String] = []
    /// The problems in them.
    var diagnostics: [Diagnostic] = []
    /// The labelled display formulas and the usable macros, for the page's blocks to evaluate.
    var formulas = PageFormulas()
    /// The label of each numbered display formula, by its index among the page's formulas.
    var labelledSpans: [Int: String] = [:]
    /// Each label's number as `\eqref` shows it, `(3)`.
    var numbers: [String: String] = [:]
  }

  /// A labelled display formula, with where its lines start in the file.
  static func formula(_ span: MathSpan, label: String) -> PageFormulas.Formula {
    PageFormulas.Formula(
      label: label, tex: span.tex,
      lines: span.lineStarts.map {
        PageFormulas.Line(offset: $0.texOffset, line: $0.location.line, column: $0.location.column)
      })
  }

  /// The name in the first `\\label{name}` of `tex`, or nil; searched in the UTF-8 bytes.
  static func label(in tex: String) -> String? {
    let utf8 = tex.utf8
    guard let start = utf8.firstRange(of: "\\label{".utf8),
      let end = utf8[start.upperBound...].firstIndex(of: UInt8(ascii: "}"))
    else { return nil }
    let name = String(decoding: utf8[start.upperBound..<end], as: UTF8.self)
      .trimmingCharacters(in: .whitespaces)
    return name.isEmpty ? nil : name
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
