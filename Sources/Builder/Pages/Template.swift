import Diagnostics
import Markup

/// A value a template can show: text, a flag, a list of contexts, or a nested context.
public indirect enum TemplateValue: Sendable {
  /// Text; `{{name}}` escapes it, `{{{name}}}` inserts it as HTML.
  case text(String)
  /// A flag for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
  case flag(Bool)
  /// A list: a section is repeated once per item.
  case list([[String: TemplateValue]])
  /// A nested context: a section is shown once with its keys in scope.
  case context([String: TemplateValue])

  /// The UTF-8 length of all the text in the value.
  var textBytes: Int {
    switch self {
    case .text(let text): return text.utf8.count
    case .flag: return 0
    case .list(let items):
      return items.reduce(0) { total, item in item.values.reduce(total) { $0 + $1.textBytes } }
    case .context(let context): return context.values.reduce(0) { $0 + $1.textBytes }
    }
  }

  var isTruthy: Bool {
    switch self {
    case .text(let text): return !text.isEmpty
    case .flag(let flag): return flag
    case .list(let list): return !list.isEmpty
    case .context: return true
    }
  }
}

/// A page template in a small subset of Mustache: `{{name}}` (escaped), `{{{name}}}` (as is),
/// `{{#name}}…{{/name}}` (shown when set, repeated for a list), `{{^name}}…{{/name}}` (shown when
/// unset), `{{! comment }}`. Names may be dotted (`{{page.title}}`). Unknown names are empty.
///
/// Sections nest at most `InputLimits.templateDepth` deep, and what a template writes is bounded
/// by what it is given (`InputLimits.templateOutputBytes`), so that a small template cannot
/// multiply a page into gigabytes.
public struct Template: Sendable {
  indirect enum Node: Sendable {
    case text(String, offset: Int)
    case variable(String, escaped: Bool, offset: Int)
    case section(String, inverted: Bool, [Node], offset: Int)
  }

  let nodes: [Node]
  /// The template's path, for diagnostics.
  let path: String
  /// The template's lines, to locate its tags.
  let lines: LineTable

  /// Parses a template.
  ///
  /// - Parameters:
  ///   - source: the template text.
  ///   - path: the template's path, for diagnostics.
  /// - Throws: a `Diagnostic` at the offending tag for an unclosed tag, a mismatched section or
  ///   sections nested deeper than `InputLimits.templateDepth`.
  public init(_ source: String, path: String) throws(Diagnostic) {
    let bytes = Array(source.utf8)
    let lines = LineTable(bytes)
    self.path = path
    self.lines = lines
    var stack: [(name: String, inverted: Bool, nodes: [Node], offset: Int)] = []
    var current: [Node] = []
    var cursor = 0
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    // Each search starts where the last tag ended: the time grows with the template's length.
    while let open = Self.firstIndex(of: Self.openTag, in: bytes, from: cursor) {
      if open > cursor { current.append(.text(text(cursor..<open), offset: cursor)) }
      let triple = open + 2 < bytes.count && bytes[open + 2] == UInt8(ascii: "{")
      let closer = triple ? Self.tripleCloseTag : Self.closeTag
      let nameStart = open + (triple ? 3 : 2)
      guard let close = Self.firstIndex(of: closer, in: bytes, from: nameStart) else {
        throw .error("template tag is not closed", path: path, at: lines.location(ofOffset: open))
      }
      let tag = text(nameStart..<close).trimmingCharacters(in: " ")
      cursor = close + closer.count
      if triple {
        current.append(.variable(tag, escaped: false, offset: open))
        continue
      }
      // Read by Unicode scalar, not by character: a combining mark after `#` leaves it a `#`.
      switch tag.unicodeScalars.first {
      case "!":
        continue
      case "#", "^":
        guard stack.count < InputLimits.templateDepth else {
          throw .error(
            "template sections nest more than \(InputLimits.templateDepth) deep", path: path,
            at: lines.location(ofOffset: open))
        }
        stack.append(
          (
            String(tag.unicodeScalars.dropFirst()).trimmingCharacters(in: " "),
            tag.unicodeScalars.first == "^", current, open
          ))
        current = []
      case "/":
        let name = String(tag.unicodeScalars.dropFirst()).trimmingCharacters(in: " ")
        guard let top = stack.popLast(), top.name == name else {
          throw .error(
            "'{{/\(name)}}' closes no open section", path: path, at: lines.location(ofOffset: open))
        }
        let section = Node.section(name, inverted: top.inverted, current, offset: top.offset)
        current = top.nodes
        current.append(section)
      default:
        current.append(.variable(tag, escaped: true, offset: open))
      }
    }
    if cursor < bytes.count { current.append(.text(text(cursor..<bytes.count), offset: cursor)) }
    if let open = stack.last {
      throw .error(
        "section '{{#\(open.name)}}' is not closed", path: path,
        at: lines.location(ofOffset: open.offset))
    }
    nodes = current
  }

