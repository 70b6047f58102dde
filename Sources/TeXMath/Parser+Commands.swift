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
      if name == "widetilde" {
        mo.attributes = [("stretchy", "false"), Self.wideTilde(over: base)]
      }
      // Chromium sets an accent about 0.1 em lower over its base than TeX does (`\bar y` drew
      // its bar on the top of the y); measured against LaTeX, the raise puts hat, tilde, bar
      // and dot within a pixel of LaTeX's at 40 px to the em.
      if !stretchy && name != "vec" {
        mo.attributes.append(("style", "transform: translateY(-0.1em)"))
      }
      // A full-size arrow is too big for \vec, and U+20D7 sits left of its base in Chromium.
      if name == "vec" { mo.attributes.append(("class", "math-vec")) }
      let accented = MathNode(.mover, children: [base, mo], [("accent", "true")])
      accented.atomClass = .ord
      return accented
    case .underAccent(let mark, let stretchy):
      let base = try parseArgument(for: t)
      let mo = MathNode(.mo, mark, [("stretchy", stretchy ? "true" : "false")])
      let accented = MathNode(.munder, children: [base, mo], [("accentunder", "true")])
      accented.atomClass = .ord
      return accented
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
        let num = try p.parseArgument(for: t)
        let wasCramped = p.cramped
        p.cramped = true
        defer { p.cramped = wasCramped }
        return (num, try p.parseArgument(for: t))
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
      var children = [
        Self.fence("(", form: "prefix"),
        MathNode(.mfrac, children: [top, bottom], [("linethickness", "0")]),
        Self.fence(")", form: "postfix"),
      ]
      // TeX's delimiters of a generalized fraction have a fixed size, not the content's:
      // delim1 (2.39 em, so \bigg's) in display style, delim2 (1.01 em, so \big's) otherwise.
      for i in [0, 2] {
        for attribute in Self.sized(inner == 1 ? "2.4em" : "1.2em", children[i].text) {
          children[i].setAttribute(attribute.name, attribute.value)
        }
      }
      var node = MathNode(.mrow, children: children)
      if command != .binom {
        let displaystyle = command == .tbinom ? "false" : "true"
        node = MathNode(
          .mstyle, children: [node], [("displaystyle", displaystyle), ("scriptlevel", "0")])
      }
      // A fraction with its delimiters, in a group: an ordinary atom, as `\frac` (a sign
      // before `\dbinom` is binary).
      node.atomClass = .ord
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
        let base = Self.radicand(try parseArgument(for: t), display: style == 0)
        return MathNode(.mroot, children: [base, MathNode.row(index)])
      }
      return MathNode(
        .msqrt, children: [Self.radicand(try parseArgument(for: t), display: style == 0)])
    case .left: return try leftRight(token: t)
    case .not: return try negation(token: t)
    case .operatorname, .operatornamewithlimits: return try operatorName(token: t)
    case .overbrace, .underbrace:
      let base = try parseArgument(for: t)
      let over = command == .overbrace
      let brace = MathNode(.mo, over ? "⏞" : "⏟", [("stretchy", "true")])
      let node = MathNode(over ? .mover : .munder, children: [base, brace])
      node.limits = .always
      // TeX makes a brace with its label a large operator with limits.
      node.atomClass = .op
      return node
    case .overset, .underset, .stackrel:
      let script = try inStyle(scriptStyle) { (p: inout Parser) throws(TeXError) in
        try p.parseArgument(for: t)
      }
      let base = try parseArgument(for: t)
      let kind: MathNode.Kind = command == .underset ? .munder : .mover
      let node = MathNode(kind, children: [base, script])
      // `\stackrel` always makes a relation; `\overset` and `\underset` keep the base's class.
      if command == .stackrel { node.atomClass = .rel }
      return node
    case .overline:
      // A stretchy line over the base, in MathML, so the bar stays where no style sheet comes
      // with the markup. Chromium stretches U+0332 LOW LINE (as under `\underline`) across its
      // base, but not U+203E OVERLINE, which it leaves one letter wide.
      let base = try parseArgument(for: t)
      let bar = MathNode(.mo, "\u{0332}", [("stretchy", "true")])
      let node = MathNode(.mover, children: [base, bar])
      node.atomClass = .ord
      return node
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
      let node = MathNode(.mo, "mod")
      node.atomClass = .bin
      return node
    case .pmod, .mod:
      let argument = try parseArgument(for: t)
      let parenthesized = command == .pmod
      // amsmath: 18 mu before it in a display, else 8 mu before `\pmod`, 12 mu before `\mod`.
      let lead = display ? "1em" : parenthesized ? "0.4444em" : "0.6667em"
      var nodes: [MathNode] = [.space(lead)]
      if parenthesized { nodes.append(MathNode(.mo, "(", [("stretchy", "false")])) }
      nodes += [MathNode(.mi, "mod"), .space("0.3333em"), argument]
      if parenthesized { nodes.append(MathNode(.mo, ")", [("stretchy", "false")])) }
      return MathNode(.mrow, children: nodes)
    case .substack: return try substack(token: t)
    case .mathord, .mathop, .mathbin, .mathrel, .mathopen, .mathclose, .mathpunct, .mathinner:
      return try classed(command, token: t)
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
      let node = operatorNode(symbol.text)
      node.atomClass = symbol.atom
      return node
    case .delimiter:
      let node = Self.delimiter(symbol.text)
      node.atomClass = symbol.atom
      return node
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

  /// A delimiter outside `\left…\right`: not stretchy. (Bars are ordinary symbols in TeX, so
  /// ``AtomSpacing`` gives them no operator spacing: `p(y|x)`, `\|x\|`.)
  static func delimiter(_ text: String) -> MathNode {
    MathNode(.mo, text, [("stretchy", "false")])
  }

  /// An upright operator name whose limits go under in display style (`\lim`, `\operatorname*`).
  /// Without scripts it becomes a function name (`mi`, as `\sin`); either way U+2061 and, before
  /// an ordinary atom, a thin space follow (TeX puts none before a delimiter: `\max(a, b)`).
  static func limitOperator(_ text: String) -> MathNode {
    // `largeop`: a browser sets the limits of a large operator by the font's limit gaps, as
    // TeX does (the lower limit's baseline 0.6 em under the name); under anything else by the
    // gap of an under-bar, much closer.
    let node = MathNode(
      .mo, text, [("form", "prefix"), ("largeop", "true"), ("movablelimits", "true")])
    node.limits = .movable
    node.isLargeOperator = true
    node.isFunctionName = true
    return node
  }

  /// A stretchy fence for `\left`, `\right`, `\binom` and environments.
  static func fence(_ text: String, form: String) -> MathNode {
    let node = MathNode(.mo, text, [("fence", "true"), ("form", form), ("stretchy", "true")])
    node.atomClass = form == "prefix" ? .open : .close
    return node
  }

  /// The heights of TeX's delimiters of `\big`, `\Big`, `\bigg` and `\Bigg` size, in em.
  static let delimiterSizes = ["1.2em", "1.8em", "2.4em", "3em"]

  static let bigSizes: [String: (size: String, form: String?)] = {
    var table: [String: (size: String, form: String?)] = [:]
    for (name, size) in zip(["big", "Big", "bigg", "Bigg"], delimiterSizes) {
      table[name] = (size, nil)
      table[name + "l"] = (size, "prefix")
      table[name + "r"] = (size, "postfix")
      table[name + "m"] = (size, "infix")
    }
    return table
  }()

  /// The attributes that make `delimiter` `size` tall. Chromium draws the font's first larger
  /// parenthesis (1.2 em) no taller than the normal one, with gaps beside it, so that size is
  /// the normal delimiter scaled; the larger sizes are the font's own variants, which are a
  /// little shorter than TeX's (a parenthesis of 1.793 em for 1.8): asked for the nominal
  /// size, Chromium would take the next larger one, so it is asked for 0.01 em less. Chromium
  /// gives a stretched delimiter the width of the font's widest variant, its glyph centred in
  /// it, where TeX's box is the glyph's own: negative margins take off the difference.
  static func sized(_ size: String, _ delimiter: String) -> [(name: String, value: String)] {
    guard let index = delimiterSizes.firstIndex(of: size), index > 0 else {
      return [("stretchy", "false"), ("mathsize", size)]
    }
    // The font's bars come in other sizes (1.735, 2.085, 2.503, 3.005 em): the nearest to
    // TeX's are asked for.
    let bar = delimiter == "|" || delimiter == "‖"
    let asked = (bar ? ["1.73em", "2.5em", "3em"] : ["1.79em", "2.39em", "2.99em"])[index - 1]
    var attributes = [("stretchy", "true"), ("minsize", asked), ("maxsize", asked)]
    if let widths = variantWidths[delimiter] {
      let margin = (widths.widest - widths.sizes[index - 1]) / 2
      if margin > 0 {
        let length = GlyphWidths.length(margin)
        attributes.append(("style", "margin-left: -\(length); margin-right: -\(length)"))
      }
    }
    return attributes
  }

  /// The widths of the Latin Modern Math variants Chromium takes for a delimiter asked for
  /// the sizes of `\Big`, `\bigg` and `\Bigg` (``sized(_:_:)``), in thousandths of an
  /// em, and the widest of all its variants and parts, which Chromium makes the width of any
  /// stretched one (the font's MATH table, MathVariants, and its advances). `|` has one width.
  static let variantWidths: [String: (sizes: [Int], widest: Int)] = {
    var table: [String: (sizes: [Int], widest: Int)] = [:]
    for (pair, sizes, widest) in [
      ("()", [597, 736, 875], 875), ("[]", [472, 528, 667], 667), ("{}", [667, 750, 902], 902),
      ("⟨⟩", [611, 750, 908], 908), ("‖", [372, 396, 410], 424), ("⌊⌋⌈⌉", [528, 583, 623], 667),
    ] {
      for c in pair { table[String(c)] = (sizes, widest) }
    }
    return table
  }()

  /// `\big(` and friends: a delimiter stretched to a fixed size.
  mutating func big(_ size: (size: String, form: String?), token t: Token) throws(TeXError)
    -> MathNode
  {
    let delimiter = try readDelimiter(after: t)
    var attributes: [(name: String, value: String)] = [("fence", "true")]
    if let form = size.form { attributes.append(("form", form)) }
    attributes += Self.sized(size.size, delimiter)
    let node = MathNode(.mo, delimiter, attributes)
    // `\bigl` opens, `\bigr` closes, `\bigm` is a relation, `\big` an ordinary symbol.
    switch size.form {
    case "prefix": node.atomClass = .open
    case "postfix": node.atomClass = .close
    case "infix": node.atomClass = .rel
    default: node.atomClass = .ord
    }
    return node
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
          // No space around it, as in TeX (which is why authors write `\;\middle|\;`).
          let node = MathNode(.mo, middle, [("fence", "true"), ("stretchy", "true")])
          node.atomClass = .ord
          children.append(node)
        }
      case .command("right"):
        pos += 1
        let close = try readDelimiter(after: t)
        if !close.isEmpty { children.append(Self.fence(close, form: "postfix")) }
        Self.fitFences(&children, display: style == 0)
        let row = MathNode(.mrow, children: spaced(children))
        row.atomClass = .inner
        return row
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
    // The negated symbol keeps the class of the symbol (`\not=` is a relation).
    node.atomClass = AtomSpacing.atomClass(of: node)
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
    let node = MathNode(.munderover, children: [arrow, under, padded(above)])
    node.atomClass = .rel
    return node
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

