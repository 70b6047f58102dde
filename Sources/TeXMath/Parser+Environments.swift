/// `\begin{…}…\end{…}` environments and `\substack`, as `mtable` with alignment classes.
extension Parser {
  /// How an environment lays out its table.
  struct Environment: Sendable {
    /// The CSS class of the cell in each column (nil: centred), cycling for aligned pairs.
    var columnClasses: [String?]
    var cycle: Bool = false
    var maxColumns: Int? = nil
    var rows: Bool = true
    var displaystyle: Bool = false
    var fences: (open: String, close: String)? = nil
    var tableClass: String
    /// Only in display math (`align`, `equation`, `gather`).
    var displayOnly: Bool = false
    /// Starred: never numbered.
    var starred: Bool = false
    /// The strut in every cell, as LaTeX's array puts one (`\@arstrut`), so that a row is at
    /// least that high and deep: 0.84 and 0.36 em (0.7 and 0.3 of the 12 pt baseline skip),
    /// times `\arraystretch`.
    var strut: (height: String, depth: String)? = nil
  }

  static let arrayStrut = (height: "0.84em", depth: "0.36em")

  static let environments: [String: Environment] = {
    var table: [String: Environment] = [:]
    let align = Environment(
      columnClasses: ["math-r", "math-l"], cycle: true, displaystyle: true,
      tableClass: "math-align")
    table["aligned"] = align
    table["split"] = align
    for (name, starred) in [("align", false), ("align*", true)] {
      var env = align
      env.displayOnly = true
      env.starred = starred
      table[name] = env
    }
    let gather = Environment(
      columnClasses: [nil], maxColumns: 1, displaystyle: true, tableClass: "math-gather")
    table["gathered"] = gather
    for (name, starred) in [("gather", false), ("gather*", true)] {
      var env = gather
      env.displayOnly = true
      env.starred = starred
      table[name] = env
    }
    for (name, starred) in [("equation", false), ("equation*", true)] {
      var env = gather
      env.rows = false
      env.displayOnly = true
      env.starred = starred
      table[name] = env
    }
    // amsmath's cases set \arraystretch to 1.2.
    let cases = Environment(
      columnClasses: ["math-l", "math-l"], maxColumns: 2, fences: ("{", ""),
      tableClass: "math-cases", strut: ("1.008em", "0.432em"))
    table["cases"] = cases
    var dcases = cases
    dcases.displaystyle = true
    table["dcases"] = dcases
    var rcases = cases
    rcases.fences = ("", "}")
    table["rcases"] = rcases
    let matrices: [(String, String, String)] = [
      ("matrix", "", ""), ("pmatrix", "(", ")"), ("bmatrix", "[", "]"), ("Bmatrix", "{", "}"),
      ("vmatrix", "|", "|"), ("Vmatrix", "‖", "‖"),
    ]
    for (name, open, close) in matrices {
      table[name] = Environment(
        columnClasses: [nil], cycle: true, fences: (open, close), tableClass: "math-matrix",
        strut: arrayStrut)
    }
    return table
  }()

  /// Parses an environment whose `\begin` token `begin` was just consumed.
  mutating func environment(token begin: Token) throws(TeXError) -> MathNode {
    let name = try rawArgument(for: begin)
    let nameEnd = tokens[pos - 1].offset + 1
    let beginSpan = TeXError("", offset: begin.offset, length: nameEnd - begin.offset)
    var env: Environment
    if name == "array" {
      env = try arrayEnvironment(begin: begin)
    } else if let known = Self.environments[name] {
      env = known
    } else {
      throw TeXError(
        "unknown environment '\(name)'", offset: beginSpan.offset, length: beginSpan.length)
    }
    if env.displayOnly && !display {
      throw TeXError(
        "environment '\(name)' is only allowed in display math", offset: beginSpan.offset,
        length: beginSpan.length)
    }
    if env.starred && starredEnvironment == nil { starredEnvironment = begin }
    let rows = try inStyle(env.displaystyle ? 0 : 1) { (p: inout Parser) throws(TeXError) in
      try p.parseRows(env, name: name, opener: beginSpan)
    }
    var attributes: [(name: String, value: String)] = []
    if env.displaystyle { attributes.append(("displaystyle", "true")) }
    attributes.append(("class", env.tableClass))
    let table = MathNode(.mtable, children: rows, attributes)
    guard let fences = env.fences else { return table }
    var children: [MathNode] = []
    if !fences.open.isEmpty { children.append(Self.fence(fences.open, form: "prefix")) }
    children.append(table)
    if !fences.close.isEmpty { children.append(Self.fence(fences.close, form: "postfix")) }
    Self.fitFences(&children, display: style == 0)
    // `\left( … \right)` around the table: an inner atom, as in TeX (a bare `matrix` is an
    // ordinary one, the default).
    let row = MathNode(.mrow, children: children)
    if children.count > 1 { row.atomClass = .inner }
    return row
  }

