/// Fractions and derivative symbols, indicators, and matrices.
extension ExpressionParser {
  // MARK: Fractions and derivatives

  /// `\frac{a}{b}`, or a derivative symbol when both start with `\partial`.
  mutating func parseFraction(token t: Token) throws(TeXError) -> Expression {
    advance(t)
    if try partialGroupAhead() { return try parseDerivative(token: t) }
    let numerator = try parseScriptArgument(for: t)
    let denominator = try parseScriptArgument(for: t)
    return .quotient(numerator, denominator, Span(t))
  }

  /// Whether a group starting with `\partial` is next.
  mutating func partialGroupAhead() throws(TeXError) -> Bool {
    let saved = stream.pos
    defer { stream.pos = saved }
    guard try stream.peekNonSpace().kind == .open else { return false }
    stream.pos += 1
    return try stream.peekNonSpace().kind == .command("partial")
  }

  /// `\frac{\partial F_W(x, y)}{\partial W}`: the function bound as `\partial F_W / \partial W`
  /// applied to the arguments written in it; `\frac{\partial \ell}{\partial W}`: the value
  /// bound as `\partial \ell / \partial W`; `\frac{\partial}{\partial W} F_W(x, y)` as the first.
  mutating func parseDerivative(token t: Token) throws(TeXError) -> Expression {
    let open = try peek()
    advance(open)
    advance(try peek())  // \partial
    try rejectHigherDerivative()
    var numerator: Name? = nil
    var arguments: [Expression]? = nil
    if try peek().kind != .close {
      numerator = try parseName(indexed: false)
      arguments = try parseOptionalArguments()
    }
    try expectClose(opening: open)
    let denominatorOpen = try peek()
    guard denominatorOpen.kind == .open, try partialGroupAhead() else {
      throw TeXError(
        "the denominator of a derivative is {\\partial W}", offset: denominatorOpen.offset,
        length: denominatorOpen.length)
    }
    advance(denominatorOpen)
    advance(try peek())  // \partial
    try rejectHigherDerivative()
    let variable = try parseName(indexed: false)
    try rejectHigherDerivative()
    try expectClose(opening: denominatorOpen)
    if numerator == nil {
      let u = try peek()
      if !(try startsFactor(u)) {
        throw TeXError(
          "\\frac{\\partial}{\\partial \(variable.spelling)} must be followed by what it "
            + "differentiates", offset: u.offset, length: u.length)
      }
      // A name with its arguments (`F_W(x, y)`), or a name alone, is the derivative symbol
      // bound for it; anything else (`e^z`, `\log(1 + e^z)`) is differentiated as written, the
      // rest of the term, with respect to the variable's value.
      let saved = stream.pos
      if startsName(u) {
        numerator = try parseName(indexed: false)
        arguments = try parseOptionalArguments()
        if arguments == nil, try peek().kind == .superscript { numerator = nil }
      }
      if numerator == nil {
        stream.pos = saved
        let body = try parseTerm()
        return .derivative(
          body, variable: slot(variable.spelling),
          Span(offset: t.offset, length: lastEnd - t.offset))
      }
    }
    return derivative(numerator!, variable, arguments, from: t)
  }

  /// `\partial F_W(x, y) / \partial w_y`, written on the line.
  mutating func parseSlashDerivative(token t: Token) throws(TeXError) -> Expression {
    advance(t)
    try rejectHigherDerivative()
    guard startsName(try peek()) else { throw loneDerivative(t) }
    let numerator = try parseName(indexed: false)
    let arguments = try parseOptionalArguments()
    guard try accept(.char("/")) != nil, try accept(.command("partial")) != nil else {
      throw loneDerivative(t)
    }
    try rejectHigherDerivative()
    let variable = try parseName(indexed: false)
    return derivative(numerator, variable, arguments, from: t)
  }

  func loneDerivative(_ t: Token) -> TeXError {
    TeXError(
      "\\partial outside a derivative: write \\frac{\\partial F}{\\partial W} or "
        + "\\partial F / \\partial W", offset: t.offset, length: t.length)
  }

  mutating func rejectHigherDerivative() throws(TeXError) {
    let t = try peek()
    if t.kind == .superscript {
      throw TeXError(
        "higher derivatives cannot be evaluated", offset: t.offset, length: t.length)
    }
  }

  /// The arguments in parentheses after a name, if any.
  mutating func parseOptionalArguments() throws(TeXError) -> [Expression]? {
    let t = try peek()
    guard let d = try delimiter(at: t), d.fence == .paren, d.side == .open else { return nil }
    return try parseArguments(d)
  }

  /// The derivative symbol `\partial numerator / \partial variable`, applied to `arguments`.
  mutating func derivative(
    _ numerator: Name, _ variable: Name, _ arguments: [Expression]?, from t: Token
  ) -> Expression {
    let spelling = "\\partial \(numerator.spelling) / \\partial \(variable.spelling)"
    let span = Span(offset: t.offset, length: lastEnd - t.offset)
    if let arguments { return .apply(slot(spelling), arguments, span) }
    return .symbol(slot(spelling), span)
  }