/// Atoms of a class named (`\mathbin`), and TeX's sizes of `\left…\right` delimiters around
/// content of one line, from an estimate of the content's height and depth in the math font.
extension Parser {
  /// `\mathbin{…}` and the like: the argument, an atom of the class named. `\mathop` takes
  /// limits under and over in display style, as TeX's operators do.
  mutating func classed(_ command: StructuralCommand, token t: Token) throws(TeXError)
    -> MathNode
  {
    let node = try parseArgument(for: t)
    let atom: AtomClass =
      switch command {
      case .mathop: .op
      case .mathbin: .bin
      case .mathrel: .rel
      case .mathopen: .open
      case .mathclose: .close
      case .mathpunct: .punct
      case .mathinner: .inner
      default: .ord
      }
    if command == .mathop {
      // A browser moves limits of an operator `mo` only, so a name becomes one.
      if node.kind == .mi
        && (node.text.unicodeScalars.count > 1
          || node.attribute("mathvariant")
            == "normal")
      {
        let op = MathNode(.mo, node.text, [("largeop", "true"), ("movablelimits", "true")])
        op.limits = .movable
        op.isLargeOperator = true
        op.atomClass = .op
        return op
      }
      if node.kind == .mo {
        node.setAttribute("movablelimits", "true")
        node.limits = .movable
        node.isLargeOperator = true
      }
    }
    node.atomClass = atom
    return node
  }