  /// `\begin{array}{lcr}`: the column specification.
  mutating func arrayEnvironment(begin: Token) throws(TeXError) -> Environment {
    let specToken = try peekNonSpace()
    let spec = try rawArgument(for: begin)
    var classes: [String?] = []
    // A `|` draws a rule at the left of the next column, or at the right of the last one.
    var rule = false
    func append(_ alignment: String?) {
      let rules = rule ? "math-rule-left" : nil
      classes.append([alignment, rules].compactMap { $0 }.joined(separator: " ").nilIfEmpty)
      rule = false
    }
    for c in spec where c != " " {
      switch c {
      case "l": append("math-l")
      case "c": append(nil)
      case "r": append("math-r")
      case "|": rule = true
      default:
        throw TeXError(
          "array column '\(c)' is not supported (use l, c, r and | for a rule)",
          offset: specToken.offset, length: spec.utf8.count + 2)
      }
    }
    if rule, let last = classes.indices.last {
      classes[last] = [classes[last], "math-rule-right"].compactMap { $0 }.joined(separator: " ")
    }
    if classes.isEmpty {
      throw TeXError(
        "array needs a column specification such as {lcr}", offset: specToken.offset,
        length: spec.utf8.count + 2)
    }
    return Environment(
      columnClasses: classes, maxColumns: classes.count, tableClass: "math-array",
      strut: Self.arrayStrut)
  }

  /// Parses rows (`\\`) of cells (`&`) up to `\end{name}`, or up to `}` when `name` is nil
  /// (`\substack`).
  mutating func parseRows(_ env: Environment, name: String?, opener: TeXError)
    throws(TeXError) -> [MathNode]
  {
    var rows: [MathNode] = []
    var cells: [MathNode] = []
    func cell(_ nodes: [MathNode], column: Int) -> MathNode {
      let index = env.cycle ? column % env.columnClasses.count : column
      let cls = index < env.columnClasses.count ? env.columnClasses[index] : nil
      // The second column of an aligned pair starts after amsmath's empty `{}`, so that
      // `&= x` spaces `=` as a relation.
      let afterOrdinary = env.cycle && cls == "math-l"
      var children = afterOrdinary ? spaced(nodes, afterOrdinary: true) : nodes
      if let strut = env.strut {
        // The cell's content in a row of its own, so that the browser still takes a sign at
        // its start as a prefix (`-x` in cases), not as an operator after the strut.
        let space = MathNode(.mspace, "", [("height", strut.height), ("depth", strut.depth)])
        children = [space] + (children.count > 1 ? [MathNode(.mrow, children: children)] : children)
      }
      return MathNode(.mtd, children: children, cls.map { [("class", $0)] } ?? [])
    }
    /// Ends a row; `\hline` before it draws a rule above it.
    func endRow() {
      let row = MathNode(.mtr, children: cells)
      if ruleAbove { Self.addClass("math-rule-above", toCellsOf: row) }
      rows.append(row)
      cells = []
    }
    var ruleAbove = try skipHorizontalRules()
    /// The last row, unless it is empty after a final `\\` (whose `\hline` then draws a rule
    /// below the row before).
    func finish(_ content: [MathNode]) {
      if content.isEmpty && cells.isEmpty && !rows.isEmpty {
        if ruleAbove, let last = rows.last(where: { !Self.isSpacer($0) }) {
          Self.addClass("math-rule-below", toCellsOf: last)
        }
      } else {
        cells.append(cell(content, column: cells.count))
        endRow()
      }
    }
    while true {
      let content = try parseList()
      let t = try peek()
      switch t.kind {
      case .tab:
        if let limit = env.maxColumns, cells.count + 1 >= limit {
          let what = name.map { "'\($0)'" } ?? "\\substack"
          throw TeXError(
            "too many columns in \(what) (at most \(limit))", offset: t.offset, length: 1)
        }
        pos += 1
        cells.append(cell(content, column: cells.count))
      case .command("\\"), .command("cr"):
        guard env.rows else {
          throw TeXError(
            "\\\\ is not allowed in '\(name ?? "")' (use aligned or gathered inside it)",
            offset: t.offset, length: t.length)
        }
        pos += 1
        let skip = try rowSkip(after: t)
        cells.append(cell(content, column: cells.count))
        endRow()
        if let skip { rows.append(Self.spacerRow(height: skip)) }
        ruleAbove = try skipHorizontalRules()
      case .command("end") where name != nil:
        pos += 1
        let endName = try rawArgument(for: t)
        guard endName == name else {
          let length = tokens[pos - 1].offset + 1 - t.offset
          throw TeXError(
            "\\end{\(endName)} does not match \\begin{\(name!)}", offset: t.offset,
            length: length)
        }
        finish(content)
        return rows
      case .close where name == nil:
        pos += 1
        finish(content)
        return rows
      case .end:
        let message =
          name.map { "environment '\($0)' is not closed (missing \\end{\($0)})" }
          ?? "unbalanced braces: { is never closed"
        throw TeXError(message, offset: opener.offset, length: opener.length)
      case .close:
        throw TeXError(
          "unbalanced braces: unexpected } inside '\(name ?? "")'", offset: t.offset,
          length: 1)
      default:
        throw misplaced(t)
      }
    }
  }

