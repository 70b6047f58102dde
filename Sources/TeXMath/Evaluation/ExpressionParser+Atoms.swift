/// Primaries and the scripts after them: numbers, groups, names (`ExpressionParser+Names.swift`)
/// and what delimiters enclose (`ExpressionParser+Delimiters.swift`).
extension ExpressionParser {
  /// A primary with its scripts.
  mutating func parsePrimary() throws(TeXError) -> Expression {
    try enter()
    defer { depth -= 1 }
    let t = try peek()
    if let delimiter = try delimiter(at: t) {
      guard delimiter.side == .open || delimiter.side == .either else { throw unexpected(t) }
      let fenced = try parseFenced(delimiter, tuples: true)
      return try parseScripts(on: fenced, fence: delimiter.fence)
    }
    switch t.kind {
    case .char(let c) where c.isDigit || c == ".":
      return try parseScripts(on: try parseNumber(), fence: nil)
    case .char(let c) where c.isLetter:
      return try parseNameExpression()
    case .open:
      advance(t)
      let body = try nested { (p: inout ExpressionParser) throws(TeXError) in
        try p.parseExpression()
      }
      try expectClose(opening: t)
      return try parseScripts(on: body, fence: nil)
    case .command(let name):
      switch name {
      case "frac", "dfrac", "tfrac", "cfrac":
        return try parseScripts(on: try parseFraction(token: t), fence: nil)
      case "sqrt": return try parseScripts(on: try parseRoot(token: t), fence: nil)
      case "partial": return try parseSlashDerivative(token: t)
      case "begin": return try parseScripts(on: try parseMatrix(token: t), fence: nil)
      case "infty":
        advance(t)
        return .number(.infinity)
      default:
        if try isIndicator(t) { return try parseIndicator(token: t) }
        if startsName(t) { return try parseNameExpression() }
      }
    default: break
    }
    throw unexpected(t)
  }

  /// Digits with at most one decimal point: `2`, `0.5`, `.5`.
  mutating func parseNumber() throws(TeXError) -> Expression {
    let first = try peek()
    var text = ""
    var last = first
    while case .char(let c) = stream.tokens[stream.pos].kind {
      let next = stream.tokens[stream.pos + 1]
      if c.isDigit || (c == "." && !text.contains(".") && next.isDigit) {
        text.unicodeScalars.append(c)
        last = stream.tokens[stream.pos]
        stream.pos += 1
      } else {
        break
      }
    }
    guard let value = Double(text) else { throw unexpected(first) }
    lastEnd = last.offset + last.length
    return .number(value)
  }

  // MARK: Scripts

  /// The superscripts (and, after brackets, `_+`) of `base`: `^\top` transposes, `^+` after
  /// brackets is the positive part, any other superscript is a power.
  mutating func parseScripts(on base: Expression, fence: Fence?) throws(TeXError) -> Expression {
    var result = base
    while true {
      let t = try stream.peekNonSpace()
      switch t.kind {
      case .superscript:
        advance(t)
        let start = stream.pos
        try skipArgument(for: t)
        let argument = Spelling.canonical(stream.tokens[start..<stream.pos])
        if Self.transposeMarks.contains(argument) {
          result = .transpose(result)
        } else if argument == "+" {
          guard fence == .bracket else {
            throw TeXError(
              "^+ is the positive part only after brackets, as in [u]^+", offset: t.offset,
              length: t.length)
          }
          result = .function(.positivePart, result, Span(t))
        } else {
          stream.pos = start
          result = .power(result, try parseScriptArgument(for: t), Span(t))
        }
      case .subscript where fence == .bracket:
        advance(t)
        let start = stream.pos
        try skipArgument(for: t)
        guard Spelling.canonical(stream.tokens[start..<stream.pos]) == "+" else {
          throw TeXError(
            "after brackets a subscript can only be +, the positive part [u]_+",
            offset: t.offset, length: t.length)
        }
        result = .function(.positivePart, result, Span(t))
      case .subscript, .char("'"):
        throw TeXError(
          "only a name takes a subscript or a prime", offset: t.offset, length: t.length)
      default:
        return result
      }
    }
  }

  /// Superscripts that mean the transpose.
  static let transposeMarks: Set<String> = ["\\top", "\\intercal", "\\mathsf T", "\\mathbf T"]

  /// The argument of `^`, `_` or `\frac`: a group, one digit, one name, or one command.
  mutating func parseScriptArgument(for op: Token) throws(TeXError) -> Expression {
    let t = try peek()
    switch t.kind {
    case .open:
      advance(t)
      let body = try nested { (p: inout ExpressionParser) throws(TeXError) in
        try p.parseExpression()
      }
      try expectClose(opening: t)
      return body
    case .char(let c) where c.isDigit:
      advance(t)
      return .number(Double(c.value - 0x30))
    case .end, .close, .superscript, .subscript, .tab:
      throw TeXError("missing argument for \(op.spelling)", offset: op.offset, length: op.length)
    default:
      if startsName(t) { return symbolExpression(try parseSingleName()) }
      return try parsePrimary()
    }
  }
}

extension Unicode.Scalar {
  var isDigit: Bool { value >= 0x30 && value <= 0x39 }
}