  /// The radicand `node`, with a strut that puts the radical sign where TeX puts it. TeX takes
  /// the smallest sign that covers the radicand, a clearance (0.05 em; 0.148 in display style)
  /// and the rule (0.04 em), and adds half of what the sign has to spare to the clearance, so
  /// that the radicand sits in the middle of the sign; a browser (MathML Core) keeps the bare
  /// clearance and lets the sign hang down, 0.24 em lower than TeX's for `\sqrt{x}`. The strut
  /// gives the radicand that much more height. Only for the two smallest signs (1 and 1.2 em)
  /// and one line of radicand: a fraction, a large operator, a table is left to the browser.
  static func radicand(_ node: MathNode, display: Bool) -> MathNode {
    if node.isTall { return node }
    let e = extent(of: node, scale: 1, display: display)
    let clearance = display ? 0.148 : 0.05
    let rule = 0.04
    let needed = e.height + e.depth + clearance + rule
    guard let sign = [1.0, 1.2].first(where: { $0 >= needed }) else { return node }
    let spare = (sign - rule - (e.height + e.depth + clearance)) / 2
    guard spare > 0.005 else { return node }
    let height = Int(((e.height + spare) * 100).rounded()) * 10
    let strut = MathNode(.mspace, "", [("height", GlyphWidths.length(height))])
    return MathNode(.mrow, children: [node, strut])
  }

