/// Parses one formula's TeX into MathML nodes: the expression grammar (lists, atoms, scripts),
/// token access and macro expansion. Commands are in `Parser+Commands.swift`, environments in
/// `Parser+Environments.swift`, text mode in `Parser+Text.swift`.
struct Parser {
  var tokens: [Token]
  var pos = 0
  let macros: MacroTable
  /// Display math (`$$…$$`): labels, tags and the display-only environments are allowed.
  let display: Bool
  var expansions = 0
  /// The alphabet of the innermost font command (`\mathbb{…}`), applied to letters and digits.
  var alphabet: MathAlphabet? = nil
  /// Inside `\operatorname` or a font command: consecutive letters form one `mi`.
  var mergeLetters = false
  /// TeX's current style: 0 display, 1 text, 2 script, 3 scriptscript. In script styles TeX puts
  /// no space around binary operators and relations, so their `mo`s get zero `lspace`/`rspace`.
  var style: Int
  /// TeX's cramped styles (in a subscript, a denominator, under a radical): superscripts sit
  /// lower, as the browser's `math-shift: compact` sets them already.
  var cramped = false

  // What the formula says about numbering, for ``MathPage``.
  var label: (name: String, token: Token)? = nil
  var tag: (text: String, token: Token)? = nil
  var starredEnvironment: Token? = nil

  static let maximumExpansions = 10_000
  /// The most tokens macro expansion may read, write and move in all the formulas of a page
  /// (``MathPage``): this bounds the size formulas grow to, the memory their MathML takes and the
  /// time expansion takes (each expansion moves the tokens after it), which the count of
  /// expansions alone bounds for none of them.
  static let maximumExpansionWork = 4_000_000
  /// What expansion has cost in this formula, and what it may cost.
  var expansionWork = 0
  var expansionBudget = Parser.maximumExpansionWork
  /// Deepest nesting of lists (groups, fractions, scripts…), so that no input exhausts the stack.
  static let maximumDepth = 200
  var depth = 0

  init(tex: String, display: Bool, macros: MacroTable) throws(TeXError) {
    self.tokens = try Lexer.tokenize(tex)
    self.display = display
    self.macros = macros
    self.style = display ? 0 : 1
  }

  /// The style of a superscript or subscript of the current style.
  var scriptStyle: Int { style <= 1 ? 2 : 3 }

  /// Runs `body` in TeX style `newStyle` (0 display … 3 scriptscript).
  mutating func inStyle<T>(_ newStyle: Int, _ body: (inout Parser) throws(TeXError) -> T)
    throws(TeXError) -> T
  {
    let saved = style
    style = newStyle
    defer { style = saved }
    return try body(&self)
  }

  /// An operator `mo`; ``AtomSpacing`` decides its spacing once its row is complete.
  func operatorNode(_ text: String) -> MathNode {
    MathNode(.mo, text)
  }

  /// Parses the whole formula.
  mutating func parseFormula() throws(TeXError) -> [MathNode] {
    let nodes = try parseList()
    let t = try peek()
    if t.kind != .end { throw misplaced(t) }
    return nodes
  }

  // MARK: Tokens

  /// The next token after expanding user macros at the head of the input.
  mutating func peek() throws(TeXError) -> Token {
    while !macros.isEmpty, case .command(let name) = tokens[pos].kind, let macro = macros[name] {
      try expand(macro, at: tokens[pos])
    }
    return tokens[pos]
  }

  @discardableResult
  mutating func next() throws(TeXError) -> Token {
    let t = try peek()
    if t.kind != .end { pos += 1 }
    return t
  }

  mutating func skipSpaces() {
    while tokens[pos].kind == .space { pos += 1 }
  }

  /// The next non-space token.
  mutating func peekNonSpace() throws(TeXError) -> Token {
    skipSpaces()
    var t = try peek()
    while t.kind == .space {
      pos += 1
      t = try peek()
    }
    return t
  }

