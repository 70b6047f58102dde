/// Math-mode commands: symbols, fonts, fractions, roots, accents, delimiters, operators, numbering.
extension Parser {
  /// Parses the command `name` whose token `t` was just consumed.
  mutating func command(_ name: String, token t: Token) throws(TeXError) -> MathNode? {
    guard let kind = Command.table[name] else {
      throw TeXError("unknown command \(t.spelling)", offset: t.offset, length: t.length)
    }
    switch kind {
    case .symbol(let symbol): return self.symbol(symbol)
    case .space(let width): return .space(width)
    case .function:
      let node = MathNode(.mi, name)
      node.isFunctionName = true
      return node
    case .limitFunction(let text): return Self.limitOperator(text)
    case .accent(let mark, let stretchy):
      let base = try parseArgument(for: t)
      let mo = MathNode(.mo, mark, [("stretchy", stretchy ? "true" : "false")])
      // A full-size arrow is too big for \vec, and U+20D7 sits left of its base in Chromium.
      if name == "vec" { mo.attributes.append(("class", "math-vec")) }
      return MathNode(.mover, children: [base, mo], [("accent", "true")])
    case .underAccent(let mark, let stretchy):
      let base = try parseArgument(for: t)
      let mo = MathNode(.mo, mark, [("stretchy", stretchy ? "true" : "false")])
      return MathNode(.munder, children: [base, mo], [("accentunder", "true")])
    case .big(let size, let form): return try big((size, form), token: t)
    case .text(let command): return try text(command, token: t)
    case .font(let alphabet):
      return try withAlphabet(alphabet) { (p: inout Parser) throws(TeXError) in
        try p.parseArgument(for: t)
      }
    case .style:
      // Only reached as a script or command argument (`x^\displaystyle`); lists handle styles.
      throw TeXError("\(t.spelling) cannot be an argument", offset: t.offset, length: t.length)
    case .structural(let command): return try structural(command, token: t)
    }
  }

