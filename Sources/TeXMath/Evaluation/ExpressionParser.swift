/// Parses a display formula's TeX into ``Expression`` trees, one per side.
///
/// Tokens come from the renderer's ``Parser``, which expands the page's macros exactly as it
/// does for MathML: an expanded token keeps the location of the macro's use, so errors point
/// there. The grammar, loosest first: sides split at relations; an expression is terms joined
/// by `+` and `-`; a term is factors joined by `\cdot`, `\times`, `\odot`, `/` or written side by
/// side; a factor is a sign and a factor, a large operator or a function name without
/// parentheses (each applies to the rest of its term), or a primary with its scripts. Atoms
/// are in `ExpressionParser+Atoms.swift`, operators in `ExpressionParser+Operators.swift`.
struct ExpressionParser {
  var stream: Parser
  /// The spelling of each slot, and the slot of each spelling.
  var spellings: [String] = []
  var slotBySpelling: [String: Int] = [:]
  var context = Context()
  var depth = 0
  /// The slots of the summation variables around the current position, innermost last.
  var locals: [Int] = []
  /// How many times a summation variable has been read (to see whether a subscript uses one).
  var localReads = 0
  /// The end (UTF-8 bytes) of the last token consumed.
  var lastEnd = 0

  /// What the tokens around the current position mean.
  struct Context {
    /// `|…|` open here: a bar closes.
    var bars = 0
    /// `\|…\|` open here.
    var doubleBars = 0
    /// In an argument list: a bar separates arguments, as `\mid` does (`P(y | x)`).
    var barSeparates = false
    /// In an integrand: `d` before a name ends it (`d\hat y`).
    var differential = false
    /// At the top level of an `aligned`: `&` and `\\` are passed over.
    var aligned = false
  }

  /// A formula's sides and what separates them.
  struct Parsed {
    var sides: [(expression: Expression, span: Span)]
    /// Between each side and the next of the same equation.
    var relations: [FormulaRelation]
    /// The sides of each equation (``EvaluableFormula/equations``).
    var equations: [Range<Int>]
  }

  init(tex: String, macros: MacroTable) throws(TeXError) {
    stream = try Parser(tex: tex, display: true, macros: macros)
  }

  static let maximumDepth = Parser.maximumDepth

  /// Counts one level of nesting; throws past ``maximumDepth``.
  mutating func enter() throws(TeXError) {
    depth += 1
    if depth > Self.maximumDepth {
      let t = stream.tokens[stream.pos]
      throw TeXError(
        "formula nested more than \(Self.maximumDepth) levels deep", offset: t.offset,
        length: t.length)
    }
  }

  /// Runs `body` with the context of a new group (brackets, braces, arguments), restoring the
  /// current one after.
  mutating func nested<T>(
    _ change: (inout Context) -> Void = { _ in },
    _ body: (inout ExpressionParser) throws(TeXError) -> T
  ) throws(TeXError) -> T {
    let saved = context
    context = Context()
    change(&context)
    defer { context = saved }
    return try body(&self)
  }

  /// The slot of `spelling`, made on first use.
  mutating func slot(_ spelling: String) -> Int {
    if let slot = slotBySpelling[spelling] { return slot }
    spellings.append(spelling)
    slotBySpelling[spelling] = spellings.count - 1
    return spellings.count - 1
  }

  // MARK: Tokens

  /// The next token that means something. Spaces, spacing and style commands, `~`, `\label`,
  /// `\tag`, `\nonumber` and `\notag` are passed over (the label recorded); at the top level of
  /// an `aligned`, so are `&` and `\\` (``rowBreak(_:)``).
  mutating func peek() throws(TeXError) -> Token {
    while true {
      let t = try stream.peekNonSpace()
      switch t.kind {
      case .command(let name) where Spelling.isIgnorable(name):
        stream.pos += 1
      case .char("~"), .command("nonumber"), .command("notag"):
        stream.pos += 1
      case .command("label"):
        stream.pos += 1
        if stream.label?.token.offset == t.offset {
          _ = try stream.rawArgument(for: t)
        } else {
          _ = try stream.label(token: t)
        }
      case .command("tag"):
        stream.pos += 1
        if stream.tag?.token.offset == t.offset {
          if stream.tokens[stream.pos].kind == .char("*") { stream.pos += 1 }
          _ = try stream.rawArgument(for: t)
        } else {
          _ = try stream.tagCommand(token: t)
        }
      case .tab where context.aligned:
        stream.pos += 1
      case .command("\\") where context.aligned, .command("cr") where context.aligned:
        try rowBreak(t)
      default:
        return t
      }
    }
  }

