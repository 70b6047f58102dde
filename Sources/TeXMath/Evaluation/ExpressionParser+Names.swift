/// Names: a letter, a Greek letter, an accented or bold name, the letters of `\mathrm{…}`,
/// with primes and a subscript, which may also be read as indices.
extension ExpressionParser {
  /// A name read from the TeX: its canonical spelling, where it is, and for a subscripted name
  /// (`w_y`) its base's spelling and the subscript read as indices.
  struct Name {
    var spelling: String
    var span: Span
    var index: (base: String, indices: [Expression], readsLocal: Bool)? = nil
  }

  /// Greek letters and `\ell`: the commands that are names by themselves.
  static let letterCommands: Set<String> = {
    var names: Set<String> = ["ell"]
    for (name, symbol) in Symbols.commands
    where symbol.symbolClass == .identifier || symbol.symbolClass == .uprightIdentifier {
      if let scalar = symbol.text.unicodeScalars.first, (0x370...0x3FF).contains(scalar.value) {
        names.insert(name)
      }
    }
    return names
  }()

  /// Accents, whose argument is the name they mark (`\bar y`).
  static let accentCommands: Set<String> = Set(Symbols.accents.keys).union(
    Symbols.underAccents.keys
  ).union(["overline"])

  /// Fonts that make another name (`\mathbf x` is not `x`).
  static let fontCommands: Set<String> = [
    "mathbf", "boldsymbol", "bm", "pmb", "mathcal", "mathscr", "mathfrak", "mathbb", "mathsf",
    "mathtt",
  ]

  /// Whether `t` starts a name.
  func startsName(_ t: Token) -> Bool {
    switch t.kind {
    case .char(let c): return c.isLetter
    case .command(let name):
      return Self.letterCommands.contains(name) || Self.accentCommands.contains(name)
        || Self.fontCommands.contains(name) || Spelling.lookedThrough.contains(name)
    default: return false
    }
  }

  /// A name and, when `(` follows, its arguments: a function applied, or a value times a group.
  mutating func parseNameExpression() throws(TeXError) -> Expression {
    let name = try parseName(indexed: true)
    let t = try peek()
    if let delimiter = try delimiter(at: t), delimiter.fence == .paren, delimiter.side == .open {
      let arguments = try parseArguments(delimiter)
      let span = name.span
      return try parseScripts(on: .apply(slot(name.spelling), arguments, span), fence: nil)
    }
    return try parseScripts(on: symbolExpression(name), fence: nil)
  }

  /// The value of `name`: its slot, or for `w_y` the indexing that stands in when `w_y` is not
  /// bound (always when the subscript reads a summation variable).
  mutating func symbolExpression(_ name: Name) -> Expression {
    if let index = name.index {
      if index.readsLocal { localReads += 1 }
      let full = index.readsLocal ? nil : slot(name.spelling)
      return .indexed(full: full, base: slot(index.base), indices: index.indices, name.span)
    }
    let slot = slot(name.spelling)
    if locals.contains(slot) { localReads += 1 }
    return .symbol(slot, name.span)
  }

  /// A name: a letter, a Greek letter, an accented or bold name, or the letters of `\mathrm{…}`,
  /// with primes (`y'`, `y^\prime`), stars (`y^*`) and one subscript. With `indexed`, the
  /// subscript is also read as indices (``Name/index``) when it can be.
  mutating func parseName(indexed: Bool) throws(TeXError) -> Name {
    let first = try peek()
    let start = stream.pos
    try skipNameBase(allowDigit: false)
    var baseEnd = stream.pos
    var index: (base: String, indices: [Expression], readsLocal: Bool)? = nil
    var subscripted = false
    loop: while true {
      let t = try stream.peekNonSpace()
      switch t.kind {
      case .char("'"):
        stream.pos += 1
        if !subscripted { baseEnd = stream.pos }
      case .superscript:
        guard try acceptNameSuperscript() else { break loop }
        if !subscripted { baseEnd = stream.pos }
      case .subscript where !subscripted:
        subscripted = true
        stream.pos += 1
        if indexed {
          let reads = localReads
          if let indices = try parseIndex(after: t) {
            let base = Spelling.canonical(stream.tokens[start..<baseEnd])
            index = (base, indices, localReads != reads)
          }
        } else {
          try skipArgument(for: t)
        }
      default:
        break loop
      }
    }
    let tokens = stream.tokens[start..<stream.pos]
    let end = tokens.reduce(first.offset) { $1.isSpace ? $0 : max($0, $1.offset + $1.length) }
    lastEnd = end
    return Name(
      spelling: Spelling.canonical(tokens),
      span: Span(offset: first.offset, length: end - first.offset),
      index: index)
  }

  /// A name without primes or subscripts (a script's argument, the variable of `\sum_k`).
  mutating func parseSingleName() throws(TeXError) -> Name {
    let first = try peek()
    let start = stream.pos
    try skipNameBase(allowDigit: false)
    let tokens = stream.tokens[start..<stream.pos]
    let end = tokens.reduce(first.offset) { $1.isSpace ? $0 : max($0, $1.offset + $1.length) }
    lastEnd = end
    return Name(
      spelling: Spelling.canonical(tokens),
      span: Span(offset: first.offset, length: end - first.offset))
  }

