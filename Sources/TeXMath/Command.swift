/// What a control sequence does in math mode: one dictionary lookup per command.
enum Command: Sendable {
  case symbol(Symbol)
  /// Horizontal space of a CSS width.
  case space(String)
  /// An upright function name followed by U+2061 (`\sin`).
  case function
  /// An operator name with limits under it in display style (`\lim`), and its text.
  case limitFunction(String)
  case accent(mark: String, stretchy: Bool)
  case underAccent(mark: String, stretchy: Bool)
  /// `\big(` and friends: the fixed size and the operator form.
  case big(size: String, form: String?)
  /// `\text{…}` and friends: text mode.
  case text(TextCommand)
  /// `\mathbb{…}` and friends: letters and digits in a math alphabet.
  case font(MathAlphabet)
  /// `\displaystyle` and friends: the rest of the group in that style.
  case style([(name: String, value: String)])
  /// A command with its own parsing, dispatched in ``Parser/structural(_:token:)``.
  case structural(StructuralCommand)

  static let fonts: [String] = [
    "mathrm", "mathup", "mathbf", "mathit", "mathnormal", "boldsymbol", "bm", "pmb", "mathcal",
    "mathscr", "mathfrak", "mathbb", "mathsf", "mathtt",
  ]

  static let table: [String: Command] = {
    var table: [String: Command] = [:]
    for (name, symbol) in Symbols.commands { table[name] = .symbol(symbol) }
    for (name, width) in Symbols.spaces { table[name] = .space(width) }
    table["\n"] = .space("0.3333em")
    table["\t"] = .space("0.3333em")
    for name in Symbols.functions { table[name] = .function }
    for (name, text) in Symbols.limitFunctions { table[name] = .limitFunction(text) }
    for (name, a) in Symbols.accents { table[name] = .accent(mark: a.mark, stretchy: a.stretchy) }
    for (name, a) in Symbols.underAccents {
      table[name] = .underAccent(mark: a.mark, stretchy: a.stretchy)
    }
    for (name, size) in Parser.bigSizes { table[name] = .big(size: size.size, form: size.form) }
    for name in fonts { table[name] = .font(MathAlphabet.forCommand(name)!) }
    for command in TextCommand.allCases { table[command.rawValue] = .text(command) }
    for (name, style) in Parser.styles { table[name] = .style(style) }
    for command in StructuralCommand.allCases { table[command.rawValue] = .structural(command) }
    return table
  }()
}