  /// Parses the structural command `command` whose token `t` was just consumed.
  mutating func structural(_ command: StructuralCommand, token t: Token) throws(TeXError)
    -> MathNode?
  {
    switch command {
    case .frac, .dfrac, .tfrac, .cfrac:
      // Numerator and denominator are one style smaller than the fraction's own style.
      let inner = command == .frac ? min(style + 1, 3) : command == .tfrac ? 2 : 1
      let (num, den) = try inStyle(inner) { (p: inout Parser) throws(TeXError) in
        (try p.parseArgument(for: t), try p.parseArgument(for: t))
      }
      let frac = MathNode(.mfrac, children: [num, den])
      if command == .frac { return frac }
      let displaystyle = command == .tfrac ? "false" : "true"
      return MathNode(
        .mstyle, children: [frac], [("displaystyle", displaystyle), ("scriptlevel", "0")])
    case .binom, .dbinom, .tbinom:
      let inner = command == .binom ? min(style + 1, 3) : command == .tbinom ? 2 : 1
      let (top, bottom) = try inStyle(inner) { (p: inout Parser) throws(TeXError) in
        (try p.parseArgument(for: t), try p.parseArgument(for: t))
      }
      var node = MathNode(
        .mrow,
        children: [
          Self.fence("(", form: "prefix"),
          MathNode(.mfrac, children: [top, bottom], [("linethickness", "0")]),
          Self.fence(")", form: "postfix"),
        ])
      if command != .binom {
        let displaystyle = command == .tbinom ? "false" : "true"
        node = MathNode(
          .mstyle, children: [node], [("displaystyle", displaystyle), ("scriptlevel", "0")])
      }
      return node
    case .sqrt:
      let open = try peekNonSpace()
      if open.kind == .char("[") {
        pos += 1
        let index = try inStyle(3) { (p: inout Parser) throws(TeXError) in
          try p.parseList(until: "]")
        }
        let close = try peek()
        guard close.kind == .char("]") else {
          throw TeXError("\\sqrt[ is never closed by ]", offset: open.offset, length: 1)
        }
        pos += 1
        let base = try parseArgument(for: t)
        return MathNode(.mroot, children: [base, MathNode.row(index)])
      }
      return MathNode(.msqrt, children: [try parseArgument(for: t)])
    case .left: return try leftRight(token: t)
    case .not: return try negation(token: t)
    case .operatorname, .operatornamewithlimits: return try operatorName(token: t)
    case .overbrace, .underbrace:
      let base = try parseArgument(for: t)
      let over = command == .overbrace
      let brace = MathNode(.mo, over ? "⏞" : "⏟", [("stretchy", "true")])
      let node = MathNode(over ? .mover : .munder, children: [base, brace])
      node.limits = .always
      return node
    case .overset, .underset, .stackrel:
      let script = try inStyle(scriptStyle) { (p: inout Parser) throws(TeXError) in
        try p.parseArgument(for: t)
      }
      let base = try parseArgument(for: t)
      let kind: MathNode.Kind = command == .underset ? .munder : .mover
      return MathNode(kind, children: [base, script])
    case .overline:
      // Chromium does not stretch an overline character, so the bar is a CSS border.
      let base = try parseArgument(for: t)
      return MathNode(.mrow, children: [base], [("class", "math-overline")])
    case .xrightarrow: return try extensibleArrow("→", token: t)
    case .xleftarrow: return try extensibleArrow("←", token: t)
    case .xmapsto: return try extensibleArrow("↦", token: t)
    case .xRightarrow: return try extensibleArrow("⇒", token: t)
    case .xLeftarrow: return try extensibleArrow("⇐", token: t)
    case .xleftrightarrow: return try extensibleArrow("↔", token: t)
    case .boxed:
      // menclose does not render in Chromium; the box is a CSS border.
      return MathNode(.mrow, children: [try parseArgument(for: t)], [("class", "math-boxed")])
    case .textcolor:
      let color = try colorArgument(for: t)
      return MathNode(.mrow, children: [try parseArgument(for: t)], [("mathcolor", color)])
    case .color:
      // The rest of the current group, as in LaTeX.
      let color = try colorArgument(for: t)
      return MathNode(.mrow, children: try parseList(), [("mathcolor", color)])
    case .hspace:
      return .space(try lengthArgument(for: t))
    case .phantom:
      return MathNode(.mphantom, children: [try parseArgument(for: t)])
    case .begin: return try environment(token: t)
    case .label: return try label(token: t)
    case .tag: return try tagCommand(token: t)
    case .nonumber, .notag:
      // Unlabelled display math is not numbered anyway; see MathPage.
      return nil
    case .eqref, .ref:
      let label = try rawArgument(for: t)
      let node = MathNode(.ref)
      node.reference = MathNode.Reference(
        label: label, parenthesized: command == .eqref, offset: t.offset, length: t.length)
      return node
    case .bmod:
      return MathNode(.mo, "mod", [("lspace", "0.2222em"), ("rspace", "0.2222em")])
    case .pmod, .mod:
      let argument = try parseArgument(for: t)
      let parenthesized = command == .pmod
      var nodes: [MathNode] = [.space(parenthesized ? "1em" : "0.6667em")]
      if parenthesized { nodes.append(MathNode(.mo, "(", [("stretchy", "false")])) }
      nodes += [MathNode(.mi, "mod"), .space("0.3333em"), argument]
      if parenthesized { nodes.append(MathNode(.mo, ")", [("stretchy", "false")])) }
      return MathNode(.mrow, children: nodes)
    case .substack: return try substack(token: t)
    case .limits, .nolimits:
      throw TeXError(
        "\(t.spelling) must follow a large operator", offset: t.offset, length: t.length)
    case .right, .middle, .end, .newline, .cr:
      throw misplaced(t)
    }
  }

  /// Runs `body` with letters and digits mapped to `alphabet` and letter runs merged.
  mutating func withAlphabet<T>(
    _ alphabet: MathAlphabet, _ body: (inout Parser) throws(TeXError) -> T
  ) throws(TeXError) -> T {
    let saved = (self.alphabet, mergeLetters)
    self.alphabet = alphabet
    mergeLetters = true
    defer { (self.alphabet, mergeLetters) = saved }
    return try body(&self)
  }