  /// Replaces the use of `macro` at `pos` by its body with the arguments substituted. Tokens of the
  /// body take the location of the whole use, so errors in them point at the use.
  mutating func expand(_ macro: MathMacro, at start: Token) throws(TeXError) {
    expansions += 1
    if expansions > Self.maximumExpansions {
      throw TeXError(
        "macro \\\(macro.name) expands too many times (is it recursive?)",
        offset: start.offset, length: start.length)
    }
    var j = pos + 1
    var arguments: [ArraySlice<Token>] = []
    for _ in 0..<macro.parameterCount {
      while tokens[j].kind == .space { j += 1 }
      let t = tokens[j]
      switch t.kind {
      case .open:
        var depth = 1
        var k = j + 1
        while depth > 0 {
          switch tokens[k].kind {
          case .open: depth += 1
          case .close: depth -= 1
          case .end:
            throw TeXError("unbalanced braces: { is never closed", offset: t.offset, length: 1)
          default: break
          }
          if depth > 0 { k += 1 }
        }
        arguments.append(tokens[(j + 1)..<k])
        j = k + 1
      case .end, .close:
        throw TeXError(
          "missing argument for \\\(macro.name)", offset: start.offset, length: start.length)
      default:
        arguments.append(tokens[j..<(j + 1)])
        j += 1
      }
    }
    let last = tokens[j - 1]
    let span = (offset: start.offset, length: last.offset + last.length - start.offset)
    // What this expansion costs: the tokens of the use read, those of the expansion written, and
    // those after it moved when the two differ in length.
    var size = 0
    for t in macro.tokens {
      if case .parameter(let n) = t.kind { size += arguments[n - 1].count } else { size += 1 }
    }
    expansionWork += (j - pos) + size + (size == j - pos ? 0 : tokens.count - j)
    if expansionWork > expansionBudget {
      throw TeXError(
        "macro \\\(macro.name) expands too much (a page's macros may write or move "
          + "at most \(Self.maximumExpansionWork) tokens)", offset: start.offset,
        length: start.length)
    }
    var expansion: [Token] = []
    expansion.reserveCapacity(size)
    for t in macro.tokens {
      if case .parameter(let n) = t.kind {
        expansion.append(contentsOf: arguments[n - 1])
      } else {
        expansion.append(Token(kind: t.kind, offset: span.offset, length: span.length))
      }
    }
    tokens.replaceSubrange(pos..<j, with: expansion)
  }

  /// Counts one level of nesting; throws past ``maximumDepth``.
  mutating func enter() throws(TeXError) {
    depth += 1
    if depth > Self.maximumDepth {
      let t = tokens[pos]
      throw TeXError(
        "formula nested more than \(Self.maximumDepth) levels deep", offset: t.offset,
        length: t.length)
    }
  }

  // MARK: Lists

  /// Whether `t` ends the current list: end of input, `}`, `&`, `\\`, `\end`, `\right`, `\middle`.
  func endsList(_ t: Token) -> Bool {
    switch t.kind {
    case .end, .close, .tab: return true
    case .command(let name):
      return name == "\\" || name == "end" || name == "right" || name == "middle" || name == "cr"
    default: return false
    }
  }

  /// Parses atoms with their scripts until a token that ends the list, which is not consumed;
  /// `until` also ends it at this level (`]` for `\sqrt[…]`, `$` inside `\text`). The list
  /// comes back spaced as TeX spaces it (``AtomSpacing``), for the current style.
  mutating func parseList(until stop: Unicode.Scalar? = nil) throws(TeXError) -> [MathNode] {
    spaced(try parseUnspacedList(until: stop))
  }

  /// `nodes`, one row, with TeX's spaces between its atoms in the current style.
  func spaced(_ nodes: [MathNode], afterOrdinary: Bool = false) -> [MathNode] {
    AtomSpacing.apply(to: nodes, script: style >= 2, afterOrdinary: afterOrdinary)
  }

  private mutating func parseUnspacedList(until stop: Unicode.Scalar?) throws(TeXError)
    -> [MathNode]
  {
    var nodes: [MathNode] = []
    while true {
      let t = try peekNonSpace()
      if endsList(t) { return nodes }
      if let stop, case .char(let c) = t.kind, c == stop { return nodes }
      if case .command(let name) = t.kind, case .style(let attributes)? = Command.table[name] {
        // The rest of the list nests inside the style switch: it counts as a level.
        try enter()
        defer { depth -= 1 }
        pos += 1
        let level = Int(attributes[1].value)! + (attributes[0].value == "true" ? 0 : 1)
        let rest = try inStyle(level) { (p: inout Parser) throws(TeXError) in
          try p.parseList(until: stop)
        }
        nodes.append(MathNode(.mstyle, children: rest, attributes))
        return nodes
      }
      try parseScripted(into: &nodes)
    }
  }

