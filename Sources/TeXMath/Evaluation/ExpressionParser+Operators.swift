/// Operators with their own syntax: sums, products, extrema, argmin and argmax, integrals,
/// function names and roots. (Fractions, derivatives, indicators and matrices are in
/// `ExpressionParser+Constructs.swift`.)
extension ExpressionParser {
  // MARK: Sums, products, extrema

  /// What the subscript of `\sum`, `\prod`, `\max` or `\min` says: the variable, and the set
  /// it ranges over (`\bar y`, `\bar y \neq y`, `y \in \mathcal Y`) or the lower end of a range
  /// of integers (`k=1`).
  struct RangeSubscript {
    var variable: Int
    var set: (slot: Int, span: Span)?
    var excluding: Expression? = nil
    var lower: Expression? = nil
  }

  /// `\sum` or `\prod` (whose token `t` is next) with its subscript, superscript and body: the
  /// rest of the term.
  mutating func parseReduction(_ kind: Reduction.Kind, token t: Token) throws(TeXError)
    -> Expression
  {
    advance(t)
    return try parseReductionScripts(kind, token: t)
  }

  /// The scripts and body of a reduction whose operator `t` was consumed.
  mutating func parseReductionScripts(_ kind: Reduction.Kind, token t: Token) throws(TeXError)
    -> Expression
  {
    var range: RangeSubscript? = nil
    var upper: (expression: Expression, token: Token)? = nil
    loop: while true {
      let u = try peek()
      switch u.kind {
      case .command("limits"), .command("nolimits"): advance(u)
      case .subscript where range == nil:
        advance(u)
        range = try parseRangeSubscript(after: u)
      case .superscript where upper == nil:
        advance(u)
        upper = (try parseScriptArgument(for: u), u)
      default: break loop
      }
    }
    guard let range else {
      throw TeXError(
        "\(t.spelling) needs what it ranges over, as in \(t.spelling)_{\\bar y} or "
          + "\(t.spelling)_{k=1}^{n}", offset: t.offset, length: t.length)
    }
    let domain: Domain
    if let lower = range.lower {
      guard let upper else {
        throw TeXError(
          "\(t.spelling)_{k=…} needs its upper end, as in \(t.spelling)_{k=1}^{n}",
          offset: t.offset, length: t.length)
      }
      domain = .integers(lower: lower, upper: upper.expression)
    } else {
      if let upper {
        throw TeXError(
          "an upper end needs a range of integers, as in \(t.spelling)_{k=1}^{n}",
          offset: upper.token.offset, length: upper.token.length)
      }
      let set = range.set!
      domain = .set(slot: set.slot, span: set.span, excluding: range.excluding)
    }
    locals.append(range.variable)
    defer { locals.removeLast() }
    let body = try parseTerm()
    return .reduction(
      Reduction(kind: kind, variable: range.variable, domain: domain, body: body, span: Span(t)))
  }

  /// The subscript of a reduction, after its `_`.
  mutating func parseRangeSubscript(after underscore: Token) throws(TeXError) -> RangeSubscript {
    let open = try peek()
    guard open.kind == .open else {
      let name = try parseSingleName()
      let variable = slot(name.spelling)
      return RangeSubscript(variable: variable, set: (variable, name.span))
    }
    advance(open)
    let range = try nested { (p: inout ExpressionParser) throws(TeXError) -> RangeSubscript in
      try p.parseRangeVariable(integers: true, of: "a sum")
    }
    try expectClose(opening: open)
    return range
  }

  /// One variable of a subscript that says what it ranges over, inside its braces: `\bar y`,
  /// `y \in \mathcal Y`, `\bar y \neq y`, or with `integers`, `k=1`. `what` names the operator
  /// in messages.
  mutating func parseRangeVariable(integers: Bool, of what: String) throws(TeXError)
    -> RangeSubscript
  {
    let name = try parseName(indexed: false)
    let variable = slot(name.spelling)
    var range = RangeSubscript(variable: variable, set: (variable, name.span))
    let t = try peek()
    if t.kind == .command("in") {
      advance(t)
      let set = try parseName(indexed: false)
      range.set = (slot(set.spelling), set.span)
    } else if let relation = relation(at: t) {
      switch relation {
      case .equal where integers:
        _ = try acceptRelation(t)
        range.lower = try parseExpression()
        range.set = nil
      case .notEqual:
        advance(t)
        range.excluding = try parseExpression()
      default:
        let forms = integers ? "_{y \\in Y} or _{k=1}" : "_{y \\in Y} or _{y, z}"
        throw TeXError(
          "\(t.spelling) in the subscript of \(what): write _{\\bar y}, _{\\bar y \\neq y}, "
            + forms, offset: t.offset, length: t.length)
      }
    }
    return range
  }