  /// Consumes `t`, the token ``peek()`` returned.
  mutating func advance(_ t: Token) {
    stream.pos += 1
    lastEnd = t.offset + t.length
  }

  /// Consumes the next token if it is `kind`.
  mutating func accept(_ kind: Token.Kind) throws(TeXError) -> Token? {
    let t = try peek()
    guard t.kind == kind else { return nil }
    advance(t)
    return t
  }

  /// Consumes `}`, or throws at what stands there instead.
  mutating func expectClose(opening open: Token) throws(TeXError) {
    let t = try peek()
    switch t.kind {
    case .close: advance(t)
    case .end:
      throw TeXError("unbalanced braces: { is never closed", offset: open.offset, length: 1)
    default: throw unexpected(t)
    }
  }

  /// A row break of a top-level `aligned`: the next row must go on with the same chain of
  /// relations (start with a relation or an operator), since one formula is one equation.
  mutating func rowBreak(_ t: Token) throws(TeXError) {
    stream.pos += 1
    // `\\[4pt]`: the extra space.
    if try stream.peekNonSpace().kind == .char("[") {
      while stream.tokens[stream.pos].kind != .char("]") && stream.tokens[stream.pos].kind != .end {
        stream.pos += 1
      }
      stream.pos += 1
    }
    let next = try peek()
    switch next.kind {
    case .command("end"), .char("+"), .char("-"), .end: return
    default:
      if relation(at: next) != nil || productOperator(next) != nil { return }
      throw TeXError(
        "a second equation in one formula: only one chain of relations is evaluated (a row of "
          + "aligned must go on from the previous one, starting with = or an operator)",
        offset: next.offset, length: next.length)
    }
  }

  /// The error for `t`, which cannot stand where it is.
  func unexpected(_ t: Token) -> TeXError {
    switch t.kind {
    case .command(let name) where name != "\\" && name != "end" && name != "right":
      if Command.table[name] == nil && stream.macros[name] == nil {
        return TeXError("unknown command \(t.spelling)", offset: t.offset, length: t.length)
      }
      return TeXError(
        "\(t.spelling) cannot be evaluated (the README, under The formula as typeset, lists what can)",
        offset: t.offset, length: t.length)
    case .end:
      return TeXError("unexpected end of formula", offset: t.offset, length: t.length)
    case .char(let c):
      return TeXError(
        "\(c) cannot be evaluated here", offset: t.offset, length: t.length)
    default:
      return stream.misplaced(t)
    }
  }

  // MARK: Sides

