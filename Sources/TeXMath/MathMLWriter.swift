/// Serializes ``MathNode`` trees as MathML Core markup for an HTML5 page.
///
/// Output is collected as UTF-8 bytes, which is several times faster than appending to a `String`.
struct MathMLWriter {
  /// Resolves an equation reference to the target's element id and shown text.
  typealias Resolver = (MathNode.Reference) throws(TeXError) -> (id: String, text: String)

  var bytes: [UInt8] = []
  let resolve: Resolver

  init(resolve: @escaping Resolver) {
    self.resolve = resolve
    bytes.reserveCapacity(1024)
  }

  /// The markup written so far.
  var output: String { String(decoding: bytes, as: UTF8.self) }

  /// Appends markup as is.
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends text with `& < > "` escaped and the invisible U+2061 and U+00A0 written as
  /// character references, so the markup shows them. Control characters other than tab, line
  /// feed and carriage return, which XML forbids or HTML reports, become U+FFFD (the lexer
  /// refuses them in TeX, so only text from elsewhere can hold them).
  mutating func text(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      var i = 0
      let n = utf8.count
      while i < n {
        let b = utf8[i]
        switch b {
        case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
        case 0xE2 where i + 2 < n && utf8[i + 1] == 0x81 && utf8[i + 2] == 0xA1:
          bytes.append(contentsOf: "&#x2061;".utf8)
          i += 2
        case 0xC2 where i + 1 < n && utf8[i + 1] == 0xA0:
          bytes.append(contentsOf: "&#xA0;".utf8)
          i += 1
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
          bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
        case 0xC2 where i + 1 < n && (0x80...0x9F).contains(utf8[i + 1]):
          bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
          i += 1
        default: bytes.append(b)
        }
        i += 1
      }
    }
  }

  mutating func write(_ node: MathNode) throws(TeXError) {
    if node.kind == .ref {
      let target = try resolve(node.reference!)
      raw("<mtext><a href=\"#")
      text(target.id)
      raw("\">")
      text(target.text)
      raw("</a></mtext>")
      return
    }
    let name = node.kind.rawValue
    bytes.append(UInt8(ascii: "<"))
    bytes.append(contentsOf: name.utf8)
    for attribute in node.attributes {
      bytes.append(UInt8(ascii: " "))
      bytes.append(contentsOf: attribute.name.utf8)
      raw("=\"")
      text(attribute.value)
      bytes.append(UInt8(ascii: "\""))
    }
    bytes.append(UInt8(ascii: ">"))
    switch node.kind {
    case .mi, .mn, .mo, .mtext:
      text(node.text)
    default:
      for child in node.children { try write(child) }
    }
    raw("</")
    bytes.append(contentsOf: name.utf8)
    bytes.append(UInt8(ascii: ">"))
  }

  /// `text` with `& < > "` escaped and invisible characters written as references.
  static func escape(_ text: String) -> String {
    var writer = MathMLWriter(resolve: { (_) throws(TeXError) in ("", "") })
    writer.text(text)
    return writer.output
  }
}