  private static let openTag = Array("{{".utf8)
  private static let closeTag = Array("}}".utf8)
  private static let tripleCloseTag = Array("}}}".utf8)

  /// Where `needle` first occurs in `bytes` at or after `start`.
  private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    var index = start
    while index + needle.count <= bytes.count {
      guard let found = bytes[index...].firstIndex(of: needle[0]) else { return nil }
      guard found + needle.count <= bytes.count else { return nil }
      if bytes[found..<found + needle.count].elementsEqual(needle) { return found }
      index = found + 1
    }
    return nil
  }

  /// The template filled in from a context.
  ///
  /// The text may be at most `InputLimits.templateOutputBytes` of the template's length plus that
  /// of all the text in `context`; a template that would write more stops at the tag that crosses
  /// the limit, with an error there.
  ///
  /// - Parameters:
  ///   - context: the values the template's names refer to.
  ///   - output: the file being written, for the error (`week1/hw.html`).
  /// - Returns: the text, and the error when it was cut.
  public func render(_ context: [String: TemplateValue], output: String) -> (
    text: String, diagnostic: Diagnostic?
  ) {
    let inputBytes = lines.byteCount + context.values.reduce(0) { $0 + $1.textBytes }
    var renderer = Renderer(limit: InputLimits.templateOutputBytes(inputBytes: inputBytes))
    renderer.render(nodes, scopes: [context])
    guard let offset = renderer.overflow else { return (renderer.output, nil) }
    let diagnostic = Diagnostic.error(
      "\(output) would be longer than \(renderer.limit) bytes "
        + "(\(InputLimits.templateOutputFactor) times this template and the text it is given, "
        + "plus \(InputLimits.describe(bytes: InputLimits.templateOutputSlack))): "
        + "it is cut at this tag", path: path, at: lines.location(ofOffset: offset))
    return (renderer.output, diagnostic)
  }

  /// Writes nodes into `output` until they are done or the next piece would pass `limit`.
  private struct Renderer {
    let limit: Int
    var output = ""
    /// The offset in the template of the node that would have passed the limit.
    var overflow: Int? = nil

    init(limit: Int) { self.limit = limit }

    mutating func append(_ text: String, at offset: Int) {
      guard output.utf8.count + text.utf8.count <= limit else {
        overflow = offset
        return
      }
      output += text
    }

    mutating func render(_ nodes: [Node], scopes: [[String: TemplateValue]]) {
      for node in nodes {
        guard overflow == nil else { return }
        switch node {
        case .text(let text, let offset):
          append(text, at: offset)
        case .variable(let name, let escaped, let offset):
          guard let value = Template.lookup(name, in: scopes) else { continue }
          let text: String
          switch value {
          case .text(let string): text = string
          case .flag(let flag): text = flag ? "true" : ""
          case .list, .context: text = ""
          }
          append(escaped ? escapeHTML(text) : text, at: offset)
        case .section(let name, let inverted, let children, _):
          let value = Template.lookup(name, in: scopes)
          let truthy = value?.isTruthy ?? false
          if inverted {
            if !truthy { render(children, scopes: scopes) }
            continue
          }
          guard truthy, let value else { continue }
          switch value {
          case .list(let items):
            for item in items { render(children, scopes: scopes + [item]) }
          case .context(let context):
            render(children, scopes: scopes + [context])
          case .text, .flag:
            render(children, scopes: scopes)
          }
        }
      }
    }
  }

  private static func lookup(_ name: String, in scopes: [[String: TemplateValue]])
    -> TemplateValue?
  {
    let parts = name.split(separator: ".").map(String.init)
    guard let first = parts.first else { return nil }
    for scope in scopes.reversed() {
      guard var value = scope[first] else { continue }
      for part in parts.dropFirst() {
        guard case .context(let context) = value, let next = context[part] else { return nil }
        value = next
      }
      return value
    }
    return nil
  }
}

extension StringProtocol {
  /// The text without `scalar` at either end, read by Unicode scalar (a combining mark after a
  /// space does not make it another character here).
  func trimmingCharacters(in scalar: Unicode.Scalar) -> String {
    var scalars = Substring(self).unicodeScalars[...]
    while scalars.first == scalar { scalars = scalars.dropFirst() }
    while scalars.last == scalar { scalars = scalars.dropLast() }
    return String(String.UnicodeScalarView(scalars))
  }
}
