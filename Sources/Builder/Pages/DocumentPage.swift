import Diagnostics
import Markup

/// Everything a document's page shows, gathered by the earlier stages.
public struct DocumentPage: Sendable {
  /// The document.
  public var source: ContentFolder.Source
  /// Its parsed form.
  public var document: MarkdownDocument
  /// HTML for the page header: the summary of the page's checks (empty when it has none).
  public var summary: String = ""
  /// HTML after each heading's entry in the table of contents, by heading id.
  public var headingBadges: [String: String] = [:]

  /// The rendered body.
  public let body: RenderedBody

  /// Gathers a page around its rendered body.
  public init(source: ContentFolder.Source, document: MarkdownDocument, body: RenderedBody) {
    self.source = source
    self.document = document
    self.body = body
  }

  /// The page's title: the front matter's `title`, else the first top-level heading, else the
  /// file name.
  public var title: String {
    document.frontMatter.title ?? body.headings.first { $0.level == 1 }?.text
      ?? String(source.relativePath.dropLast(3))
  }

  /// The page as HTML, through the theme's page template, and the template's error when the
  /// page grew past its limit (see `Template.render(_:output:)`).
  public func render(theme: Theme, siteTitle: String) -> (html: String, diagnostic: Diagnostic?) {
    var context: [String: TemplateValue] = [:]
    for (key, value) in document.frontMatter.entries {
      context[key] = Self.templateValue(value)
    }
    let matter = document.frontMatter
    context["title"] = .text(title)
    context["site"] = .text(siteTitle)
    context["root"] = .text(source.rootPrefix)
    context["source"] = .text(source.sitePath)
    context["body"] = .text(body.html)
    context["summary"] = .text(summary)
    context["showTitle"] = .flag(matter.title != nil)
    context["byline"] = .flag(matter.author != nil || matter.due != nil)
    let entries = body.headings.filter { $0.level >= 2 && $0.level <= 4 }.map { heading in
      [
        "level": TemplateValue.text(String(heading.level)), "id": .text(heading.id),
        "html": .text(heading.html), "badge": .text(headingBadges[heading.id] ?? ""),
      ]
    }
    context["toc"] = entries.count >= 2 ? .context(["entries": .list(entries)]) : .flag(false)
    let (html, diagnostic) = theme.page.render(context, output: source.pagePath)
    return (html, diagnostic)
  }

  static func templateValue(_ value: FrontMatterValue) -> TemplateValue {
    switch value {
    case .text(let text): return .text(text)
    case .list(let items):
      return .list(
        items.map { item in
          if case .map = item, case .context(let context) = templateValue(item) { return context }
          return ["value": templateValue(item)]
        })
    case .map(let entries):
      var context: [String: TemplateValue] = [:]
      for (key, value) in entries { context[key] = templateValue(value) }
      return .context(context)
    }
  }
}