  /// Consumes the base of a name: a letter (or, in a font's argument, a digit: `\mathbf 1`), a
  /// Greek letter, an accent or font with its argument, `\mathrm{…}` with its letters.
  mutating func skipNameBase(allowDigit: Bool) throws(TeXError) {
    let t = try stream.peekNonSpace()
    switch t.kind {
    case .char(let c) where c.isLetter || (allowDigit && c.isDigit):
      stream.pos += 1
    case .command(let name) where Self.letterCommands.contains(name):
      stream.pos += 1
    case .command(let name) where Spelling.lookedThrough.contains(name):
      stream.pos += 1
      if stream.tokens[stream.pos].kind == .char("*") {
        // `\operatorname*{lim}_x`: an operator with limits under it, which names no value (read
        // as a name, the limit would become a subscript of a variable). argmin and argmax are
        // read before a name is (``argExtremumAhead(_:)``).
        throw TeXError(
          "\(t.spelling)* (an operator with limits) cannot be evaluated, except argmin and "
            + "argmax", offset: t.offset, length: t.length + 1)
      }
      let open = try stream.peekNonSpace()
      guard open.kind == .open else {
        try skipNameBase(allowDigit: true)
        return
      }
      stream.pos += 1
      while true {
        let u = try stream.peekNonSpace()
        switch u.kind {
        case .close:
          stream.pos += 1
          return
        case .char(let c) where c.isLetter || c.isDigit || c == "-":
          stream.pos += 1
        case .command(let inner) where Spelling.isIgnorable(inner):
          stream.pos += 1
        case .end:
          throw TeXError("unbalanced braces: { is never closed", offset: open.offset, length: 1)
        default:
          throw TeXError(
            "\(t.spelling){…} around a name holds only letters and digits", offset: u.offset,
            length: u.length)
        }
      }
    case .command(let name)
    where Self.accentCommands.contains(name) || Self.fontCommands.contains(name):
      stream.pos += 1
      let open = try stream.peekNonSpace()
      guard open.kind == .open else {
        try skipNameBase(allowDigit: true)
        return
      }
      stream.pos += 1
      if try stream.peekNonSpace().isDigit {
        try skipNameBase(allowDigit: true)
      } else {
        _ = try parseName(indexed: false)
      }
      let close = try stream.peekNonSpace()
      guard close.kind == .close else {
        if close.kind == .end {
          throw TeXError("unbalanced braces: { is never closed", offset: open.offset, length: 1)
        }
        throw TeXError(
          "\(t.spelling){…} around a name holds one name", offset: close.offset,
          length: close.length)
      }
      stream.pos += 1
    case .end, .close:
      throw TeXError("missing name", offset: t.offset, length: t.length)
    default:
      throw unexpected(t)
    }
  }

  /// Consumes a superscript that belongs to a name: primes (`^\prime`, `^{\prime\prime}`) and
  /// stars (`^*`, `^\ast`, `^\star`). The `^` is the next token.
  mutating func acceptNameSuperscript() throws(TeXError) -> Bool {
    func isMark(_ t: Token) -> Bool {
      switch t.kind {
      case .command("prime"), .char("*"), .command("ast"), .command("star"): return true
      default: return false
      }
    }
    let saved = stream.pos
    stream.pos += 1
    var t = try stream.peekNonSpace()
    if isMark(t) {
      stream.pos += 1
      return true
    }
    if t.kind == .open {
      stream.pos += 1
      var count = 0
      while true {
        t = try stream.peekNonSpace()
        guard isMark(t) else { break }
        stream.pos += 1
        count += 1
      }
      if t.kind == .close && count > 0 {
        stream.pos += 1
        return true
      }
    }
    stream.pos = saved
    return false
  }

  /// A subscript read as indices: `{y}`, `y`, `1`, `{k-1}`, `{i, j}`. Nil, with the argument
  /// consumed all the same, when it is no expression (`\text{NLL}` is one; `\log` is not).
  mutating func parseIndex(after underscore: Token) throws(TeXError) -> [Expression]? {
    let start = stream.pos
    let saved = (context, depth, lastEnd, localReads)
    do throws(TeXError) {
      let t = try stream.peekNonSpace()
      if t.kind == .open {
        stream.pos += 1
        var indices: [Expression] = []
        try nested { (p: inout ExpressionParser) throws(TeXError) in
          while true {
            indices.append(try p.parseExpression())
            let comma = try p.peek()
            guard comma.kind == .char(",") else { break }
            p.advance(comma)
          }
        }
        try expectClose(opening: t)
        return indices
      }
      if case .char(let c) = t.kind, c.isDigit {
        stream.pos += 1
        return [.number(Double(c.value - 0x30))]
      }
      guard startsName(t) else { throw unexpected(t) }
      return [symbolExpression(try parseSingleName())]
    } catch {
      stream.pos = start
      (context, depth, lastEnd, localReads) = saved
      try skipArgument(for: underscore)
      return nil
    }
  }

  /// Consumes the argument of `command` whatever it holds: a group, or one token (a command that
  /// takes an argument with its argument).
  mutating func skipArgument(for command: Token) throws(TeXError) {
    let t = try stream.peekNonSpace()
    switch t.kind {
    case .open:
      stream.pos += 1
      var level = 1
      while level > 0 {
        let u = try stream.peek()
        switch u.kind {
        case .open: level += 1
        case .close: level -= 1
        case .end:
          throw TeXError("unbalanced braces: { is never closed", offset: t.offset, length: 1)
        default: break
        }
        stream.pos += 1
      }
    case .command(let name)
    where Spelling.lookedThrough.contains(name) || Self.accentCommands.contains(name)
      || Self.fontCommands.contains(name):
      stream.pos += 1
      if stream.tokens[stream.pos].kind == .char("*") { stream.pos += 1 }
      try skipArgument(for: t)
    case .end, .close, .superscript, .subscript, .tab:
      throw TeXError(
        "missing argument for \(command.spelling)", offset: command.offset, length: command.length)
    default:
      stream.pos += 1
    }
    let last = stream.tokens[stream.pos - 1]
    lastEnd = max(lastEnd, last.offset + last.length)
  }
}