  /// Parses the whole formula: sides separated by relations, in an `aligned` or not, with a
  /// full stop or comma at the end allowed; equations side by side after `,\qquad`.
  mutating func parseFormula() throws(TeXError) -> Parsed {
    var environment: (name: String, token: Token)? = nil
    let first = try peek()
    if first.kind == .command("begin") {
      let start = stream.pos
      stream.pos += 1
      let name = try stream.rawArgument(for: first)
      if Self.equationEnvironments.contains(name) {
        environment = (name, first)
        context.aligned = true
      } else {
        stream.pos = start
      }
    }
    var sides: [(Expression, Span)] = []
    var relations: [FormulaRelation] = []
    var equations: [Range<Int>] = []
    var equationStart = 0
    while true {
      let start = try peek()
      let expression = try parseExpression()
      sides.append((expression, Span(offset: start.offset, length: max(0, lastEnd - start.offset))))
      let t = try peek()
      if let relation = try acceptRelation(t) {
        relations.append(relation)
      } else if try acceptEquationSeparator(t) {
        equations.append(equationStart..<sides.count)
        equationStart = sides.count
      } else {
        break
      }
    }
    equations.append(equationStart..<sides.count)
    var t = try peek()
    if t.kind == .char(".") || t.kind == .char(",") || t.kind == .char(";") {
      stream.pos += 1
      t = try peek()
    }
    if let environment {
      guard t.kind == .command("end") else {
        if t.kind == .end {
          throw TeXError(
            "environment '\(environment.name)' is not closed (missing \\end{\(environment.name)})",
            offset: environment.token.offset, length: environment.token.length)
        }
        throw unexpected(t)
      }
      stream.pos += 1
      let name = try stream.rawArgument(for: t)
      guard name == environment.name else {
        throw TeXError(
          "\\end{\(name)} does not match \\begin{\(environment.name)}", offset: t.offset,
          length: t.length)
      }
      context.aligned = false
      t = try peek()
    }
    guard t.kind == .end else {
      if case .char(let c) = t.kind {
        throw TeXError(
          "unexpected \(c): a formula to evaluate is a chain of relations, as a = b = c (two "
            + "equations side by side are separated by a comma and \\qquad)",
          offset: t.offset, length: t.length)
      }
      throw unexpected(t)
    }
    return Parsed(sides: sides, relations: relations, equations: equations)
  }

  /// Consumes a comma followed by `\quad` or `\qquad` (and any other spacing) when `t` is the
  /// comma and another equation follows: `\hat y = …, \qquad (\hat y, \hat z) = …` holds two
  /// equations side by side. A comma without a quad, or at the end, is not a separator.
  mutating func acceptEquationSeparator(_ t: Token) throws(TeXError) -> Bool {
    guard t.kind == .char(",") else { return false }
    let saved = stream.pos
    stream.pos += 1
    var quad = false
    while true {
      let u = try stream.peekNonSpace()
      guard case .command(let name) = u.kind, Spelling.isIgnorable(name) else { break }
      quad = quad || name == "quad" || name == "qquad"
      stream.pos += 1
    }
    let next = try stream.peekNonSpace()
    guard quad, next.kind != .end, next.kind != .command("end") else {
      stream.pos = saved
      return false
    }
    lastEnd = t.offset + t.length
    return true
  }

  /// Environments that hold one equation: their `&` and `\\` are passed over.
  static let equationEnvironments: Set<String> = [
    "aligned", "split", "equation", "equation*", "align", "align*", "gathered",
  ]

  /// The relation at `t`, if any (`:=` reads the `=` after the colon).
  func relation(at t: Token) -> FormulaRelation? {
    switch t.kind {
    case .char("="): return .equal
    case .char("<"): return .less
    case .char(">"): return .greater
    case .char(":"):
      var j = stream.pos + 1
      while stream.tokens[j].kind == .space { j += 1 }
      return stream.tokens[j].kind == .char("=") ? .equal : nil
    case .command(let name): return Self.relationCommands[name]
    default: return nil
    }
  }

  static let relationCommands: [String: FormulaRelation] = [
    "le": .lessOrEqual, "leq": .lessOrEqual, "leqslant": .lessOrEqual, "ge": .greaterOrEqual,
    "geq": .greaterOrEqual, "geqslant": .greaterOrEqual, "ne": .notEqual, "neq": .notEqual,
    "approx": .approximatelyEqual, "coloneqq": .equal, "coloneq": .equal, "triangleq": .equal,
    "equiv": .equal, "doteq": .equal, "lt": .less, "gt": .greater,
  ]

  /// Consumes the relation at `t`, if there is one.
  mutating func acceptRelation(_ t: Token) throws(TeXError) -> FormulaRelation? {
    guard let relation = relation(at: t) else { return nil }
    advance(t)
    if t.kind == .char(":") { advance(try peek()) }
    return relation
  }

  // MARK: Expressions