  /// `\max` or `\min`: of arguments, `\max(a, b)` or `\max\{a, b\}`, or over what its subscript
  /// says, `\max_{\bar y \neq y} F_W(x, \bar y)`.
  mutating func parseExtremum(token t: Token) throws(TeXError) -> Expression {
    advance(t)
    let isMax = t.kind == .command("max")
    let u = try peek()
    switch u.kind {
    case .subscript, .command("limits"), .command("nolimits"):
      return try parseReductionScripts(isMax ? .max : .min, token: t)
    default:
      if let d = try delimiter(at: u), d.side == .open, d.fence == .paren || d.fence == .brace {
        let arguments = try parseArguments(d)
        return try parseScripts(on: .extremum(isMax: isMax, arguments, Span(t)), fence: nil)
      }
      throw TeXError(
        "\(t.spelling) needs its arguments, as in \(t.spelling)(a, b), or what it ranges over, "
          + "as in \(t.spelling)_{\\bar y}", offset: t.offset, length: t.length)
    }
  }

  // MARK: Argmin and argmax

  /// Whether `t`, the next token, starts argmin or argmax: `\operatorname*{argmin}` (with or
  /// without the star, `arg\,min` as well, or in `\mathrm{…}`), `\arg\min` or `\arg\max`. Gives
  /// which, and the stream's position after the operator.
  mutating func argExtremumAhead(_ t: Token) throws(TeXError) -> (isMax: Bool, end: Int)? {
    guard case .command(let name) = t.kind else { return nil }
    let saved = stream.pos
    defer { stream.pos = saved }
    stream.pos += 1
    if name == "arg" {
      let u = try nextMeaningful()
      guard u.kind == .command("min") || u.kind == .command("max") else { return nil }
      return (u.kind == .command("max"), stream.pos + 1)
    }
    guard Spelling.lookedThrough.contains(name) else { return nil }
    if stream.tokens[stream.pos].kind == .char("*") { stream.pos += 1 }
    guard try nextMeaningful().kind == .open else { return nil }
    stream.pos += 1
    var letters = ""
    while true {
      let u = try nextMeaningful()
      guard case .char(let c) = u.kind, c.properties.isAlphabetic else {
        guard u.kind == .close, letters == "argmin" || letters == "argmax" else { return nil }
        return (letters == "argmax", stream.pos + 1)
      }
      letters.unicodeScalars.append(c)
      stream.pos += 1
    }
  }

  /// The next token that is not a space or a spacing command, left unconsumed.
  mutating func nextMeaningful() throws(TeXError) -> Token {
    while true {
      let u = try stream.peekNonSpace()
      guard case .command(let name) = u.kind, Spelling.isIgnorable(name) else { return u }
      stream.pos += 1
    }
  }

  /// argmin or argmax (starting at `t`, ending at the stream position `end`) with its subscript,
  /// the variables and what each ranges over (`_{y}`, `_{y, z}`, `_{y \in \mathcal Y}`,
  /// `_{\bar y \neq y}`), and its body: the rest of the term.
  mutating func parseArgExtremum(isMax: Bool, token t: Token, end: Int) throws(TeXError)
    -> Expression
  {
    stream.pos = end
    let last = stream.tokens[end - 1]
    lastEnd = last.offset + last.length
    let span = Span(offset: t.offset, length: lastEnd - t.offset)
    let name = ArgExtremum.name(isMax: isMax)
    var ranges: [ArgExtremum.Range]? = nil
    loop: while true {
      let u = try peek()
      switch u.kind {
      case .command("limits"), .command("nolimits"): advance(u)
      case .subscript where ranges == nil:
        advance(u)
        ranges = try parseArgRanges(of: name)
      case .superscript:
        throw TeXError(
          "\(name) has no upper end: it ranges over sets, as in \(name)_{y}", offset: u.offset,
          length: u.length)
      default: break loop
      }
    }
    guard let ranges else {
      throw span.error("\(name) needs what it ranges over, as in \(name)_{y} or \(name)_{y, z}")
    }
    defer { locals.removeLast(ranges.count) }
    let body = try parseTerm()
    return .argExtremum(ArgExtremum(isMax: isMax, ranges: ranges, body: body, span: span))
  }

  /// The subscript of argmin or argmax, after its `_`: the variables, separated by commas, each
  /// made a local as it is read (so that what a later one leaves out may read it).
  mutating func parseArgRanges(of name: String) throws(TeXError) -> [ArgExtremum.Range] {
    func range(_ r: RangeSubscript) -> ArgExtremum.Range {
      ArgExtremum.Range(
        variable: r.variable, set: r.set!.slot, span: r.set!.span, excluding: r.excluding)
    }
    let open = try peek()
    guard open.kind == .open else {
      let single = try parseSingleName()
      let variable = slot(single.spelling)
      locals.append(variable)
      return [range(RangeSubscript(variable: variable, set: (variable, single.span)))]
    }
    advance(open)
    let ranges = try nested { (p: inout ExpressionParser) throws(TeXError) in
      var ranges: [ArgExtremum.Range] = []
      repeat {
        let r = try p.parseRangeVariable(integers: false, of: name)
        ranges.append(range(r))
        p.locals.append(r.variable)
      } while try p.accept(.char(",")) != nil
      return ranges
    }
    try expectClose(opening: open)
    return ranges
  }