  static let styles: [String: [(name: String, value: String)]] = [
    "displaystyle": [("displaystyle", "true"), ("scriptlevel", "0")],
    "textstyle": [("displaystyle", "false"), ("scriptlevel", "0")],
    "scriptstyle": [("displaystyle", "false"), ("scriptlevel", "1")],
    "scriptscriptstyle": [("displaystyle", "false"), ("scriptlevel", "2")],
  ]

  /// The error for a token that ends a list where it is not allowed.
  func misplaced(_ t: Token) -> TeXError {
    let message: String
    switch t.kind {
    case .close: message = "unbalanced braces: unexpected }"
    case .tab: message = "& outside an environment"
    case .command("\\"), .command("cr"): message = "\\\\ outside an environment"
    case .command("end"): message = "\\end without a matching \\begin"
    case .command("right"): message = "\\right without a matching \\left"
    case .command("middle"): message = "\\middle outside \\left … \\right"
    default: message = "unexpected \(t.spelling)"
    }
    return TeXError(message, offset: t.offset, length: t.length)
  }

  /// Parses a `{…}` group whose `{` is the next token.
  mutating func parseGroup() throws(TeXError) -> MathNode {
    let open = try next()
    let nodes = try parseList()
    let t = try peek()
    guard t.kind == .close else {
      switch t.kind {
      case .tab, .command("\\"), .command("cr"), .command("middle"): throw misplaced(t)
      default:
        throw TeXError("unbalanced braces: { is never closed", offset: open.offset, length: 1)
      }
    }
    pos += 1
    // A group is an ordinary atom, whatever it holds.
    let group =
      nodes.count == 1 && nodes[0].kind != .mo ? nodes[0] : MathNode(.mrow, children: nodes)
    group.atomClass = .ord
    return group
  }

  // MARK: Scripts

  /// Parses one atom and its `^`, `_`, `'` and `\limits`, appending the result to `nodes`.
  mutating func parseScripted(into nodes: inout [MathNode]) throws(TeXError) {
    let atom = try parseAtom()
    var base = atom ?? MathNode(.mrow)
    var sub: MathNode? = nil
    var sup: MathNode? = nil
    var primes = 0
    var sawScript = false
    loop: while true {
      let t = try peekNonSpace()
      switch t.kind {
      case .command("limits"), .command("nolimits"):
        guard base.isLargeOperator, !sawScript else {
          throw TeXError(
            "\(t.spelling) must follow a large operator", offset: t.offset, length: t.length)
        }
        pos += 1
        if t.kind == .command("limits") {
          base.limits = .always
          base.setAttribute("movablelimits", "false")
        } else {
          base.limits = .side
          base.attributes.removeAll { $0.name == "movablelimits" }
        }
      case .subscript:
        pos += 1
        if sub != nil { throw TeXError("double subscript", offset: t.offset, length: 1) }
        // A subscript is cramped: its own superscripts sit lower (TeX's sup3).
        let wasCramped = cramped
        cramped = true
        defer { cramped = wasCramped }
        sub = try parseScriptArgument(for: t)
        sawScript = true
      case .superscript:
        pos += 1
        if sup != nil { throw TeXError("double superscript", offset: t.offset, length: 1) }
        sup = try parseScriptArgument(for: t)
        sawScript = true
      case .char("'"):
        pos += 1
        if sup != nil { throw TeXError("double superscript", offset: t.offset, length: 1) }
        primes += 1
        sawScript = true
      default:
        break loop
      }
    }
    // A command that produced no node (`\label`) and has no scripts.
    if atom == nil && !sawScript { return }
    if primes > 0 {
      // The font's prime is drawn where a superscript goes already: as a superscript it would
      // float a whole script level too high. It follows the base, and scripts go after it.
      let mark = ["′", "″", "‴", "⁗"][min(primes, 4) - 1]
      base = MathNode(.mrow, children: [base, MathNode(.mo, mark)])
    }
    let isFunction = base.isFunctionName
    if isFunction && base.kind == .mo && sub == nil && sup == nil {
      base = MathNode(.mi, base.text)
      base.isFunctionName = true
    }
    let scripted = Self.attach(
      base: base, sub: sub, sup: sup, display: style == 0, script: style == 2 && !cramped)
    if scripted.kind == .mo && Self.signs.contains(scripted.text) && Self.isUnary(after: nodes.last)
    {
      scripted.setAttribute("form", "prefix")
    }
    nodes.append(scripted)
    // U+2061 FUNCTION APPLICATION after a function name. (The thin space TeX puts between the
    // name and an ordinary atom, `\sin x`, and not before a delimiter, `\sin(x)`, is
    // AtomSpacing's: the name is an operator atom.)
    if isFunction { nodes.append(MathNode(.mo, "\u{2061}")) }
  }

