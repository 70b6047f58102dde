/// The canonical spelling of a name: how a formula's names and a binding table's keys are
/// compared, so that an author's small typographic variations do not matter.
///
/// - Spaces and spacing commands (`\,`, `\!`, `\quad`…) are dropped.
/// - Braces around one token are dropped: `\bar{y}` is `\bar y`, `F_{W}` is `F_W`; braces
///   around more stay: `x_{10}`, `w_{\bar y}`.
/// - `\mathrm`, `\mathit`, `\operatorname`, `\text` and the other text commands are looked
///   through: `\mathrm{d}` is `d`, `\ell_{\text{NLL}}` is `\ell_{NLL}`.
/// - A control word is followed by one space before a letter, digit or backslash, by none
///   otherwise: `\beta`, `\bar y`, `\beta_W`.
/// - Primes: `y'`, `y^{\prime}` and `y^\prime` are all `y'`.
/// - A derivative is `\partial F_W / \partial W`, whether the key is written with `\frac` or a
///   slash, with or without spaces.
enum Spelling {
  /// The canonical spelling of `tex`; TeX that cannot be tokenized is returned trimmed.
  static func canonical(_ tex: String) -> String {
    if isCanonical(tex) { return tex }
    guard let tokens = try? Lexer.tokenize(tex) else {
      return String(tex.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
    return canonical(tokens[...])
  }

  /// Whether `tex` is certainly its own canonical spelling, without reading it as TeX: letters,
  /// digits, `_` and `'` only (`x`, `F_W`, `y'`), or one control word (`\beta`). The common
  /// keys take this path, which costs no tokenizing.
  static func isCanonical(_ tex: String) -> Bool {
    var utf8 = tex.utf8[...]
    guard let first = utf8.first else { return false }
    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    if first == UInt8(ascii: "\\") {
      utf8 = utf8.dropFirst()
      return !utf8.isEmpty && utf8.allSatisfy(isLetter)
    }
    return utf8.allSatisfy {
      isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_")
        || $0 == UInt8(ascii: "'")
    }
  }

  /// The canonical spelling of `tokens` (of a formula, after macro expansion).
  static func canonical(_ tokens: ArraySlice<Token>) -> String {
    var index = tokens.startIndex
    let items = Self.items(tokens, &index)
    var printer = Printer()
    printer.print(items)
    return printer.text
  }

  /// Commands whose argument is read as the name itself.
  static let lookedThrough: Set<String> = [
    "mathrm", "mathit", "mathnormal", "mathup", "operatorname", "text", "textrm", "textit",
    "textnormal", "textup", "mbox",
  ]

  /// Commands that only change the spacing or the style.
  static func isIgnorable(_ name: String) -> Bool {
    Symbols.spaces[name] != nil || Parser.styles[name] != nil || name == "\n" || name == "\t"
  }

  /// A token, a `{…}` group, or the letters of a looked-through command.
  indirect enum Item {
    case token(Token.Kind)
    case group([Item])
    case word([Item])
  }

  /// The items of `tokens` from `index` to the end or to the `}` that closes the group.
  static func items(_ tokens: ArraySlice<Token>, _ index: inout Int) -> [Item] {
    var items: [Item] = []
    while index < tokens.endIndex {
      let token = tokens[index]
      index += 1
      switch token.kind {
      case .space, .end, .tab, .parameter: continue
      case .close: return items
      case .open: items.append(.group(Self.items(tokens, &index)))
      case .command(let name) where isIgnorable(name): continue
      case .command(let name) where lookedThrough.contains(name):
        // `\operatorname*{…}` as `\operatorname{…}`.
        if index < tokens.endIndex, tokens[index].kind == .char("*") { index += 1 }
        while index < tokens.endIndex, tokens[index].kind == .space { index += 1 }
        guard index < tokens.endIndex else { continue }
        if tokens[index].kind == .open {
          index += 1
          items.append(.word(Self.items(tokens, &index)))
        } else {
          items.append(.word([.token(tokens[index].kind)]))
          index += 1
        }
      default: items.append(.token(token.kind))
      }
    }
    return items
  }

  struct Printer {
    var text = ""
    /// The text ends with a control word (`\beta`), which a letter would continue.
    var afterControlWord = false

    mutating func append(_ piece: String) {
      guard let first = piece.unicodeScalars.first else { return }
      if afterControlWord && (first.isLetter || ("0"..."9").contains(first) || first == "\\") {
        text += " "
      }
      text += piece
      afterControlWord = false
    }

    mutating func print(_ items: [Item]) {
      var i = 0
      while i < items.count {
        let item = items[i]
        i += 1
        switch item {
        case .token(.command("frac")) where i + 1 < items.count:
          if let numerator = Self.content(items[i]), let denominator = Self.content(items[i + 1]),
            Self.startsWithPartial(numerator), Self.startsWithPartial(denominator)
          {
            print(numerator)
            append(" / ")
            print(denominator)
            i += 2
          } else {
            append("\\frac")
            afterControlWord = true
          }
        case .token(.superscript) where i < items.count && Self.primes(in: items[i]) > 0:
          append(String(repeating: "'", count: Self.primes(in: items[i])))
          i += 1
        case .token(.superscript), .token(.subscript):
          append(item.isSuperscript ? "^" : "_")
          if i < items.count {
            printArgument(items[i])
            i += 1
          }
        case .token(.command(let name)):
          append("\\" + name)
          afterControlWord = name.unicodeScalars.first?.isLetter ?? false
        case .token(.char("/")): append(" / ")
        case .token(.char(let c)): append(String(c))
        case .token: break
        case .group(let inner): printArgument(.group(inner))
        case .word(let inner): print(inner)
        }
      }
    }

    /// An argument (of `_`, `^`, an accent, a font): bare when it is one token, else in braces.
    mutating func printArgument(_ item: Item) {
      let inner: [Item]
      switch item {
      case .group(let g): inner = g
      case .word(let w): inner = [.word(w)]
      case .token: inner = [item]
      }
      var nested = Printer()
      nested.print(inner)
      if Self.isSingleToken(inner) {
        append(nested.text)
        afterControlWord = nested.afterControlWord
      } else {
        append("{" + nested.text + "}")
      }
    }

    static func isSingleToken(_ items: [Item]) -> Bool {
      guard items.count == 1 else { return false }
      switch items[0] {
      case .token: return true
      case .group(let g): return isSingleToken(g)
      case .word(let w): return isSingleToken(w)
      }
    }

    /// The items of a group, or the one token.
    static func content(_ item: Item) -> [Item]? {
      switch item {
      case .group(let g): return g
      case .token: return [item]
      case .word: return nil
      }
    }

    static func startsWithPartial(_ items: [Item]) -> Bool {
      if case .token(.command("partial")) = items.first { return true }
      return false
    }

    /// How many `\prime`s the superscript `item` is made of (0 if anything else).
    static func primes(in item: Item) -> Int {
      guard let items = content(item), !items.isEmpty else { return 0 }
      for item in items {
        guard case .token(.command("prime")) = item else { return 0 }
      }
      return items.count
    }
  }
}

extension Spelling.Item {
  fileprivate var isSuperscript: Bool {
    if case .token(.superscript) = self { return true }
    return false
  }
}
