import Markup

/// The one HTML document that `hw pdf` prints: the chosen pages one after another, each starting
/// on a new sheet, then the digest of the sources.
///
/// It links the site's stylesheet (the theme's, with its print rules) and then `print.css`,
/// which only this document loads, so the site's own pages do not change. Each page is a CSS
/// named page (`hw-document-1`, …) whose margin boxes hold its title, course and author; the
/// page numbers run through the whole PDF. A Content-Security-Policy lets the document load
/// only local styles, fonts and images: no script runs, even one in a page's raw HTML, and
/// nothing is fetched from the network.
struct PrintDocument {
  /// What the document holds.
  var pages: [DocumentPage]
  var siteTitle: String
  /// The content folder's own name, as the site shows it (`Content`).
  var contentName: String
  var digest: SourcesDigest
  var paper: PaperSize

  /// The policy: local styles (the stylesheets and the rules in the head), fonts and images.
  static let securityPolicy =
    "default-src 'none'; style-src file: 'unsafe-inline'; font-src file: data:; "
    + "img-src file: data:"

  var html: String {
    let title = pages.count == 1 ? pages[0].title : siteTitle
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="\(Self.securityPolicy)">
      <title>\(escapeHTML(title))</title>
      <link rel="stylesheet" href="style.css">
      <link rel="stylesheet" href="print.css">
      <style>
      \(pageRules)</style>
      </head>
      <body class="hw-print">

      """
    for (index, page) in pages.enumerated() {
      html += "<article class=\"hw-print-document hw-print-document-\(index + 1)\">\n"
      html += header(page)
      html += "<main class=\"document\">\n\(page.body.html)</main>\n"
      if index == pages.count - 1 { html += footer }
      html += "</article>\n"
    }
    return html + "</body>\n</html>\n"
  }

  /// The paper size, and each document's named page with its title, course and author in the
  /// margin boxes.
  var pageRules: String {
    var css = "@page { size: \(paper.css); }\n"
    for (index, page) in pages.enumerated() {
      let matter = page.document.frontMatter
      let right = [matter["course"]?.text, matter.author].compactMap { $0 }
        .joined(separator: " · ")
      css += """
        .hw-print-document-\(index + 1) { page: hw-document-\(index + 1); }
        @page hw-document-\(index + 1) {
          @top-left { content: \(Self.cssString(page.title)); }
          @top-right { content: \(Self.cssString(right)); }
        }

        """
    }
    return css
  }

  /// The page's header: title, course, author and due date, and the summary of its checks.
  func header(_ page: DocumentPage) -> String {
    let matter = page.document.frontMatter
    // As the theme's page shows them: the course, then the author and the due date (which the
    // stylesheet separates with a dot).
    var people = ""
    if let author = matter.author {
      people += "<span class=\"author\">\(escapeHTML(author))</span>"
    }
    if let due = matter.due { people += " <span class=\"due\">Due \(escapeHTML(due))</span>" }
    let course = matter["course"]?.text.map { "<span class=\"course\">\(escapeHTML($0))</span>" }
    let byline = [course, people.isEmpty ? nil : people].compactMap { $0 }
    var html =
      "<header class=\"page-header\">\n<h1 class=\"title\">\(escapeHTML(page.title))</h1>\n"
    if !byline.isEmpty { html += "<p class=\"byline\">\(byline.joined(separator: " · "))</p>\n" }
    return html + page.summary + (page.summary.isEmpty ? "" : "\n") + "</header>\n"
  }

  /// The end of the last page: what the digest hashes, and the digest.
  var footer: String {
    let count = digest.files.count == 1 ? "its file" : "its \(digest.files.count) files"
    let sources = pages.map { "<code>\(escapeHTML($0.source.sitePath))</code>" }
      .joined(separator: ", ")
    return """
      <footer class="hw-print-sources">
      <p>Printed by hw from \(sources). Sources: <code>\(escapeHTML(contentName))</code>, \
      SHA-256 of \(count) (a <code>sha256sum</code> listing sorted by path; see <code>hw help \
      pdf</code>):</p>
      <p class="hw-print-digest"><code>\(digest.hex)</code></p>
      </footer>

      """
  }

  /// `text` as a CSS string: quoted, with `"`, `\`, `<` and line breaks escaped (so that no
  /// `</style>` can end the style element early).
  static func cssString(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"", "\\", "<", "\n", "\r", "\u{0C}":
        quoted += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
      default:
        quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "\""
  }
}
