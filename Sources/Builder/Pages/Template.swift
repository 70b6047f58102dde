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
public struct Template: Sendable {
  indirect enum Node: Sendable {
    case text(String)
    case variable(String, escaped: Bool)
    case section(String, inverted: Bool, [Node])
  }

  let nodes: [Node]

  /// Parses a template.
  ///
  /// - Parameters:
  ///   - source: the template text.
  ///   - path: the template's path, for diagnostics.
  /// - Throws: a `Diagnostic` at the offending tag for an unclosed tag or a mismatched section.
  public init(_ source: String, path: String) throws(Diagnostic) {
    let lines = LineTable(source.utf8)
    var stack: [(name: String, inverted: Bool, nodes: [Node], offset: Int)] = []
    var current: [Node] = []
    var cursor = source.utf8.startIndex
    let utf8 = source.utf8
    func location(_ index: String.Index) -> SourceLocation {
      lines.location(ofOffset: utf8.distance(from: utf8.startIndex, to: index))
    }
    while let open = source[cursor...].range(of: "{{") {
      if open.lowerBound > cursor {
        current.append(.text(String(source[cursor..<open.lowerBound])))
      }
      let triple = source[open.upperBound...].hasPrefix("{")
      let closer = triple ? "}}}" : "}}"
      let nameStart = triple ? source.index(after: open.upperBound) : open.upperBound
      guard let close = source[nameStart...].range(of: closer) else {
        throw .error("template tag is not closed", path: path, at: location(open.lowerBound))
      }
      let tag = source[nameStart..<close.lowerBound].trimmingCharacters(in: " ")
      cursor = close.upperBound
      if triple {
        current.append(.variable(tag, escaped: false))
        continue
      }
      switch tag.first {
      case "!":
        continue
      case "#", "^":
        stack.append(
          (
            String(tag.dropFirst()).trimmingCharacters(in: " "), tag.first == "^", current,
            utf8.distance(from: utf8.startIndex, to: open.lowerBound)
          ))
        current = []
      case "/":
        let name = String(tag.dropFirst()).trimmingCharacters(in: " ")
        guard let top = stack.popLast(), top.name == name else {
          throw .error(
            "'{{/\(name)}}' closes no open section", path: path, at: location(open.lowerBound))
        }
        let section = Node.section(name, inverted: top.inverted, current)
        current = top.nodes + [section]
      default:
        current.append(.variable(tag, escaped: true))
      }
    }
    if cursor < source.endIndex { current.append(.text(String(source[cursor...]))) }
    if let open = stack.last {
      throw .error(
        "section '{{#\(open.name)}}' is not closed", path: path,
        at: lines.location(ofOffset: open.offset))
    }
    nodes = current
  }

  /// The template filled in from a context.
  public func render(_ context: [String: TemplateValue]) -> String {
    var output = ""
    render(nodes, scopes: [context], into: &output)
    return output
  }

  private func render(_ nodes: [Node], scopes: [[String: TemplateValue]], into output: inout String)
  {
    for node in nodes {
      switch node {
      case .text(let text):
        output += text
      case .variable(let name, let escaped):
        guard let value = lookup(name, in: scopes) else { continue }
        let text: String
        switch value {
        case .text(let string): text = string
        case .flag(let flag): text = flag ? "true" : ""
        case .list, .context: text = ""
        }
        output += escaped ? escapeHTML(text) : text
      case .section(let name, let inverted, let children):
        let value = lookup(name, in: scopes)
        let truthy = value?.isTruthy ?? false
        if inverted {
          if !truthy { render(children, scopes: scopes, into: &output) }
          continue
        }
        guard truthy, let value else { continue }
        switch value {
        case .list(let items):
          for item in items { render(children, scopes: scopes + [item], into: &output) }
        case .context(let context):
          render(children, scopes: scopes + [context], into: &output)
        case .text, .flag:
          render(children, scopes: scopes, into: &output)
        }
      }
    }
  }

  private func lookup(_ name: String, in scopes: [[String: TemplateValue]]) -> TemplateValue? {
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
  func trimmingCharacters(in set: Character) -> String {
    var slice = Substring(self)
    while slice.first == set { slice = slice.dropFirst() }
    while slice.last == set { slice = slice.dropLast() }
    return String(slice)
  }
}
