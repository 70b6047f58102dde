import CCMark
import Diagnostics
import Dispatch

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
      case thematicBreak
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
  static func blocks(of source: [UInt8]) -> [Block] {
    Tree(source).blocks
  }

  /// `source` rendered to HTML exactly as `cmark --unsafe` renders it.
  static func html(of source: String) -> String {
    var source = source
    let root = source.withUTF8(parseTree)
    defer { cmark_node_free(root) }
    return render(root)
  }

  /// A parsed document, owned by the thread that parsed it until `startRender` hands it to
  /// another. Its leaf blocks are Swift values, read once when it is parsed.
  final class Tree {
    /// The C tree; `nil` once `startRender` has taken it.
    private var root: OpaquePointer?
    /// The leaf blocks, in document order.
    let blocks: [Block]
    /// The node of each block.
    private var nodes: [OpaquePointer]
    /// Whether a formula marker (`Marker.math`, `Marker.joined`) stands where no formula can:
    /// in code, raw HTML, a link destination or title. Looked for only when asked.
    let misplacedMarker: Bool

    /// Parses UTF-8 Markdown.
    ///
    /// - Parameter checkingMarkers: whether to look for misplaced formula markers.
    init(_ source: [UInt8], checkingMarkers: Bool = false) {
      // cmark drops a byte order mark at the start of what it is given. The parser has dropped
      // the file's own already, so one at the start of `source` is a second one, which is text
      // to cmark reading the file: cmark is given one more to drop.
      let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
      let root =
        source.starts(with: byteOrderMark)
        ? (byteOrderMark + source).withUnsafeBufferPointer(parseTree)
        : source.withUnsafeBufferPointer(parseTree)
      self.root = root
      (blocks, nodes, misplacedMarker) = CommonMark.walk(root, checkingMarkers: checkingMarkers)
    }

    deinit {
      if let root { cmark_node_free(root) }
    }

    /// Whether the trees have the same leaf blocks, of the same kinds, on the same lines.
    func hasSameBlocks(as other: Tree) -> Bool {
      blocks.count == other.blocks.count
        && zip(blocks, other.blocks).allSatisfy { a, b in
          a.kind == b.kind && a.start.line == b.start.line && a.end.line == b.end.line
            && a.quoteDepth == b.quoteDepth
        }
    }

    /// Replaces the inline content of some blocks by that of new Markdown: each string parses as
    /// a single paragraph whose inlines replace the block's (see `Marker.lead`). All are parsed
    /// together, as paragraphs separated by blank lines, which costs one parse instead of one per
    /// block.
    ///
    /// - Parameter rewrites: the new content, by index into `blocks`.
    /// - Returns: whether every rewrite parsed as a single paragraph; when not, the tree is left
    ///   as it was.
    func graft(_ rewrites: [Int: String]) -> Bool {
      guard !rewrites.isEmpty else { return true }
      let targets = rewrites.sorted { $0.key < $1.key }
      var contents = targets.map(\.value).joined(separator: "\n\n")
      let mini = contents.withUTF8(parseTree)
      defer { cmark_node_free(mini) }
      var paragraphs: [OpaquePointer] = []
      var child = cmark_node_first_child(mini)
      while let node = child {
        guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { return false }
        paragraphs.append(node)
        child = cmark_node_next(node)
      }
      guard paragraphs.count == targets.count else { return false }
      for (paragraph, target) in zip(paragraphs, targets) {
        let node = nodes[target.key]
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

    /// Points the links between a site's documents at their pages: the destination of every
    /// link and image, and each `href="…"` in raw HTML.
    ///
    /// - Returns: each link to a `.md` file that is not a document of the site, with the start
    ///   of the block that holds it.
    func rewriteLinks(_ links: DocumentLinks) -> [(target: String, at: SourceLocation)] {
      guard let root else { return [] }
      var unknown: [(target: String, at: SourceLocation)] = []
      var blockStart = SourceLocation(line: 1, column: 1)
      let iterator = cmark_iter_new(root)
      defer { cmark_iter_free(iterator) }
      while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else {
          continue
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
          blockStart = SourceLocation(
            line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node)))
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
          let target = string(cmark_node_get_url(node))
          switch links.resolve(target) {
          case .unchanged: break
          case .page(let page): cmark_node_set_url(node, page)
          case .unknown: unknown.append((target, blockStart))
          }
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
          if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            blockStart = SourceLocation(
              line: Int(cmark_node_get_start_line(node)),
              column: Int(cmark_node_get_start_column(node)))
          }
          let html = string(cmark_node_get_literal(node))
          let rewritten = links.rewriteAttributes(in: html)
          if rewritten.html != html { cmark_node_set_literal(node, rewritten.html) }
          unknown += rewritten.unknown.map { ($0, blockStart) }
        default: break
        }
      }
      return unknown
    }

    /// Hands the tree to another core, which renders it to HTML and frees it; the caller goes on
    /// with other work and reads the HTML from the job.
    ///
    /// - Parameter decorate: whether to put a marker just inside each heading and in place of
    ///   each code block first (see `MarkedHTML`).
    func startRender(decorate: Bool) -> RenderJob {
      let headings = decorate ? self.decorate() : []
      let root = self.root!
      self.root = nil
      nodes = []
      return RenderJob(root: root, headings: headings)
    }

    /// Puts a marker just inside each heading and in place of each code block (see
    /// `MarkedHTML`).
    ///
    /// - Returns: each heading's level and plain text, in order.
    private func decorate() -> [(level: Int, text: String)] {
      var headings: [(level: Int, text: String)] = []
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
      return headings
    }
  }

  /// A tree being rendered, and then freed, on a core of its own. `html` waits for it.
  final class RenderJob: @unchecked Sendable {
    /// The tree, given up by its parser; freed after the render (unless `ParseTrees` says
    /// otherwise), once the HTML is handed over.
    private let root: OpaquePointer
    /// Written once, by the render, before `done` is left.
    private var rendered = ""
    private let done = DispatchGroup()
    /// Each heading's level and plain text, in order (empty when the tree was not decorated).
    let headings: [(level: Int, text: String)]

    fileprivate init(root: OpaquePointer, headings: [(level: Int, text: String)]) {
      self.root = root
      self.headings = headings
      done.enter()
      // A queue of its own, not a shared pool: a page may be built on a pool thread that then
      // waits for this job, and a private serial queue always gets a thread of its own.
      DispatchQueue(label: "hw.cmark-render").async { self.run() }
    }

    private func run() {
      rendered = CommonMark.render(root)
      done.leave()
      if ParseTrees.freedAfterRender { cmark_node_free(root) }
    }

    /// The HTML with its markers, once the render is done.
    var marked: MarkedHTML {
      done.wait()
      return MarkedHTML(html: rendered, headings: headings)
    }
  }

  /// The blocks of a parsed tree, with their nodes.
  ///
  /// - Parameter checkingMarkers: whether to look for formula markers (`Marker.math`,
  ///   `Marker.joined`) where they do not belong: in code, raw HTML, link destinations and titles.
  /// - Returns: the blocks and their nodes, and whether a marker was found out of place.
  private static func walk(_ root: OpaquePointer, checkingMarkers: Bool = false) -> (
    blocks: [Block], nodes: [OpaquePointer], misplacedMarker: Bool
  ) {
    var blocks: [Block] = []
    var nodes: [OpaquePointer] = []
    var quoteDepth = 0
    var misplacedMarker = false
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
      if checkingMarkers {
        switch type {
        case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
          misplacedMarker = misplacedMarker || holdsFormulaMarker(cmark_node_get_literal(node))
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
          misplacedMarker =
            misplacedMarker || holdsFormulaMarker(cmark_node_get_url(node))
            || holdsFormulaMarker(cmark_node_get_title(node))
        default: break
        }
      }
      let kind: Block.Kind
      switch type {
      case CMARK_NODE_PARAGRAPH: kind = .paragraph
      case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
      case CMARK_NODE_CODE_BLOCK:
        kind = .codeBlock(
          info: string(cmark_node_get_fence_info(node)),
          literal: string(cmark_node_get_literal(node)))
      case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
      case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
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
    return (blocks, nodes, misplacedMarker)
  }

  /// Whether a C string holds `Marker.math` or `Marker.joined` (U+E000 is EE 80 80).
  private static func holdsFormulaMarker(_ text: UnsafePointer<CChar>?) -> Bool {
    guard var pointer = text.map({ UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) })
    else { return false }
    while pointer.pointee != 0 {
      if pointer.pointee == 0xEE && pointer[1] == 0x80 && pointer[2] == 0x80
        && (pointer[3] == UInt8(ascii: "M") || pointer[3] == UInt8(ascii: "j"))
      {
        return true
      }
      pointer += 1
    }
    return false
  }

  // MARK: - C plumbing

  /// The tree of UTF-8 Markdown; the caller frees it.
  private static func parseTree(_ utf8: UnsafeBufferPointer<UInt8>) -> OpaquePointer {
    utf8.withMemoryRebound(to: CChar.self) { chars in
      cmark_parse_document(chars.baseAddress, chars.count, options)
    }!
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
  /// Appends `math(index)` to `bytes`, without building a string.
  static func appendMath(_ index: Int, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: [0xEE, 0x80, 0x80, UInt8(ascii: "M")])
    if index == 0 {
      bytes.append(UInt8(ascii: "0"))
    } else {
      var divisor = 1
      while divisor <= index / 10 { divisor *= 10 }
      var rest = index
      while divisor > 0 {
        bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
        rest %= divisor
        divisor /= 10
      }
    }
    bytes.append(contentsOf: [0xEE, 0x80, 0x81])
  }
  static func heading(_ index: Int) -> String { "\u{E000}H\(index)\u{E001}" }
  static func codeBlock(_ index: Int) -> String { "\u{E000}C\(index)\u{E001}" }
  static func fence(_ index: Int) -> String { "\u{E000}F\(index)\u{E001}" }
  /// The numbers of the `fence` markers in `text`.
  static func fenceIndices(in text: String) -> [Int] {
    var indices: [Int] = []
    var scalars = text.unicodeScalars[...]
    while let open = scalars.firstIndex(of: "\u{E000}") {
      scalars = scalars[scalars.index(after: open)...]
      guard scalars.first == "F" else { continue }
      let digits = scalars.dropFirst().prefix { ("0"..."9").contains($0) }
      if let index = Int(String(String.UnicodeScalarView(digits))) { indices.append(index) }
    }
    return indices
  }
  /// Stands for a line of a display block after its first; renders as nothing.
  static let filler = "\u{E000}f0\u{E001}"
  /// Stands for a line break inside a formula when the document is parsed with its formulas
  /// already replaced (`Marker.math` first, then one of these at the start of each later line):
  /// the line stays, so every position after the formula stays where it was. Renders as nothing,
  /// and takes the line break before it along.
  static let joined = "\u{E000}j0\u{E001}"
  /// A line put before rewritten inline content, so that the content's first line is a
  /// paragraph's continuation and can never open a block; removed from the tree after parsing.
  static let lead = "\u{E000}h0\u{E001}"
}