  /// How much farther from the baseline, in em, TeX's box of a display-style large operator
  /// reaches than the browser's (Latin Modern Math's glyph, measured in Chromium) on each
  /// side: TeX's are all 1.05 em up and 0.55 em down.
  static let displayOperatorGaps: [String: Double] = [
    "∑": 0.1, "∏": 0.1, "∐": 0.1, "⋃": 0.12, "⋂": 0.12, "⨁": 0.15,
  ]

  static let signs: Set<String> = ["−", "+", "±", "∓"]
  static let closing: Set<String> = [")", "]", "}", "|", "‖", "⟩", "⌋", "⌉", "!", "′", "″"]

  /// A sign is unary (TeX makes it ordinary) after an operator, relation or opening delimiter; at
  /// the start of a row the browser already infers that.
  static func isUnary(after previous: MathNode?) -> Bool {
    guard let previous, previous.kind == .mo else { return false }
    return !closing.contains(previous.text) && previous.attribute("form") != "postfix"
  }

  /// `base` with its scripts: under/over for limits, at the side otherwise.
  static func attach(
    base: MathNode, sub: MathNode?, sup: MathNode?, display: Bool = false, script: Bool = false
  ) -> MathNode {
    guard sub != nil || sup != nil else { return base }
    let limits = base.limits != .side
    var sub = sub
    var sup = sup
    if base.kind == .mover && base.children.last?.text == "⏞"
      || base.kind == .munder
        && base.children.last?.text == "⏟"
    {
      // TeX sets a brace's label as a limit, further from the brace than a browser puts a
      // script under or over an accent-like mark: an empty space of that depth under the upper
      // label, and one as tall as the lower label and that gap over it. (MathML Core's mpadded
      // takes no relative `+0.15em`.)
      sup = sup.map {
        MathNode(.mrow, children: [$0, MathNode(.mspace, "", [("depth", "0.15em")])])
      }
      sub = sub.map { label in
        let height = (Self.extent(of: label, scale: 1, display: false).height + 0.15) * 100
        let space = MathNode(.mspace, "", [("height", "\(height.rounded() / 100)em")])
        return MathNode(.mrow, children: [space, label])
      }
    }
    var base = base
    if !limits, sup != nil, !base.isLargeOperator, [.mi, .mn, .mo].contains(base.kind),
      let c = base.text.unicodeScalars.first, base.text.unicodeScalars.count == 1,
      characterExtent(c).height > 0.62
    {
      // TeX raises a superscript on a character by its own shift alone; a browser raises it
      // further on a tall base (its top less a drop), so `)^2` and `F^+` would float: the base
      // is given a lower top for that rule (its ink is unchanged).
      let padded = MathNode(.mpadded, children: [base], [("height", "0.6em")])
      padded.atomClass = AtomSpacing.atomClass(of: base)
      base = padded
    }
    let character = [.mi, .mn, .mo].contains(base.kind) && base.text.unicodeScalars.count == 1
    if !limits, display, character || base.kind == .mpadded, let p = sup {
      // In display style TeX raises a superscript on a character 0.413 em, the font's browser
      // parameter 0.363 em: the difference, in the script's em.
      sup = MathNode(.mpadded, children: [p], [("voffset", "0.07em")])
    } else if !limits, script, character || base.kind == .mpadded, let p = sup {
      // In script style (a superscript's superscript, not in a subscript or a denominator)
      // TeX's shift is its script font's, 0.431 of the script's em (0.302 em), the browser's
      // still 0.363 of it (0.254 em): the difference, in the smaller script's em.
      sup = MathNode(.mpadded, children: [p], [("voffset", "0.1em")])
    }
    if limits, display, base.isLargeOperator, let gap = Self.displayOperatorGaps[base.text] {
      // TeX measures the limits of a display operator from its box in Computer Modern's
      // extension font, 1.05 em up and 0.55 em down; the browser from the glyph of Latin Modern
      // Math, as tall as Computer Modern's ink: the limits move out by the difference (in
      // their own, smaller em), and their boxes with them.
      let shift = (gap / 0.7 * 100).rounded() / 100
      sub = sub.map { b in
        let depth = extent(of: b, scale: 1, display: false).depth + shift
        return MathNode(
          .mpadded, children: [b],
          [("voffset", "-\(shift)em"), ("depth", GlyphWidths.length(Int(depth * 1000)))])
      }
      sup = sup.map { p in
        let height = extent(of: p, scale: 1, display: false).height + shift
        return MathNode(
          .mpadded, children: [p],
          [("voffset", "\(shift)em"), ("height", GlyphWidths.length(Int(height * 1000)))])
      }
    }
    // Limits that a browser sets as scripts, as TeX does in text style, are placed as scripts.
    let sideScripts = !limits || base.limits == .movable && !display
    if sideScripts, let b = sub {
      let raise = subscriptRaise(base: base, sub: b, withSuperscript: sup != nil)
      if raise > 0.005 {
        // In its own, smaller em. The box keeps its place when its content moves: its depth
        // is made that of the raised content, or a fraction would clear the old one.
        let voffset = (raise / 0.7 * 100).rounded() / 100
        var attributes = [("voffset", "\(voffset)em")]
        let depth = extent(of: b, scale: 1, display: false).depth
        if depth > 0 {
          let raised = Int((max(0, depth - voffset) * 100).rounded()) * 10
          attributes.append(("depth", GlyphWidths.length(raised)))
        }
        sub = MathNode(.mpadded, children: [b], attributes)
      }
    }
    var node: MathNode
    switch (sub, sup) {
    case (let b?, nil): node = MathNode(limits ? .munder : .msub, children: [base, b])
    case (nil, let p?): node = MathNode(limits ? .mover : .msup, children: [base, p])
    case (let b?, let p?):
      node = MathNode(limits ? .munderover : .msubsup, children: [base, b, p])
    default: return base
    }
    node.isFunctionName = false
    return node
  }

