/// Serializes ``MathNode`` trees as MathML Core markup for an HTML5 page.
struct MathMLWriter {
  /// Resolves an equation reference to the target's element id and shown text.
  typealias Resolver = (MathNode.Reference) throws(TeXError) -> (id: String, text: String)

  var out = ""
  let resolve: Resolver

  init(resolve: @escaping Resolver) {
    self.resolve = resolve
    out.reserveCapacity(512)
  }

  mutating func write(_ node: MathNode) throws(TeXError) {
    if node.kind == .ref {
      let target = try resolve(node.reference!)
      out += "<mtext><a href=\"#"
      Self.escape(target.id, into: &out)
      out += "\">"
      Self.escape(target.text, into: &out)
      out += "</a></mtext>"
      return
    }
    let name = node.kind.rawValue
    out += "<"
    out += name
    for attribute in node.attributes {
      out += " "
      out += attribute.name
      out += "=\""
      Self.escape(attribute.value, into: &out)
      out += "\""
    }
    out += ">"
    switch node.kind {
    case .mi, .mn, .mo, .mtext:
      Self.escape(node.text, into: &out)
    default:
      for child in node.children { try write(child) }
    }
    out += "</"
    out += name
    out += ">"
  }

  /// Appends `text` with `& < > "` escaped and invisible characters written as references.
  static func escape(_ text: String, into out: inout String) {
    var plain = true
    for s in text.unicodeScalars where s == "&" || s == "<" || s == ">" || s == "\""
      || s == "\u{2061}" || s == "\u{A0}"
    {
      plain = false
      break
    }
    if plain {
      out += text
      return
    }
    for s in text.unicodeScalars {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\u{2061}": out += "&#x2061;"
      case "\u{A0}": out += "&#xA0;"
      default: out.unicodeScalars.append(s)
      }
    }
  }

  static func escape(_ text: String) -> String {
    var out = ""
    escape(text, into: &out)
    return out
  }
}
