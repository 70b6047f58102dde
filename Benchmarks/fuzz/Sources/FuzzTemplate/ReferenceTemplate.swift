import Builder
import Diagnostics

/// A second reading of the template rules (`Template`'s documentation), written for the fuzz
/// target to compare the engine with: a recursive parser over the bytes and a renderer that stops
/// past a budget.
///
/// The rules, including those the documentation leaves to the code: a tag is `{{…}}`, or
/// `{{{…}}}` for a raw variable, with spaces (only spaces) trimmed around the name; `{{!…}}` is a
/// comment; `#` and `^` open a section and `/` closes the innermost one, whose name it must
/// repeat. A dotted name is looked up by its first part from the innermost scope out, and the
/// scope that holds the first part decides. Text and flags show as text (`true` for a set flag),
/// lists and contexts as nothing. A section over a list repeats once per item with the item's
/// keys in scope, over a context once with its keys in scope, over set text or a set flag once.
/// Errors are located at the `{{` of the tag at fault (an unclosed section: its opening tag).
enum ReferenceTemplate {
  indirect enum Node {
    case text(String)
    case variable(String, escaped: Bool)
    case section(String, inverted: Bool, [Node])
  }

  struct Failure: Error {
    var message: String
    var location: SourceLocation
  }

  static func parse(_ source: String) -> Result<[Node], Failure> {
    var parser = Parser(bytes: Array(source.utf8))
    do {
      let nodes = try parser.nodes(closing: nil)
      return .success(nodes)
    } catch {
      return .failure(error)
    }
  }

  struct Parser {
    let bytes: [UInt8]
    var index = 0

    /// The location of a byte offset, lines ending at `\n`.
    func location(_ offset: Int) -> SourceLocation {
      var line = 1
      var lineStart = 0
      for position in 0..<offset where bytes[position] == UInt8(ascii: "\n") {
        line += 1
        lineStart = position + 1
      }
      return SourceLocation(line: line, column: offset - lineStart + 1)
    }

    func starts(with text: String, at offset: Int) -> Bool {
      let pattern = Array(text.utf8)
      return offset + pattern.count <= bytes.count
        && bytes[offset..<(offset + pattern.count)].elementsEqual(pattern)
    }

    func find(_ text: String, from offset: Int) -> Int? {
      var position = offset
      while position < bytes.count {
        if starts(with: text, at: position) { return position }
        position += 1
      }
      return nil
    }

    static func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
      var slice = slice
      while slice.first == UInt8(ascii: " ") { slice = slice.dropFirst() }
      while slice.last == UInt8(ascii: " ") { slice = slice.dropLast() }
      return slice
    }