  /// How much lower, in em, a browser sets the subscript `sub` of `base` than TeX does (The
  /// TeXbook, appendix G, rules 18a and 18b): TeX lowers a character's subscript by 0.15 em
  /// (0.247 em beside a superscript), or less than the script's height over 4/5 of the x-height,
  /// (an accented one's too), and the subscript of anything else (a large operator, a group) at
  /// least to the base's depth plus 0.05 em; a browser (MathML Core with the font's parameters) by 0.247 em,
  /// or at least to the base's depth plus 0.2 em, whatever the base. The difference is large
  /// under a letter with a descender (`y_i`) and a text-style `\sum_i`.
  static func subscriptRaise(base: MathNode, sub: MathNode, withSuperscript: Bool) -> Double {
    var token = base
    if token.kind == .mpadded, token.children.count == 1 { token = token.children[0] }
    // TeX attaches the scripts of an accented character to the character, then accents both.
    if token.kind == .mover, token.attribute("accent") == "true" { token = token.children[0] }
    let isCharacter =
      [.mi, .mn, .mo].contains(token.kind) && token.text.unicodeScalars.count == 1
      && !token.isLargeOperator
    // A large operator is centred on the axis: a quarter em below the baseline, a little more
    // for the integrals.
    let depth =
      token.isLargeOperator && token.text.unicodeScalars.count == 1
      ? ("∫∬∭∮".contains(token.text) ? 0.3 : 0.25)
      : extent(of: base, scale: 1, display: false).depth
    let subHeight = extent(of: sub, scale: 0.7, display: false).height
    let minimum = withSuperscript ? 0.247 : 0.15
    var tex = max(minimum, withSuperscript ? 0 : subHeight - 0.344)
    if !isCharacter { tex = max(tex, depth + 0.05) }
    let browser = max(0.247, depth + 0.2, withSuperscript ? 0 : subHeight - 0.344)
    return browser - tex
  }