  /// The node for a symbol command, in the current alphabet.
  func symbol(_ symbol: Symbol) -> MathNode {
    switch symbol.symbolClass {
    case .identifier, .uprightIdentifier:
      var text = symbol.text
      if let alphabet, alphabet != .roman { text = alphabet.map(text) }
      if symbol.symbolClass == .uprightIdentifier && text == symbol.text
        || alphabet == .roman && symbol.symbolClass == .identifier
      {
        return MathNode(.mi, text, [("mathvariant", "normal")])
      }
      return MathNode(.mi, text)
    case .operator:
      return operatorNode(symbol.text)
    case .delimiter:
      return Self.delimiter(symbol.text)
    case .largeOperator:
      let node = MathNode(.mo, symbol.text, [("movablelimits", "true")])
      node.limits = .movable
      node.isLargeOperator = true
      return node
    case .integral:
      let node = MathNode(.mo, symbol.text)
      node.isLargeOperator = true
      return node
    }
  }

  /// A delimiter outside `\left…\right`: not stretchy; bars are ordinary symbols in TeX, so
  /// they get no operator spacing (`p(y|x)`, `\|x\|`).
  static func delimiter(_ text: String) -> MathNode {
    if text == "|" || text == "‖" {
      return MathNode(.mo, text, [("stretchy", "false"), ("lspace", "0"), ("rspace", "0")])
    }
    return MathNode(.mo, text, [("stretchy", "false")])
  }

  /// An upright operator name whose limits go under in display style (`\lim`, `\operatorname*`).
  /// Without scripts it becomes a function name (`mi`, as `\sin`); either way U+2061 and, before
  /// an ordinary atom, a thin space follow (TeX puts none before a delimiter: `\max(a, b)`).
  static func limitOperator(_ text: String) -> MathNode {
    let node = MathNode(
      .mo, text,
      [("form", "prefix"), ("movablelimits", "true"), ("lspace", "0.1667em"), ("rspace", "0")])
    node.limits = .movable
    node.isLargeOperator = true
    node.isFunctionName = true
    return node
  }

  /// A stretchy fence for `\left`, `\right`, `\binom` and environments.
  static func fence(_ text: String, form: String) -> MathNode {
    MathNode(.mo, text, [("fence", "true"), ("form", form), ("stretchy", "true")])
  }

  static let bigSizes: [String: (size: String, form: String?)] = [
    "big": ("1.2em", nil), "Big": ("1.623em", nil), "bigg": ("2.047em", nil),
    "Bigg": ("2.470em", nil), "bigl": ("1.2em", "prefix"), "Bigl": ("1.623em", "prefix"),
    "biggl": ("2.047em", "prefix"), "Biggl": ("2.470em", "prefix"),
    "bigr": ("1.2em", "postfix"), "Bigr": ("1.623em", "postfix"),
    "biggr": ("2.047em", "postfix"), "Biggr": ("2.470em", "postfix"),
    "bigm": ("1.2em", "infix"), "Bigm": ("1.623em", "infix"), "biggm": ("2.047em", "infix"),
    "Biggm": ("2.470em", "infix"),
  ]

  /// `\big(` and friends: a delimiter stretched to a fixed size.
  mutating func big(_ size: (size: String, form: String?), token t: Token) throws(TeXError)
    -> MathNode
  {
    let delimiter = try readDelimiter(after: t)
    var attributes: [(name: String, value: String)] = [("fence", "true")]
    if let form = size.form { attributes.append(("form", form)) }
    attributes += [("stretchy", "true"), ("minsize", size.size), ("maxsize", size.size)]
    if size.form == "infix" { attributes += [("lspace", "0.2778em"), ("rspace", "0.2778em")] }
    return MathNode(.mo, delimiter, attributes)
  }

  /// The delimiter after `\left`, `\right`, `\middle` or `\big`: `""` for `.`.
  mutating func readDelimiter(after command: Token) throws(TeXError) -> String {
    let t = try peekNonSpace()
    switch t.kind {
    case .char(let c)
    where Symbols.delimiterCharacters.contains(c) || c == "." || c == "<"
      || c == ">":
      pos += 1
      if c == "." { return "" }
      if c == "<" { return "⟨" }
      if c == ">" { return "⟩" }
      return String(c)
    case .command(let name):
      if let symbol = Symbols.commands[name],
        symbol.symbolClass == .delimiter || name.hasSuffix("arrow")
      {
        pos += 1
        return symbol.text
      }
    default: break
    }
    let at = t.kind == .end ? command : t
    throw TeXError(
      "missing delimiter after \(command.spelling)", offset: at.offset, length: at.length)
  }