  // MARK: Indicators

  /// Whether `t` starts `\mathbb{1}` (or `\mathbf{1}`, `\boldsymbol{1}`, `\bm{1}`).
  mutating func isIndicator(_ t: Token) throws(TeXError) -> Bool {
    guard case .command(let name) = t.kind,
      ["mathbb", "mathbf", "boldsymbol", "bm"].contains(name)
    else { return false }
    let saved = stream.pos
    defer { stream.pos = saved }
    stream.pos += 1
    var u = try stream.peekNonSpace()
    guard u.kind == .open else { return u.kind == .char("1") }
    stream.pos += 1
    u = try stream.peekNonSpace()
    guard u.kind == .char("1") else { return false }
    stream.pos += 1
    return try stream.peekNonSpace().kind == .close
  }

  /// `\mathbb{1}[condition]`, `\mathbf{1}\{condition\}`, `\mathbb{1}_{condition}`: 1 when the
  /// condition holds, else 0.
  mutating func parseIndicator(token t: Token) throws(TeXError) -> Expression {
    advance(t)
    try skipArgument(for: t)
    let u = try peek()
    if u.kind == .subscript {
      advance(u)
      let open = try peek()
      guard open.kind == .open else {
        throw TeXError(
          "the condition of \(t.spelling){1}_{…} goes in braces", offset: open.offset,
          length: open.length)
      }
      advance(open)
      let condition = try nested { (p: inout ExpressionParser) throws(TeXError) in
        try p.parseCondition()
      }
      try expectClose(opening: open)
      return .indicator(condition)
    }
    if let d = try delimiter(at: u), d.side == .open,
      d.fence == .bracket || d.fence == .brace || d.fence == .paren
    {
      consume(d)
      let condition = try nested { (p: inout ExpressionParser) throws(TeXError) in
        try p.parseCondition()
      }
      try expectClosing(d)
      return .indicator(condition)
    }
    throw TeXError(
      "\(t.spelling){1} needs its condition, as in \(t.spelling){1}[a > b]", offset: t.offset,
      length: t.length)
  }

  /// Expressions compared by `< > \le \ge = \ne`, at least once.
  mutating func parseCondition() throws(TeXError) -> Condition {
    var condition = Condition(operands: [try parseExpression()], relations: [])
    while true {
      let t = try peek()
      guard let relation = relation(at: t), relation != .approximatelyEqual else { break }
      _ = try acceptRelation(t)
      condition.relations.append((relation, Span(t)))
      condition.operands.append(try parseExpression())
    }
    if condition.relations.isEmpty {
      let t = try peek()
      throw TeXError(
        "an indicator needs a comparison, as in \\mathbb{1}[a > b]", offset: t.offset,
        length: t.length)
    }
    return condition
  }

  // MARK: Matrices

  static let matrixEnvironments: Set<String> = [
    "matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix",
  ]

  /// `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`: a matrix, or a vector when it has one
  /// column.
  mutating func parseMatrix(token t: Token) throws(TeXError) -> Expression {
    advance(t)
    let name = try stream.rawArgument(for: t)
    guard Self.matrixEnvironments.contains(name) else {
      throw TeXError(
        "environment '\(name)' cannot be evaluated here (matrices can: pmatrix, bmatrix, "
          + "matrix)", offset: t.offset, length: t.length)
    }
    var rows: [[Expression]] = [[]]
    try nested { (p: inout ExpressionParser) throws(TeXError) in
      loop: while true {
        if try p.peek().kind == .command("end") { break }
        rows[rows.count - 1].append(try p.parseExpression())
        let u = try p.peek()
        switch u.kind {
        case .tab: p.advance(u)
        case .command("\\"), .command("cr"):
          p.advance(u)
          if let open = try p.accept(.char("[")) {
            while try p.peek().kind != .char("]") {
              guard try p.peek().kind != .end else {
                throw TeXError("[ is never closed by ]", offset: open.offset, length: 1)
              }
              p.stream.pos += 1
            }
            p.stream.pos += 1
          }
          rows.append([])
        case .command("end"): break loop
        default: throw p.unexpected(u)
        }
      }
    }
    let end = try peek()
    advance(end)
    let endName = try stream.rawArgument(for: end)
    guard endName == name else {
      throw TeXError(
        "\\end{\(endName)} does not match \\begin{\(name)}", offset: end.offset,
        length: end.length)
    }
    lastEnd = stream.tokens[stream.pos - 1].offset + 1
    if rows.count > 1 && rows[rows.count - 1].isEmpty { rows.removeLast() }
    let span = Span(offset: t.offset, length: lastEnd - t.offset)
    guard let columns = rows.first?.count, columns > 0, rows.allSatisfy({ $0.count == columns })
    else {
      throw span.error("the rows of a matrix must have the same number of entries")
    }
    return .matrix(rows, span)
  }
}