  /// The argument of `^` or `_`: a group, or one token (a single digit, letter or command).
  mutating func parseScriptArgument(for op: Token) throws(TeXError) -> MathNode {
    let t = try peekNonSpace()
    let name = op.kind == .superscript ? "^" : "_"
    if endsList(t) || t.kind == .superscript || t.kind == .subscript || t.kind == .char("'") {
      throw TeXError("missing argument for \(name)", offset: op.offset, length: op.length)
    }
    let node = try inStyle(scriptStyle) { (p: inout Parser) throws(TeXError) in
      try p.parseAtom(single: true)
    }
    guard let node else {
      throw TeXError("missing argument for \(name)", offset: op.offset, length: op.length)
    }
    return node
  }

  /// The required argument of a command: a group or a single token.
  mutating func parseArgument(for command: Token) throws(TeXError) -> MathNode {
    let t = try peekNonSpace()
    if endsList(t) || t.kind == .superscript || t.kind == .subscript {
      throw TeXError(
        "missing argument for \(command.spelling)", offset: command.offset,
        length: command.length)
    }
    guard let node = try parseAtom(single: true) else {
      throw TeXError(
        "missing argument for \(command.spelling)", offset: command.offset,
        length: command.length)
    }
    return node
  }

  // MARK: Atoms

  /// Parses one atom (no scripts). `single` reads one digit, not a number (script arguments).
  /// Returns nil for commands that produce no node (`\label`, `\nonumber`) and, without consuming
  /// it, for a script or prime that has no base.
  mutating func parseAtom(single: Bool = false) throws(TeXError) -> MathNode? {
    try enter()
    defer { depth -= 1 }
    let t = try peekNonSpace()
    switch t.kind {
    case .open:
      return try parseGroup()
    case .superscript, .subscript, .char("'"):
      return nil
    case .char(let c):
      pos += 1
      return try character(c, token: t, single: single)
    case .command(let name):
      pos += 1
      return try command(name, token: t)
    default:
      throw misplaced(t)
    }
  }

  /// A character in math mode.
  mutating func character(_ c: Unicode.Scalar, token t: Token, single: Bool) throws(TeXError)
    -> MathNode
  {
    let v = c.value
    if v >= 0x30 && v <= 0x39 {
      var text = String(alphabet?.map(c) ?? c)
      if !single {
        while case .char(let d) = tokens[pos].kind,
          d.value >= 0x30 && d.value <= 0x39
            || (d == "." && pos + 1 < tokens.count && tokens[pos + 1].isDigit)
        {
          text.unicodeScalars.append(alphabet?.map(d) ?? d)
          pos += 1
        }
      }
      return MathNode(.mn, text)
    }
    if c.isLetter {
      return letters(startingWith: c)
    }
    switch c {
    case "(", ")", "[", "]", "|", "/":
      return Self.delimiter(String(c))
    case "-": return operatorNode("−")
    case "*": return operatorNode("∗")
    case "~": return .space("0.3333em")
    case "#", "$", "\\":
      throw TeXError("unexpected character \(c)", offset: t.offset, length: t.length)
    default:
      return operatorNode(String(c))
    }
  }

  /// An identifier from letter `c`; inside font commands, a run of letters makes one `mi`.
  mutating func letters(startingWith c: Unicode.Scalar) -> MathNode {
    guard let alphabet else { return MathNode(.mi, String(c)) }
    var text = String(alphabet.map(c))
    var count = 1
    if mergeLetters {
      while case .char(let d) = tokens[pos].kind, d.isLetter {
        text.unicodeScalars.append(alphabet.map(d))
        count += 1
        pos += 1
      }
    }
    if count == 1 && alphabet == .roman { return MathNode(.mi, text, [("mathvariant", "normal")]) }
    return MathNode(.mi, text)
  }
}

extension Unicode.Scalar {
  /// A letter (an identifier in math), with a fast path for ASCII.
  var isLetter: Bool {
    let v = value
    if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
    return properties.isAlphabetic
  }
}

extension Token {
  var isDigit: Bool {
    if case .char(let d) = kind { return d.value >= 0x30 && d.value <= 0x39 }
    return false
  }
}