  /// The widths, in em, of the font's wide tildes: TeX takes the widest that the base covers.
  static let wideTildeWidths = [0.556, 1.0, 1.444, 1.889]

  /// `\widetilde`: no browser stretches a tilde (Chromium stretches only U+0302 of the
  /// accents), so the spacing tilde is scaled to the wide tilde TeX would choose for the base's
  /// estimated width, and a little taller for the wider ones, as the font's are.
  static func wideTilde(over base: MathNode) -> (name: String, value: String) {
    let width = estimatedWidth(of: base)
    let index = wideTildeWidths.lastIndex { $0 <= width + 0.1 } ?? 0
    // The tilde's ink is about 0.28 em wide; the wide ones' about 85% of their width.
    let x = (wideTildeWidths[index] * 0.85 / 0.28 * 100).rounded() / 100
    // Scaled about its centre, a taller tilde would come down onto the base: it moves up by
    // what it grew.
    let y = [1, 1.12, 1.24, 1.36][index]
    if index == 0 { return ("style", "transform: scaleX(\(x))") }
    let lift = [0, 0.1, 0.15, 0.2][index]
    return ("style", "transform: translateY(-\(lift)em) scale(\(x), \(y))")
  }

  /// Estimated width of `node` in em: a letter or digit half an em, a capital 0.7, an operator
  /// with its space 0.8.
  static func estimatedWidth(of node: MathNode) -> Double {
    switch node.kind {
    case .mi, .mn, .mtext:
      return node.text.unicodeScalars.reduce(0.0) { sum, c in
        sum + (c.properties.isUppercase ? 0.7 : 0.5)
      }
    case .mo: return 0.8
    case .mspace: return 0
    case .msub, .msup, .msubsup:
      return estimatedWidth(of: node.children[0])
        + 0.7 * (node.children.dropFirst().map(estimatedWidth(of:)).max() ?? 0)
    case .mfrac, .munder, .mover, .munderover:
      return node.children.map(estimatedWidth(of:)).max() ?? 0
    default: return node.children.reduce(0.0) { $0 + estimatedWidth(of: $1) }
    }
  }

