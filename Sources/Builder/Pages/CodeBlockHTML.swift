import Markup

/// The HTML of a code block that is only shown: Swift is highlighted, other languages escaped.
enum CodeBlockHTML {
  static func render(_ block: CodeBlock) -> String {
    let language = block.language
    let classAttribute = language.isEmpty ? "" : " class=\"language-\(escapeHTML(language))\""
    let code = language == "swift" ? SwiftHighlighter.html(block.code) : escapeHTML(block.code)
    return "<pre><code\(classAttribute)>\(code)</code></pre>"
  }
}
