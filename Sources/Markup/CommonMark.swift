import CCMark

/// The Swift face of libcmark. This is the only file that imports the C library: every call
/// parses, walks the C tree once into Swift values, and frees it before returning.
enum CommonMark {
  /// A block-level node of a parsed document, flattened in document order.
  struct Block: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
      case paragraph
      case heading(level: Int)
      case codeBlock(info: String, literal: String)
      case htmlBlock
    }

    var kind: Kind
    /// 1-based line and column (UTF-8 bytes) of the block's first character.
    var start: SourceLocation
    /// 1-based line and column of the block's last character.
    var end: SourceLocation
    /// How many block quotes contain the block.
    var quoteDepth: Int
  }

  /// HTML rendered with markers around the parts the page renderer replaces.
  struct MarkedHTML: Sendable {
    /// The HTML, with `Marker.heading(n)` just inside each heading's opening tag and
    /// `Marker.codeBlock(n)` on its own line where each code block stood.
    var html: String
    /// Each heading, in order: its level and its text without markup.
    var headings: [(level: Int, text: String)]
  }

  /// The options cmark is run with: unsafe (raw HTML is kept; a homework is its author's own
  /// page), and nothing that rewrites text (no smart punctuation, which would turn `--` in math
  /// into a dash).
  static let options: Int32 = CMARK_OPT_UNSAFE

  /// The leaf blocks of `source` that the pipeline cares about, with their positions.
  static func blocks(of source: String) -> [Block] {
    withDocument(source) { root in walk(root).blocks }
  }

  /// The blocks of a parsed tree, with their nodes.
  private static func walk(_ root: OpaquePointer) -> (blocks: [Block], nodes: [OpaquePointer]) {
    var blocks: [Block] = []
    var nodes: [OpaquePointer] = []
    var quoteDepth = 0
    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_BLOCK_QUOTE {
        quoteDepth += event == CMARK_EVENT_ENTER ? 1 : -1
        continue
      }
      guard event == CMARK_EVENT_ENTER else { continue }
      let kind: Block.Kind
      switch type {
      case CMARK_NODE_PARAGRAPH: kind = .paragraph
      case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
      case CMARK_NODE_CODE_BLOCK:
        kind = .codeBlock(
          info: string(cmark_node_get_fence_info(node)),
          literal: string(cmark_node_get_literal(node)))
      case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
      default: continue
      }
      blocks.append(
        Block(
          kind: kind,
          start: SourceLocation(
            line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node))),
          end: SourceLocation(
            line: Int(cmark_node_get_end_line(node)),
            column: Int(cmark_node_get_end_column(node))),
          quoteDepth: quoteDepth))
      nodes.append(node)
    }
    return (blocks, nodes)
  }

  /// `source` rendered to HTML exactly as `cmark --unsafe` renders it.
  static func html(of source: String) -> String {
    withDocument(source) { root in render(root) }
  }

  /// Parses `source` once and renders it, after replacing the inline content of some blocks.
  ///
  /// - Parameters:
  ///   - source: the Markdown.
  ///   - decorate: whether to put markers where headings and code blocks are, so that the page
  ///     renderer can give headings ids and replace code blocks (see `MarkedHTML`).
  ///   - rewrites: given the blocks, the new inline content of some of them, by index into the
  ///     blocks: Markdown that parses as a single paragraph, whose inlines replace the block's.
  /// - Returns: the HTML, or `nil` when a rewrite did not parse as a single paragraph.
  static func render(
    _ source: String, decorate: Bool, rewrites: ([Block]) -> [Int: String]
  ) -> MarkedHTML? {
    withDocument(source) { root in
      let (blocks, nodes) = walk(root)
      let targets = rewrites(blocks).sorted(by: { $0.key < $1.key })
      if !targets.isEmpty {
        guard graft(targets.map(\.value), into: targets.map { nodes[$0.key] }) else { return nil }
      }
      var headings: [(level: Int, text: String)] = []
      if decorate {
        var headingNodes: [OpaquePointer] = []
        var codeNodes: [OpaquePointer] = []
        for (block, node) in zip(blocks, nodes) {
          switch block.kind {
          case .heading: headingNodes.append(node)
          case .codeBlock: codeNodes.append(node)
          default: break
          }
        }
        for (index, node) in headingNodes.enumerated() {
          headings.append((Int(cmark_node_get_heading_level(node)), plainText(of: node)))
          let marker = cmark_node_new(CMARK_NODE_HTML_INLINE)
          cmark_node_set_literal(marker, Marker.heading(index))
          if let first = cmark_node_first_child(node) {
            cmark_node_insert_before(first, marker)
          } else {
            cmark_node_append_child(node, marker)
          }
        }
        for (index, node) in codeNodes.enumerated() {
          let marker = cmark_node_new(CMARK_NODE_HTML_BLOCK)
          cmark_node_set_literal(marker, Marker.codeBlock(index))
          cmark_node_replace(node, marker)
          cmark_node_free(node)
        }
      }
      return MarkedHTML(html: render(root), headings: headings)
    }
  }

  /// Replaces the inline children of each node with those of its new content. All contents are
  /// parsed together, as paragraphs separated by blank lines, which costs one parse instead of one
  /// per block.
  private static func graft(_ contents: [String], into targets: [OpaquePointer]) -> Bool {
    withDocument(contents.joined(separator: "\n\n")) { mini in
      var paragraphs: [OpaquePointer] = []
      var child = cmark_node_first_child(mini)
      while let node = child {
        guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { return false }
        paragraphs.append(node)
        child = cmark_node_next(node)
      }
      guard paragraphs.count == targets.count else { return false }
      for (paragraph, node) in zip(paragraphs, targets) {
        while let old = cmark_node_first_child(node) {
          cmark_node_unlink(old)
          cmark_node_free(old)
        }
        // The content starts with a marker line (see `Marker.lead`): drop it and its line break.
        if let lead = cmark_node_first_child(paragraph),
          cmark_node_get_type(lead) == CMARK_NODE_TEXT,
          string(cmark_node_get_literal(lead)) == Marker.lead
        {
          if let newline = cmark_node_next(lead),
            cmark_node_get_type(newline) == CMARK_NODE_SOFTBREAK
          {
            cmark_node_unlink(newline)
            cmark_node_free(newline)
          }
          cmark_node_unlink(lead)
          cmark_node_free(lead)
        }
        while let new = cmark_node_first_child(paragraph) {
          cmark_node_unlink(new)
          cmark_node_append_child(node, new)
        }
      }
      return true
    }
  }

  // MARK: - C plumbing

  private static func withDocument<T>(_ source: String, _ body: (OpaquePointer) -> T) -> T {
    var source = source
    return source.withUTF8 { buffer in
      let root = buffer.withMemoryRebound(to: CChar.self) { chars in
        cmark_parse_document(chars.baseAddress, chars.count, options)
      }!
      defer { cmark_node_free(root) }
      return body(root)
    }
  }

  private static func render(_ root: OpaquePointer) -> String {
    guard let html = cmark_render_html(root, options) else { return "" }
    defer { free(html) }
    return String(cString: html)
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }

  /// The text of a node's inline content without markup: text, code and line breaks.
  private static func plainText(of node: OpaquePointer) -> String {
    var text = ""
    let iterator = cmark_iter_new(node)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else {
        continue
      }
      switch cmark_node_get_type(child) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(child))
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
      default: break
      }
    }
    return text
  }
}

/// Private-use characters that mark, in rendered HTML, where the page renderer puts its own
/// HTML. They cannot come from a document: the parser rejects documents that contain them.
enum Marker {
  static let open: Character = "\u{E000}"
  static let close: Character = "\u{E001}"
  static let scalars: Set<Unicode.Scalar> = ["\u{E000}", "\u{E001}"]

  static func math(_ index: Int) -> String { "\u{E000}M\(index)\u{E001}" }
  static func heading(_ index: Int) -> String { "\u{E000}H\(index)\u{E001}" }
  static func codeBlock(_ index: Int) -> String { "\u{E000}C\(index)\u{E001}" }
  static func fence(_ index: Int) -> String { "\u{E000}F\(index)\u{E001}" }
  /// Stands for a line of a display block after its first; renders as nothing.
  static let filler = "\u{E000}f0\u{E001}"
  /// A line put before rewritten inline content, so that the content's first line is a
  /// paragraph's continuation and can never open a block; removed from the tree after parsing.
  static let lead = "\u{E000}h0\u{E001}"
}