  /// `\substack{a \\ b}`: centred rows for limits of large operators.
  mutating func substack(token t: Token) throws(TeXError) -> MathNode {
    let open = try peekNonSpace()
    guard open.kind == .open else {
      throw TeXError("missing argument for \\substack", offset: t.offset, length: t.length)
    }
    pos += 1
    let env = Environment(columnClasses: [nil], maxColumns: 1, tableClass: "math-substack")
    let rows = try parseRows(
      env, name: nil, opener: TeXError("", offset: open.offset, length: 1))
    return MathNode(.mtable, children: rows, [("class", "math-substack")])
  }

  /// Skips `\hline` (one or more) at the start of a row: whether there was one.
  mutating func skipHorizontalRules() throws(TeXError) -> Bool {
    var found = false
    while try peekNonSpace().kind == .command("hline") {
      pos += 1
      found = true
    }
    return found
  }

  /// After `\\`: the extra space of `[length]`, as a CSS length (`nil` without one, and for a
  /// length of zero or less: rows are not drawn closer).
  mutating func rowSkip(after rowEnd: Token) throws(TeXError) -> String? {
    let start = pos
    guard try peekNonSpace().kind == .char("[") else {
      pos = start
      return nil
    }
    let open = tokens[pos]
    pos += 1
    var text = ""
    while true {
      let t = try peek()
      if case .char(let c) = t.kind, c != "]" {
        text.unicodeScalars.append(c)
      } else if t.kind != .space {
        break
      }
      pos += 1
    }
    let close = try peek()
    guard close.kind == .char("]"), let length = Self.cssLength(text) else {
      let end = close.kind == .char("]") ? close.offset + 1 : close.offset
      throw TeXError(
        "row spacing after \\\\ must be a length such as [4pt] or [0.5em]",
        offset: open.offset, length: max(1, end - open.offset))
    }
    pos += 1
    // Every unit `cssLength` accepts has two letters.
    return (Double(length.dropLast(2)) ?? 0) > 0 ? length : nil
  }

  /// An empty row of `height` (a CSS length), for the space of `\\[…]`.
  static func spacerRow(height: String) -> MathNode {
    MathNode(
      .mtr, children: [MathNode(.mtd, children: [MathNode(.mspace, "", [("height", height)])])],
      [("class", "math-row-skip")])
  }

  static func isSpacer(_ row: MathNode) -> Bool {
    row.attributes.contains { $0.name == "class" && $0.value == "math-row-skip" }
  }

  /// Adds `name` to the `class` of every cell of `row`.
  static func addClass(_ name: String, toCellsOf row: MathNode) {
    for cell in row.children {
      if let index = cell.attributes.firstIndex(where: { $0.name == "class" }) {
        cell.attributes[index].value += " " + name
      } else {
        cell.attributes.append(("class", name))
      }
    }
  }
}

extension String {
  fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