  /// `\left( … \middle| … \right)`: a row with stretchy fences.
  mutating func leftRight(token left: Token) throws(TeXError) -> MathNode {
    let open = try readDelimiter(after: left)
    var children: [MathNode] = []
    if !open.isEmpty { children.append(Self.fence(open, form: "prefix")) }
    while true {
      let body = try parseList()
      // A sign right after the fence is unary; the browser would take it as infix.
      if let first = body.first, first.kind == .mo, Self.signs.contains(first.text) {
        body[0].setAttribute("form", "prefix")
      }
      children += body
      let t = try peek()
      switch t.kind {
      case .command("middle"):
        pos += 1
        let middle = try readDelimiter(after: t)
        if !middle.isEmpty {
          children.append(
            MathNode(
              .mo, middle,
              [
                ("fence", "true"), ("stretchy", "true"), ("lspace", "0.05em"),
                ("rspace", "0.05em"),
              ]))
        }
      case .command("right"):
        pos += 1
        let close = try readDelimiter(after: t)
        if !close.isEmpty { children.append(Self.fence(close, form: "postfix")) }
        // Around one line of content TeX uses the normal delimiter; Chromium would pick the next
        // larger variant, which has visible gaps, so such fences do not stretch.
        if !children.contains(where: \.isTall) {
          for i in children.indices where children[i].attribute("fence") == "true" {
            children[i].setAttribute("stretchy", "false")
          }
        }
        return MathNode(.mrow, children: children)
      case .tab, .command("\\"), .command("cr"):
        throw TeXError(
          "\(t.spelling) inside \\left … \\right", offset: t.offset, length: t.length)
      default:
        throw TeXError(
          "\\left without a matching \\right", offset: left.offset, length: left.length)
      }
    }
  }

  /// `\not` before a relation: the negated symbol.
  mutating func negation(token t: Token) throws(TeXError) -> MathNode {
    let next = try peekNonSpace()
    guard !endsList(next), let node = try parseAtom(single: true),
      node.kind == .mo || node.kind == .mi
    else {
      throw TeXError("\\not must be followed by a symbol", offset: t.offset, length: t.length)
    }
    node.text = Symbols.negations[node.text] ?? node.text + "\u{0338}"
    node.kind = .mo
    node.attributes.removeAll { $0.name == "mathvariant" }
    return node
  }

  /// `\operatorname{name}` (an upright function name) or `\operatorname*{name}` (limits below in
  /// display style).
  mutating func operatorName(token t: Token) throws(TeXError) -> MathNode {
    var starred = t.kind == .command("operatornamewithlimits")
    if tokens[pos].kind == .char("*") {
      starred = true
      pos += 1
    }
    let argument = try withAlphabet(.roman) { (p: inout Parser) throws(TeXError) in
      try p.parseArgument(for: t)
    }
    var text = ""
    for node in argument.kind == .mrow ? argument.children : [argument] {
      switch node.kind {
      case .mi, .mn, .mo: text += node.text
      case .mspace: text += "\u{2009}"
      default:
        throw TeXError(
          "\(t.spelling) takes letters, digits and spaces only", offset: t.offset,
          length: t.length)
      }
    }
    if starred { return Self.limitOperator(text) }
    let node = MathNode(.mi, text)
    if text.unicodeScalars.count == 1 { node.attributes = [("mathvariant", "normal")] }
    node.isFunctionName = true
    return node
  }

  /// `\xrightarrow[below]{above}`: the arrow `symbol` stretched under or over its labels.
  mutating func extensibleArrow(_ symbol: String, token t: Token) throws(TeXError) -> MathNode {
    var below: MathNode? = nil
    let open = try peekNonSpace()
    if open.kind == .char("[") {
      pos += 1
      let nodes = try inStyle(scriptStyle) { (p: inout Parser) throws(TeXError) in
        try p.parseList(until: "]")
      }
      guard try peek().kind == .char("]") else {
        throw TeXError("\(t.spelling)[ is never closed by ]", offset: open.offset, length: 1)
      }
      pos += 1
      below = MathNode.row(nodes)
    }
    let above = try inStyle(scriptStyle) { (p: inout Parser) throws(TeXError) in
      try p.parseArgument(for: t)
    }
    // The arrow reaches a little past its labels, as in LaTeX.
    func padded(_ node: MathNode) -> MathNode {
      MathNode(.mrow, children: [.space("0.2778em"), node, .space("0.2778em")])
    }
    let arrow = MathNode(.mo, symbol, [("stretchy", "true")])
    // Without a lower label, an empty space under the arrow gives it LaTeX's minimum length.
    let under = below.map(padded) ?? .space("1.8em")
    return MathNode(.munderover, children: [arrow, under, padded(above)])
  }

