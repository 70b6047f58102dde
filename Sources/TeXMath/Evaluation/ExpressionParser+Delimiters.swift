/// Delimiters: `( )`, `[ ]`, `\{ \}`, bars and double bars, with or without `\left … \right`
/// or the `\big` family; what they enclose, and the arguments of a function.
extension ExpressionParser {
  /// What a pair of delimiters makes: a group (parentheses, brackets, braces), an absolute value
  /// or a norm.
  enum Fence: Equatable {
    case paren, bracket, brace, bar, doubleBar

    var closing: String {
      switch self {
      case .paren: ")"
      case .bracket: "]"
      case .brace: "\\}"
      case .bar: "|"
      case .doubleBar: "\\|"
      }
    }
  }

  /// A delimiter, with `\left`, `\right`, `\middle` or a `\big` before it if there is one.
  struct Delimiter {
    enum Side { case open, close, either, middle }
    /// Nil for `.` (`\left.`).
    var fence: Fence?
    var side: Side
    /// Written with `\left`, `\right` or `\middle`, which must pair up.
    var sized: Bool
    var first: Token
    var last: Token
    /// The stream position after it.
    var end: Int
  }

  static let fenceCharacters: [Unicode.Scalar: (Fence, Delimiter.Side)] = [
    "(": (.paren, .open), ")": (.paren, .close), "[": (.bracket, .open),
    "]": (.bracket, .close), "|": (.bar, .either),
  ]

  static let fenceCommands: [String: (Fence, Delimiter.Side)] = [
    "{": (.brace, .open), "}": (.brace, .close), "lbrace": (.brace, .open),
    "rbrace": (.brace, .close), "lbrack": (.bracket, .open), "rbrack": (.bracket, .close),
    "lvert": (.bar, .open), "rvert": (.bar, .close), "vert": (.bar, .either),
    "lVert": (.doubleBar, .open), "rVert": (.doubleBar, .close), "|": (.doubleBar, .either),
    "Vert": (.doubleBar, .either),
  ]

  /// `\left` and the `\big` family: the side they give their delimiter (nil: its own).
  static let sizePrefixes: [String: Delimiter.Side?] = {
    var table: [String: Delimiter.Side?] = ["left": .open, "right": .close, "middle": .middle]
    for size in ["big", "Big", "bigg", "Bigg"] {
      table[size] = .some(nil)
      table[size + "l"] = .open
      table[size + "r"] = .close
      table[size + "m"] = .middle
    }
    return table
  }()

  /// The delimiter that starts at `t` (the next token), without consuming it.
  mutating func delimiter(at t: Token) throws(TeXError) -> Delimiter? {
    switch t.kind {
    case .char(let c):
      guard let (fence, side) = Self.fenceCharacters[c] else { return nil }
      return Delimiter(
        fence: fence, side: side, sized: false, first: t, last: t, end: stream.pos + 1)
    case .command(let name):
      if let (fence, side) = Self.fenceCommands[name] {
        return Delimiter(
          fence: fence, side: side, sized: false, first: t, last: t, end: stream.pos + 1)
      }
      guard let forced = Self.sizePrefixes[name] else { return nil }
      let saved = stream.pos
      stream.pos += 1
      let d = try stream.peekNonSpace()
      let end = stream.pos + 1
      stream.pos = saved
      let sized = name == "left" || name == "right" || name == "middle"
      var fence: Fence? = nil
      var own = Delimiter.Side.either
      switch d.kind {
      case .char("."): break
      case .char(let c) where Self.fenceCharacters[c] != nil:
        (fence, own) = Self.fenceCharacters[c]!
      case .command(let inner) where Self.fenceCommands[inner] != nil:
        (fence, own) = Self.fenceCommands[inner]!
      default:
        if Symbols.commands[d.spelling.dropFirst().description]?.symbolClass == .delimiter
          || d.kind == .char("/")
        {
          throw TeXError(
            "the delimiter \(d.spelling) cannot be evaluated", offset: d.offset, length: d.length)
        }
        let at = d.kind == .end ? t : d
        throw TeXError(
          "missing delimiter after \(t.spelling)", offset: at.offset, length: at.length)
      }
      return Delimiter(
        fence: fence, side: forced ?? own, sized: sized, first: t, last: d, end: end)
    default:
      return nil
    }
  }

  /// Consumes `delimiter`.
  mutating func consume(_ delimiter: Delimiter) {
    stream.pos = delimiter.end
    lastEnd = delimiter.last.offset + delimiter.last.length
  }

  /// The delimiter that closes `open`, consumed; throws at whatever stands there instead.
  mutating func expectClosing(_ open: Delimiter) throws(TeXError) {
    let t = try peek()
    if let d = try delimiter(at: t), d.fence == open.fence, d.side == .close || d.side == .either,
      d.sized == open.sized
    {
      consume(d)
      return
    }
    let closing = (open.sized ? "\\right" : "") + (open.fence?.closing ?? ".")
    if t.kind == .end {
      let message =
        open.sized
        ? "\\left without a matching \\right"
        : "\(open.first.spelling) is never closed by \(closing)"
      throw TeXError(message, offset: open.first.offset, length: open.first.length)
    }
    throw TeXError(
      "expected \(closing) to close \(open.first.spelling)", offset: t.offset, length: t.length)
  }

  /// `( … )`, `[ … ]`, `\{ … \}` (a group), `| … |` (absolute value or 2-norm), `\| … \|`
  /// (norm), with or without `\left … \right` or a `\big` pair. With `tuples`, parentheses
  /// around entries separated by commas, `(\hat y, \hat z)`, are a tuple.
  mutating func parseFenced(_ open: Delimiter, tuples: Bool = false) throws(TeXError)
    -> Expression
  {
    consume(open)
    guard let fence = open.fence else {
      throw TeXError(
        "\\left. cannot be evaluated", offset: open.first.offset, length: open.first.length)
    }
    let entries = try nested({
      if fence == .bar { $0.bars = 1 }
      if fence == .doubleBar { $0.doubleBars = 1 }
    }) { (p: inout ExpressionParser) throws(TeXError) in
      var entries = [try p.parseExpression()]
      while tuples && fence == .paren, try p.accept(.char(",")) != nil {
        entries.append(try p.parseExpression())
      }
      return entries
    }
    try expectClosing(open)
    let span = Span(offset: open.first.offset, length: lastEnd - open.first.offset)
    if entries.count > 1 { return .tuple(entries, span) }
    let body = entries[0]
    switch fence {
    case .bar: return .absolute(body, span)
    case .doubleBar: return .norm(body)
    default: return body
    }
  }

  /// The arguments of a function between `open` and its closing delimiter, separated by `,`,
  /// `;`, `\mid`, `|`, `\middle|` or `\bigm|`.
  mutating func parseArguments(_ open: Delimiter) throws(TeXError) -> [Expression] {
    consume(open)
    var arguments: [Expression] = []
    try nested({ $0.barSeparates = true }) { (p: inout ExpressionParser) throws(TeXError) in
      while true {
        arguments.append(try p.parseExpression())
        let t = try p.peek()
        if t.kind == .char(",") || t.kind == .char(";") || t.kind == .command("mid") {
          p.advance(t)
        } else if let d = try p.delimiter(at: t), d.fence == .bar,
          d.side == .either || d.side == .middle
        {
          p.consume(d)
        } else {
          break
        }
      }
    }
    try expectClosing(open)
    return arguments
  }
}