  /// Sizes the stretchy fences among `children` (a `\left … \right` row, a binomial, a
  /// matrix) as TeX would, where the content's height can be estimated (letters, scripts,
  /// fractions, accents, tables of them): TeX's own rule picks the delimiter, the normal one
  /// or those of `\big` … `\Bigg` (Chromium, left to itself, takes the font's in-between
  /// sizes, 1.095 or 1.445 em, which TeX's fonts do not have, and makes any stretched one as
  /// wide as the widest), and past 3 em one built of parts. Around a root, a sum with limits
  /// or anything stacked over a base, Chromium stretches the fence to the content it measures.
  static func fitFences(_ children: inout [MathNode], display: Bool) {
    let fences = children.indices.filter {
      children[$0].attribute("fence") == "true" && children[$0].attribute("stretchy") == "true"
    }
    let content = children.filter { $0.attribute("fence") != "true" }
    let tall = content.contains(where: \.isTall)
    guard !fences.isEmpty, !tall || content.allSatisfy({ estimable($0) }) else { return }
    let (height, depth) = extent(ofRow: content, scale: 1, display: display)
    let axis = 0.25
    let span = 2 * max(height - axis, depth + axis)
    // TeX's rule (\delimiterfactor 901, \delimitershortfall 5 pt): at least 90.1 % of the
    // content's span about the axis, and no more than 0.5 em short of it.
    let required = max(span * 0.901, span - 0.5)
    let values = [1.2, 1.8, 2.4, 3.0]
    for i in fences {
      if required <= 1.0 {
        // The font's normal delimiter is 1 em from top to bottom.
        children[i].setAttribute("stretchy", "false")
      } else if let index = values.firstIndex(where: { $0 >= required }) ?? (tall ? nil : 3) {
        for attribute in sized(delimiterSizes[index], children[i].text) {
          children[i].setAttribute(attribute.name, attribute.value)
        }
      }
      // Taller than `\Bigg`: built of parts, which are as wide as the widest variant.
    }
  }

  /// Whether ``extent(of:scale:display:)`` estimates `node` well enough to size a delimiter by
  /// TeX's rule: not a root, a large operator or anything but an accent over or under a base.
  static func estimable(_ node: MathNode) -> Bool {
    switch node.kind {
    case .munder, .mover:
      let accent = node.attribute("accent") ?? node.attribute("accentunder")
      return accent == "true" && node.children.allSatisfy(estimable)
    case .msqrt, .mroot, .munderover: return false
    case .mo: return !node.isLargeOperator
    default: return node.children.allSatisfy(estimable)
    }
  }