    /// The nodes up to the tag closing the section `closing` (opened at byte `at`), or to the
    /// end of the template at the top.
    mutating func nodes(closing: (name: String, at: Int)?) throws(Failure) -> [Node] {
      var nodes: [Node] = []
      while true {
        guard let open = find("{{", from: index) else {
          if index < bytes.count {
            nodes.append(.text(String(decoding: bytes[index...], as: UTF8.self)))
          }
          index = bytes.count
          if let closing {
            throw Failure(
              message: "section '{{#\(closing.name)}}' is not closed",
              location: location(closing.at))
          }
          return nodes
        }
        if open > index {
          nodes.append(.text(String(decoding: bytes[index..<open], as: UTF8.self)))
        }
        let raw = starts(with: "{{{", at: open)
        let contentStart = open + (raw ? 3 : 2)
        guard let close = find(raw ? "}}}" : "}}", from: contentStart) else {
          throw Failure(message: "template tag is not closed", location: location(open))
        }
        let content = Self.trimmed(bytes[contentStart..<close])
        index = close + (raw ? 3 : 2)
        if raw {
          nodes.append(.variable(String(decoding: content, as: UTF8.self), escaped: false))
          continue
        }
        let sigil = content.first
        let name = String(decoding: Self.trimmed(content.dropFirst()), as: UTF8.self)
        switch sigil {
        case UInt8(ascii: "!"):
          continue
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
          let children = try self.nodes(closing: (name, open))
          nodes.append(.section(name, inverted: sigil == UInt8(ascii: "^"), children))
        case UInt8(ascii: "/"):
          guard let closing, closing.name == name else {
            throw Failure(
              message: "'{{/\(name)}}' closes no open section", location: location(open))
          }
          return nodes
        default:
          nodes.append(.variable(String(decoding: content, as: UTF8.self), escaped: true))
        }
      }
    }
  }

  // MARK: - Rendering

  /// The template filled in, or `nil` when that takes more than `budget` bytes or steps.
  static func render(_ nodes: [Node], _ context: [String: TemplateValue], budget: Int)
    -> String?
  {
    var renderer = Renderer(budget: budget)
    guard renderer.render(nodes, scopes: [context]) else { return nil }
    return String(decoding: renderer.output, as: UTF8.self)
  }

  struct Renderer {
    var budget: Int
    var output: [UInt8] = []

    mutating func render(_ nodes: [Node], scopes: [[String: TemplateValue]]) -> Bool {
      for node in nodes {
        budget -= 1
        guard budget > 0, output.count <= budget else { return false }
        switch node {
        case .text(let text):
          output += text.utf8
        case .variable(let name, let escaped):
          switch ReferenceTemplate.value(of: name, in: scopes) {
          case .text(let text)?:
            output += escaped ? ReferenceTemplate.escaped(text) : Array(text.utf8)
          case .flag(true)?: output += "true".utf8
          default: break
          }
        case .section(let name, let inverted, let children):
          let value = ReferenceTemplate.value(of: name, in: scopes)
          let shown: Bool
          switch value {
          case .text(let text)?: shown = !text.isEmpty
          case .flag(let flag)?: shown = flag
          case .list(let items)?: shown = !items.isEmpty
          case .context?: shown = true
          case nil: shown = false
          }
          if inverted {
            if !shown && !render(children, scopes: scopes) { return false }
            continue
          }
          guard shown else { continue }
          switch value {
          case .list(let items)?:
            for item in items where !render(children, scopes: scopes + [item]) { return false }
          case .context(let inner)?:
            if !render(children, scopes: scopes + [inner]) { return false }
          default:
            if !render(children, scopes: scopes) { return false }
          }
        }
      }
      return true
    }
  }

  static func value(of name: String, in scopes: [[String: TemplateValue]]) -> TemplateValue? {
    let parts = name.split(separator: ".")
    guard let first = parts.first else { return nil }
    guard let scope = scopes.last(where: { $0[String(first)] != nil }) else { return nil }
    var value = scope[String(first)]!
    for part in parts.dropFirst() {
      guard case .context(let inner) = value, let next = inner[String(part)] else { return nil }
      value = next
    }
    return value
  }

  static func escaped(_ text: String) -> [UInt8] {
    var result: [UInt8] = []
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "<"): result += "&lt;".utf8
      case UInt8(ascii: ">"): result += "&gt;".utf8
      case UInt8(ascii: "&"): result += "&amp;".utf8
      case UInt8(ascii: "\""): result += "&quot;".utf8
      default: result.append(byte)
      }
    }
    return result
  }

  // MARK: - Size

  /// A bound on the output's size that follows from the template alone: each variable at most
  /// the longest value of the context escaped (six bytes a character), each section at most the
  /// longest list's length times its content.
  static func sizeBound(_ nodes: [Node], _ context: [String: TemplateValue]) -> Int {
    var longestText = 4  // "true"
    var longestList = 1
    func visit(_ value: TemplateValue) {
      switch value {
      case .text(let text): longestText = max(longestText, text.utf8.count * 6)
      case .flag: break
      case .list(let items):
        longestList = max(longestList, items.count)
        for item in items { item.values.forEach(visit) }
      case .context(let inner): inner.values.forEach(visit)
      }
    }
    context.values.forEach(visit)
    func bound(_ nodes: [Node]) -> Int {
      nodes.reduce(0) { total, node in
        switch node {
        case .text(let text): total.addingReportingOverflow(text.utf8.count).partialValue
        case .variable: total + longestText
        case .section(_, let inverted, let children):
          total + (inverted ? 1 : longestList) * bound(children)
        }
      }
    }
    return bound(nodes)
  }
}