  // MARK: Integrals

  /// `\int_{a}^{b} f \, d\hat y` (or without limits, or with the differential first).
  mutating func parseIntegral(token t: Token) throws(TeXError) -> Expression {
    advance(t)
    var lower: Expression? = nil
    var upper: Expression? = nil
    loop: while true {
      let u = try peek()
      switch u.kind {
      case .command("limits"), .command("nolimits"): advance(u)
      case .subscript where lower == nil:
        advance(u)
        lower = try parseScriptArgument(for: u)
      case .superscript where upper == nil:
        advance(u)
        upper = try parseScriptArgument(for: u)
      default: break loop
      }
    }
    if (lower == nil) != (upper == nil) {
      throw TeXError(
        "\\int needs both limits or neither", offset: t.offset, length: t.length)
    }
    let body: Expression
    let variable: Name
    if try differentialAhead() {
      variable = try parseDifferential()
      body = try parseTerm()
    } else {
      body = try nested({ $0.differential = true }) {
        (p: inout ExpressionParser) throws(TeXError) in
        try p.parseExpression()
      }
      guard try differentialAhead() else {
        throw TeXError(
          "\\int needs its variable: end the integrand with d and the variable, as in d\\hat y",
          offset: t.offset, length: t.length)
      }
      variable = try parseDifferential()
    }
    return .integral(
      Integral(
        variable: slot(variable.spelling), variableSpan: variable.span, lower: lower,
        upper: upper, body: body, span: Span(t)))
  }

  /// Whether the next tokens are a differential: `d` (or `\mathrm{d}`) and a name.
  mutating func differentialAhead() throws(TeXError) -> Bool {
    let saved = stream.pos
    defer { stream.pos = saved }
    guard try skipDifferentialMark() else { return false }
    return startsName(try stream.peekNonSpace())
  }

  /// Consumes `d`, `\mathrm{d}` or `\mathrm d` if it is next.
  mutating func skipDifferentialMark() throws(TeXError) -> Bool {
    let t = try stream.peekNonSpace()
    if t.kind == .char("d") {
      stream.pos += 1
      return true
    }
    guard case .command(let name) = t.kind, Spelling.lookedThrough.contains(name) else {
      return false
    }
    let start = stream.pos
    stream.pos += 1
    var u = try stream.peekNonSpace()
    if u.kind == .open {
      stream.pos += 1
      u = try stream.peekNonSpace()
      if u.kind == .char("d") {
        stream.pos += 1
        if try stream.peekNonSpace().kind == .close {
          stream.pos += 1
          return true
        }
      }
    } else if u.kind == .char("d") {
      stream.pos += 1
      return true
    }
    stream.pos = start
    return false
  }

  /// The differential `d\hat y`: the variable's name.
  mutating func parseDifferential() throws(TeXError) -> Name {
    _ = try peek()
    _ = try skipDifferentialMark()
    return try parseName(indexed: false)
  }

  // MARK: Functions

  /// `\exp`, `\log` (`\log_b`), `\ln`, `\sin`…: applied to a parenthesized argument, or else to
  /// the rest of the term (`\log \sum_{y'} e^{…}`).
  mutating func parseFunction(_ function: ElementaryFunction, token t: Token) throws(TeXError)
    -> Expression
  {
    advance(t)
    var base: Expression? = nil
    if function == .log, let u = try accept(.subscript) {
      base = try parseScriptArgument(for: u)
    }
    let u = try peek()
    if u.kind == .superscript {
      throw TeXError(
        "a power of \(t.spelling) cannot be evaluated: write (\(t.spelling) x)^2",
        offset: u.offset, length: u.length)
    }
    var result: Expression
    let parenthesized: Bool
    if let d = try delimiter(at: u), d.fence == .paren, d.side == .open {
      result = .function(function, try parseFenced(d), Span(t))
      parenthesized = true
    } else {
      result = .function(function, try parseTerm(), Span(t))
      parenthesized = false
    }
    if let base {
      result = .quotient(result, .function(.log, base, Span(t)), Span(t))
    }
    return parenthesized ? try parseScripts(on: result, fence: nil) : result
  }

  /// `\sqrt{x}` or `\sqrt[n]{x}`.
  mutating func parseRoot(token t: Token) throws(TeXError) -> Expression {
    advance(t)
    var degree = Expression.number(2)
    if let open = try accept(.char("[")) {
      degree = try nested { (p: inout ExpressionParser) throws(TeXError) in
        try p.parseExpression()
      }
      guard try accept(.char("]")) != nil else {
        throw TeXError("\\sqrt[ is never closed by ]", offset: open.offset, length: 1)
      }
    }
    return .root(try parseScriptArgument(for: t), degree: degree, Span(t))
  }
}