  /// Estimated height and depth, in em, of `node` set at `scale` (1 for text, 0.7 in a script):
  /// letters by their shape (x-height, ascender, descender), scripts raised and lowered by the
  /// font's usual shifts, accents above the base.
  static func extent(of node: MathNode, scale: Double, display: Bool) -> (
    height: Double, depth: Double
  ) {
    switch node.kind {
    case .mo where node.attribute("minsize") != nil:
      // A delimiter stretched to a size (``sized(_:_:)``): that tall, centred on the axis.
      let size = node.attribute("minsize").flatMap { Double($0.dropLast(2)) } ?? 1
      return ((size / 2 + 0.25) * scale, max(0, size / 2 - 0.25) * scale)
    case .mi, .mn, .mo, .mtext:
      // A delimiter drawn larger (`mathsize`) grows from the baseline.
      let factor = node.attribute("mathsize").flatMap { Double($0.dropLast(2)) } ?? 1
      var height = 0.0
      var depth = 0.0
      for c in node.text.unicodeScalars {
        let shape = characterExtent(c)
        height = max(height, shape.height)
        depth = max(depth, shape.depth)
      }
      return (height * scale * factor, depth * scale * factor)
    case .ref: return (0.69 * scale, 0)
    case .mfrac:
      // TeX's shifts (num1 and denom1 in display style, num2 and denom2 otherwise), kept clear
      // of the bar; the parts a style smaller: text in display style, else a script size.
      let parts = display ? scale : scale >= 1 ? 0.7 : 0.5
      let numerator = extent(of: node.children[0], scale: parts, display: false)
      let denominator = extent(of: node.children[1], scale: parts, display: false)
      let bar = 0.27 * scale  // the axis and half the rule
      let clearance = (display ? 0.12 : 0.04) * scale
      let up = max((display ? 0.677 : 0.394) * scale, bar + clearance + numerator.depth)
      let down = max(
        (display ? 0.686 : 0.345) * scale, denominator.height - bar + 0.04 * scale + clearance)
      return (up + numerator.height, down + denominator.depth)
    case .mstyle:
      let displaystyle = node.attribute("displaystyle").map { $0 == "true" } ?? display
      return extent(ofRow: node.children, scale: scale, display: displaystyle)
    case .mtable:
      // Rows stacked (a row at least as tall as the strut its cells hold), with the cells'
      // padding above and below (the style sheet's), centred on the axis.
      let padding = ["math-align", "math-gather"].contains(node.attribute("class")) ? 0.5 : 0
      var total = 0.0
      for row in node.children {
        let e = extent(of: row, scale: scale, display: display)
        total += e.height + e.depth + padding * scale
      }
      return (total / 2 + 0.25 * scale, max(0, total / 2 - 0.25 * scale))
    case .mspace:
      func length(_ name: String) -> Double {
        guard let value = node.attribute(name), value.hasSuffix("em") else { return 0 }
        return max(0, Double(value.dropLast(2)) ?? 0) * scale
      }
      return (length("height"), length("depth"))
    case .msup, .msub, .msubsup:
      let base = extent(of: node.children[0], scale: scale, display: display)
      var height = base.height
      var depth = base.depth
      let script = scale * 0.7
      if node.kind != .msup {
        let sub = extent(of: node.children[1], scale: script, display: display)
        let shift = (node.kind == .msub ? 0.15 : 0.247) * scale
        depth = max(depth, shift + sub.depth)
        height = max(height, sub.height - shift)
      }
      if node.kind != .msub {
        let sup = extent(
          of: node.children[node.kind == .msup ? 1 : 2], scale: script,
          display: display)
        let shift = max((display ? 0.413 : 0.363) * scale, base.height - 0.386 * script)
        height = max(height, shift + sup.height)
        depth = max(depth, sup.depth - shift)
      }
      return (height, depth)
    case .mover, .munder:
      let base = extent(of: node.children[0], scale: scale, display: display)
      let mark = extent(of: node.children[1], scale: scale, display: display)
      let markSize = max(0.2 * scale, min(mark.height + mark.depth, 0.3 * scale))
      return node.kind == .mover
        ? (max(base.height, 0.43 * scale) + markSize, base.depth)
        : (base.height, base.depth + markSize)
    default: return extent(ofRow: node.children, scale: scale, display: display)
    }
  }

  /// The estimated height and depth of `nodes` side by side: the tallest and the deepest.
  static func extent(ofRow nodes: [MathNode], scale: Double, display: Bool) -> (
    height: Double, depth: Double
  ) {
    var height = 0.0
    var depth = 0.0
    for node in nodes {
      let e = extent(of: node, scale: scale, display: display)
      height = max(height, e.height)
      depth = max(depth, e.depth)
    }
    return (height, depth)
  }

  /// Height and depth of a character of the math font, in em, by its shape.
  static func characterExtent(_ c: Unicode.Scalar) -> (height: Double, depth: Double) {
    if "([{|)]}⟨⟩‖⌊⌋⌈⌉".unicodeScalars.contains(c) { return (0.75, 0.25) }
    // Descenders reach 0.194 to 0.218 em below the baseline in Latin Modern Math; the italic
    // f's too.
    if "gjpqyβγζημξρφϕχψς".unicodeScalars.contains(c) {
      return ("βζξ".unicodeScalars.contains(c) ? 0.69 : 0.43, 0.2)
    }
    if c == "f" { return (0.69, 0.2) }
    if "acemnorsuvwxzαεικνοπστυω".unicodeScalars.contains(c) { return (0.43, 0) }
    if "+−=<>×⋅∗:".unicodeScalars.contains(c) { return (0.58, 0.08) }
    if "′″‴,.;".unicodeScalars.contains(c) { return (c.value > 0x2000 ? 0.75 : 0.12, 0.12) }
    return (0.69, 0)
  }
}