  /// A color argument: a CSS color name or `#` and 3 or 6 hexadecimal digits.
  mutating func colorArgument(for t: Token) throws(TeXError) -> String {
    let start = try peekNonSpace()
    let color = try rawArgument(for: t)
    let scalars = Array(color.unicodeScalars)
    let isName = !scalars.isEmpty && scalars.allSatisfy { $0.isASCII && $0.isLetter }
    let isHex =
      (scalars.count == 4 || scalars.count == 7) && scalars.first == "#"
      && scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
    guard isName || isHex else {
      throw TeXError(
        "color '\(color)' must be a name (red) or #rgb / #rrggbb", offset: start.offset,
        length: color.utf8.count + 2)
    }
    return color
  }

  /// A length argument such as `{1em}`, `{-2pt}` or `{0.5cm}`, as a CSS length.
  mutating func lengthArgument(for t: Token) throws(TeXError) -> String {
    let start = try peekNonSpace()
    let text = String(try rawArgument(for: t).filter { $0 != " " })
    guard let length = Self.cssLength(text) else {
      throw TeXError(
        "length '\(text)' must be a number with a unit (em, ex, pt, mm, cm, in)",
        offset: start.offset, length: text.utf8.count + 2)
    }
    return length
  }

  /// A TeX length such as `1em`, `-2pt` or `0.5cm` (without spaces) as a CSS length, or `nil`.
  static func cssLength(_ text: String) -> String? {
    var number = Substring(text)
    var unit = ""
    while let last = number.last, last.isLetter {
      unit = String(last) + unit
      number = number.dropLast()
    }
    let units: Set<String> = ["em", "ex", "pt", "pc", "mm", "cm", "in", "px"]
    guard units.contains(unit), Double(number) != nil else { return nil }
    return String(number) + unit
  }

  /// The text of a `{…}` argument taken literally (labels, tags, environment names).
  mutating func rawArgument(for command: Token) throws(TeXError) -> String {
    let open = try peekNonSpace()
    guard open.kind == .open else {
      throw TeXError(
        "missing argument for \(command.spelling)", offset: command.offset,
        length: command.length)
    }
    pos += 1
    var text = ""
    while true {
      let t = tokens[pos]
      pos += 1
      switch t.kind {
      case .close: return text
      case .char(let c): text.unicodeScalars.append(c)
      case .space: text += " "
      case .subscript: text += "_"
      case .end:
        throw TeXError("unbalanced braces: { is never closed", offset: open.offset, length: 1)
      default:
        throw TeXError(
          "unexpected \(t.spelling) in the argument of \(command.spelling)", offset: t.offset,
          length: t.length)
      }
    }
  }

  /// `\label{name}`: names are letters, digits and `:_.-`; display math only, one per formula.
  mutating func label(token t: Token) throws(TeXError) -> MathNode? {
    let name = try rawArgument(for: t)
    guard display else {
      throw TeXError("\\label is only allowed in display math", offset: t.offset, length: t.length)
    }
    let valid =
      !name.isEmpty
      && name.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || ":_.-".unicodeScalars.contains($0))
      }
    guard valid else {
      throw TeXError(
        "label '\(name)' must be letters, digits and : _ . - only", offset: t.offset,
        length: t.length)
    }
    if label != nil {
      throw TeXError(
        "a formula can have only one \\label", offset: t.offset, length: t.length)
    }
    label = (name, t)
    return nil
  }

  /// `\tag{text}` (shown as `(text)`) or `\tag*{text}` (shown as is).
  mutating func tagCommand(token t: Token) throws(TeXError) -> MathNode? {
    var starred = false
    if tokens[pos].kind == .char("*") {
      starred = true
      pos += 1
    }
    let text = try rawArgument(for: t)
    guard display else {
      throw TeXError("\\tag is only allowed in display math", offset: t.offset, length: t.length)
    }
    if tag != nil {
      throw TeXError("a formula can have only one \\tag", offset: t.offset, length: t.length)
    }
    tag = (starred ? text : "(\(text))", t)
    return nil
  }
}
