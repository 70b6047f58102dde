/// Text mode: `\text{…}` and the other ``TextCommand``s, with `$…$` math inside.
extension Parser {
  /// Characters that a backslash makes literal in text.
  static let textEscapes: [String: String] = [
    "{": "{", "}": "}", "$": "$", "%": "%", "&": "&", "#": "#", "_": "_", " ": " ", "\n": " ",
    "textbackslash": "\\", ",": "\u{2009}", ";": "\u{2004}", "quad": "\u{2003}",
    "qquad": "\u{2003}\u{2003}", "textendash": "–", "textemdash": "—", "ldots": "…",
    "dots": "…",
  ]

  /// Parses the argument of the text command `command` (token `t`) into `mtext` and math nodes.
  mutating func text(_ command: TextCommand, token t: Token) throws(TeXError) -> MathNode {
    var nodes: [MathNode] = []
    var buffer = ""
    try readText(for: t, alphabet: command.alphabet, into: &nodes, buffer: &buffer)
    Self.flush(&buffer, into: &nodes)
    if nodes.isEmpty { return MathNode(.mtext) }
    return nodes.count == 1 ? nodes[0] : MathNode(.mrow, children: nodes)
  }

  /// Appends `buffer` as an `mtext` (outer spaces made non-breaking, so they show) and clears it.
  static func flush(_ buffer: inout String, into nodes: inout [MathNode]) {
    guard !buffer.isEmpty else { return }
    var scalars = Array(buffer.unicodeScalars)
    if scalars.first == " " { scalars[0] = "\u{A0}" }
    if scalars.last == " " { scalars[scalars.count - 1] = "\u{A0}" }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars)
    nodes.append(MathNode(.mtext, String(text)))
    buffer = ""
  }

  mutating func readText(
    for command: Token, alphabet: MathAlphabet, into nodes: inout [MathNode],
    buffer: inout String
  ) throws(TeXError) {
    try enter()
    defer { depth -= 1 }
    let open = try peekNonSpace()
    guard open.kind == .open else {
      if case .char(let c) = open.kind {
        pos += 1
        buffer.unicodeScalars.append(alphabet.map(c))
        return
      }
      throw TeXError(
        "missing argument for \(command.spelling)", offset: command.offset,
        length: command.length)
    }
    pos += 1
    var depth = 1
    while true {
      let t = try peek()
      pos += 1
      switch t.kind {
      case .open: depth += 1
      case .close:
        depth -= 1
        if depth == 0 { return }
      case .space:
        if buffer.unicodeScalars.last != " " { buffer += " " }
      case .char("~"): buffer += "\u{A0}"
      case .char("$"):
        Self.flush(&buffer, into: &nodes)
        let saved = (alphabet: self.alphabet, merge: mergeLetters)
        self.alphabet = nil
        mergeLetters = false
        // A row of its own, so that the text around it does not change how it is spaced.
        nodes.append(MathNode.row(try parseList(until: "$")))
        (self.alphabet, mergeLetters) = saved
        guard try peek().kind == .char("$") else {
          throw TeXError("$ inside \\text is never closed", offset: t.offset, length: 1)
        }
        pos += 1
      case .char(let c): buffer.unicodeScalars.append(alphabet.map(c))
      case .command(let name):
        if let literal = Self.textEscapes[name] {
          buffer += literal
        } else if let inner = TextCommand(rawValue: name) {
          try readText(for: t, alphabet: inner.alphabet, into: &nodes, buffer: &buffer)
        } else {
          throw TeXError(
            "\(t.spelling) is not allowed in text", offset: t.offset, length: t.length)
        }
      case .end:
        throw TeXError("unbalanced braces: { is never closed", offset: open.offset, length: 1)
      default:
        throw TeXError(
          "\(t.spelling) is not allowed in text (use $…$ for math inside \\text)",
          offset: t.offset, length: t.length)
      }
    }
  }
}