  /// Terms joined by `+` and `-`, the first with an optional sign.
  mutating func parseExpression() throws(TeXError) -> Expression {
    try enter()
    defer { depth -= 1 }
    var result: Expression
    let first = try peek()
    if first.kind == .char("-") {
      advance(first)
      result = .negate(try parseTerm())
    } else {
      if first.kind == .char("+") { advance(first) }
      result = try parseTerm()
    }
    while true {
      let t = try peek()
      guard t.kind == .char("+") || t.kind == .char("-") else { return result }
      advance(t)
      let term = try parseTerm()
      result = .sum(result, term, subtracting: t.kind == .char("-"), Span(t))
    }
  }

  /// The product written with `t`, if it is a product operator.
  func productOperator(_ t: Token) -> ProductKind? {
    switch t.kind {
    case .command("cdot"): return .dot
    case .command("times"), .command("ast"), .char("*"): return .juxtaposition
    case .command("odot"): return .hadamard
    default: return nil
    }
  }

  /// Factors joined by products and `/`.
  mutating func parseTerm() throws(TeXError) -> Expression {
    try enter()
    defer { depth -= 1 }
    var result = try parseFactor()
    while true {
      let t = try peek()
      if let kind = productOperator(t) {
        advance(t)
        result = .product(result, try parseFactor(), kind, Span(t))
      } else if t.kind == .char("/") || t.kind == .command("div") {
        advance(t)
        result = .quotient(result, try parseFactor(), Span(t))
      } else if try startsFactor(t) {
        let factor = try parseFactor()
        result = .product(result, factor, .juxtaposition, Span(t))
      } else {
        return result
      }
    }
  }

  /// A sign and a factor; a large operator (argmin and argmax among them), or a function name
  /// without parentheses, applied to the rest of the term; or a primary with its scripts.
  mutating func parseFactor() throws(TeXError) -> Expression {
    try enter()
    defer { depth -= 1 }
    let t = try peek()
    switch t.kind {
    case .char("-"):
      advance(t)
      return .negate(try parseFactor())
    case .char("+"):
      advance(t)
      return try parseFactor()
    case .command("sum"): return try parseReduction(.sum, token: t)
    case .command("prod"): return try parseReduction(.prod, token: t)
    case .command("max"), .command("min"): return try parseExtremum(token: t)
    case .command("int"), .command("intop"): return try parseIntegral(token: t)
    case .command(let name):
      if let (isMax, end) = try argExtremumAhead(t) {
        return try parseArgExtremum(isMax: isMax, token: t, end: end)
      }
      if name == "arg" {
        throw TeXError(
          "\\arg is evaluated only as \\arg\\min or \\arg\\max, with what it ranges over "
            + "(\\arg\\min_{y} F(x, y))", offset: t.offset, length: t.length)
      }
      if let function = ElementaryFunction(rawValue: name), function != .positivePart,
        function != .sqrt
      {
        return try parseFunction(function, token: t)
      }
      return try parsePrimary()
    default:
      return try parsePrimary()
    }
  }

  /// Whether `t`, after a factor, starts another factor written beside it (a product).
  mutating func startsFactor(_ t: Token) throws(TeXError) -> Bool {
    switch t.kind {
    case .open: return true
    case .char(let c):
      if c.isLetter {
        guard context.differential else { return true }
        return !(try differentialAhead())
      }
      if c.isDigit || c == "(" || c == "[" { return true }
      if c == "|" { return context.bars == 0 && !context.barSeparates }
      return false
    case .command(let name):
      if let delimiter = try delimiter(at: t) {
        switch delimiter.side {
        case .open: return true
        case .close, .middle: return false
        case .either:
          if delimiter.fence == .bar { return context.bars == 0 && !context.barSeparates }
          return context.doubleBars == 0
        }
      }
      if Self.endsTerm.contains(name) { return false }
      if let symbol = Symbols.commands[name],
        [.bin, .rel, .punct].contains(symbol.atom)
      {
        return false
      }
      if context.differential && Spelling.lookedThrough.contains(name) {
        return !(try differentialAhead())
      }
      return true
    default:
      return false
    }
  }

  /// Commands that end a term without being an operator of it.
  static let endsTerm: Set<String> = [
    "\\", "cr", "end", "right", "middle", "mid", "pm", "mp", "to", "in",
  ]
}
