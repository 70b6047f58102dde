/// The meaning of a symbol command or character in math mode.
struct Symbol: Sendable {
  enum Class: Sendable {
    /// An italic identifier (`mi`): lowercase Greek, `\ell`, `\partial`.
    case identifier
    /// An upright identifier (`mi mathvariant="normal"`): uppercase Greek, `\nabla`, `\infty`.
    case uprightIdentifier
    /// A binary operator, relation or punctuation (`mo`).
    case `operator`
    /// An opening or closing delimiter (`mo stretchy="false"`); usable after `\left`.
    case delimiter
    /// A large operator with limits placed as in TeX (`\sum`): `munderover` in display style.
    case largeOperator
    /// A large operator with limits at the side (`\int`).
    case integral
  }

  var text: String
  var symbolClass: Class
  /// TeX's class of the atom, which decides the space around it (``AtomClass``).
  var atom: AtomClass

  init(_ text: String, _ symbolClass: Class, _ atom: AtomClass) {
    self.text = text
    self.symbolClass = symbolClass
    self.atom = atom
  }
}

/// Tables of the commands that stand for one symbol.
enum Symbols {
  static let commands: [String: Symbol] = {
    var table: [String: Symbol] = [:]
    func add(_ cls: Symbol.Class, _ atom: AtomClass, _ pairs: [(String, String)]) {
      for (name, text) in pairs { table[name] = Symbol(text, cls, atom) }
    }
    add(
      .identifier, .ord,
      [
        ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"),
        ("varepsilon", "ε"), ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"),
        ("iota", "ι"), ("kappa", "κ"), ("varkappa", "ϰ"), ("lambda", "λ"), ("mu", "μ"),
        ("nu", "ν"), ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"), ("varpi", "ϖ"), ("rho", "ρ"),
        ("varrho", "ϱ"), ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"), ("upsilon", "υ"),
        ("phi", "ϕ"), ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
        ("ell", "ℓ"), ("partial", "∂"), ("imath", "ı"), ("jmath", "ȷ"), ("hbar", "ℏ"),
        ("wp", "℘"),
      ])
    add(
      .uprightIdentifier, .ord,
      [
        ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"),
        ("Pi", "Π"), ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"),
        ("Omega", "Ω"), ("nabla", "∇"), ("infty", "∞"), ("emptyset", "∅"),
        ("varnothing", "∅"), ("aleph", "ℵ"), ("Re", "ℜ"), ("Im", "ℑ"), ("top", "⊤"),
        ("bot", "⊥"), ("angle", "∠"), ("triangle", "△"), ("prime", "′"), ("forall", "∀"),
        ("exists", "∃"), ("nexists", "∄"), ("neg", "¬"), ("lnot", "¬"), ("vdots", "⋮"),
        ("ddots", "⋱"), ("Box", "□"), ("square", "□"), ("blacksquare", "■"),
        ("checkmark", "✓"), ("dagger", "†"), ("ddagger", "‡"), ("S", "§"), ("P", "¶"),
        ("flat", "♭"), ("natural", "♮"), ("sharp", "♯"), ("clubsuit", "♣"),
        ("diamondsuit", "♢"), ("heartsuit", "♡"), ("spadesuit", "♠"), ("degree", "°"),
        ("intercal", "⊺"), ("complement", "∁"), ("mho", "℧"), ("beth", "ℶ"),
        ("backprime", "‵"), ("surd", "√"),
      ])
    add(
      .operator, .bin,
      [
        ("pm", "±"), ("mp", "∓"), ("times", "×"), ("div", "÷"), ("cdot", "⋅"), ("ast", "∗"),
        ("star", "⋆"), ("circ", "∘"), ("bullet", "∙"), ("cup", "∪"), ("cap", "∩"),
        ("setminus", "∖"), ("smallsetminus", "∖"), ("wedge", "∧"), ("land", "∧"),
        ("vee", "∨"), ("lor", "∨"), ("oplus", "⊕"), ("ominus", "⊖"), ("otimes", "⊗"),
        ("oslash", "⊘"), ("odot", "⊙"), ("sqcup", "⊔"), ("sqcap", "⊓"), ("uplus", "⊎"),
        ("amalg", "⨿"), ("diamond", "⋄"), ("bigtriangleup", "△"), ("bigtriangledown", "▽"),
        ("triangleleft", "◃"), ("triangleright", "▹"), ("wr", "≀"), ("bigcirc", "◯"),
        ("centerdot", "⋅"), ("boxplus", "⊞"),
        ("boxtimes", "⊠"), ("ltimes", "⋉"), ("rtimes", "⋊"), ("circledast", "⊛"),
      ])
    add(.operator, .punct, [("cdotp", "⋅"), ("ldotp", "."), ("colon", ":")])
    add(
      .operator, .rel,
      [
        ("le", "≤"), ("leq", "≤"), ("ge", "≥"), ("geq", "≥"), ("ne", "≠"), ("neq", "≠"),
        ("leqslant", "⩽"), ("geqslant", "⩾"), ("lesssim", "≲"), ("gtrsim", "≳"),
        ("ll", "≪"), ("gg", "≫"), ("lll", "⋘"), ("ggg", "⋙"), ("approx", "≈"),
        ("approxeq", "≊"), ("sim", "∼"), ("simeq", "≃"), ("cong", "≅"), ("equiv", "≡"),
        ("propto", "∝"), ("varpropto", "∝"), ("doteq", "≐"), ("triangleq", "≜"),
        ("coloneqq", "≔"), ("eqqcolon", "≕"), ("coloneq", "≔"), ("asymp", "≍"),
        ("in", "∈"), ("notin", "∉"), ("ni", "∋"), ("owns", "∋"), ("subset", "⊂"),
        ("supset", "⊃"), ("subseteq", "⊆"), ("supseteq", "⊇"), ("subsetneq", "⊊"),
        ("supsetneq", "⊋"), ("nsubseteq", "⊈"), ("nsupseteq", "⊉"), ("sqsubset", "⊏"),
        ("sqsupset", "⊐"), ("sqsubseteq", "⊑"), ("sqsupseteq", "⊒"), ("prec", "≺"),
        ("succ", "≻"), ("preceq", "⪯"), ("succeq", "⪰"), ("perp", "⊥"), ("parallel", "∥"),
        ("nparallel", "∦"), ("mid", "∣"), ("nmid", "∤"), ("models", "⊨"), ("vdash", "⊢"),
        ("dashv", "⊣"), ("vDash", "⊨"), ("bowtie", "⋈"), ("smile", "⌣"), ("frown", "⌢"),
        ("nleq", "≰"), ("ngeq", "≱"), ("nless", "≮"), ("ngtr", "≯"), ("nsim", "≁"),
        ("ncong", "≇"), ("lneq", "⪇"), ("gneq", "⪈"), ("therefore", "∴"), ("because", "∵"),
        ("eqsim", "≂"), ("risingdotseq", "≓"), ("fallingdotseq", "≒"),
        ("lhd", "⊲"), ("rhd", "⊳"), ("unlhd", "⊴"), ("unrhd", "⊵"),
        // Arrows are relations too.
        ("to", "→"), ("rightarrow", "→"), ("gets", "←"), ("leftarrow", "←"),
        ("leftrightarrow", "↔"), ("Rightarrow", "⇒"), ("Leftarrow", "⇐"),
        ("Leftrightarrow", "⇔"), ("implies", "⟹"), ("impliedby", "⟸"), ("iff", "⟺"),
        ("mapsto", "↦"), ("longmapsto", "⟼"), ("longrightarrow", "⟶"),
        ("longleftarrow", "⟵"), ("longleftrightarrow", "⟷"), ("Longrightarrow", "⟹"),
        ("Longleftarrow", "⟸"), ("Longleftrightarrow", "⟺"), ("uparrow", "↑"),
        ("downarrow", "↓"), ("updownarrow", "↕"), ("Uparrow", "⇑"), ("Downarrow", "⇓"),
        ("Updownarrow", "⇕"), ("nearrow", "↗"), ("searrow", "↘"), ("swarrow", "↙"),
        ("nwarrow", "↖"), ("hookrightarrow", "↪"), ("hookleftarrow", "↩"),
        ("rightharpoonup", "⇀"), ("rightharpoondown", "⇁"), ("leftharpoonup", "↼"),
        ("leftharpoondown", "↽"), ("rightleftharpoons", "⇌"), ("leftrightharpoons", "⇋"),
        ("leadsto", "⇝"), ("rightsquigarrow", "⇝"), ("twoheadrightarrow", "↠"),
        ("rightrightarrows", "⇉"), ("leftleftarrows", "⇇"), ("circlearrowleft", "↺"),
        ("circlearrowright", "↻"), ("curvearrowright", "↷"), ("Lsh", "↰"), ("Rsh", "↱"),
      ])
    // Dots are inner atoms in TeX (`\mathinner`): a thin space from what they follow.
    add(
      .operator, .inner,
      [
        ("ldots", "…"), ("dots", "…"), ("hdots", "…"), ("dotsc", "…"), ("dotsb", "⋯"),
        ("cdots", "⋯"), ("dotsm", "⋯"), ("dotsi", "⋯"), ("dotso", "…"),
      ])
    add(.operator, .ord, [("%", "%"), ("#", "#"), ("&", "&"), ("$", "$"), ("_", "_")])
    add(
      .delimiter, .open,
      [
        ("{", "{"), ("lbrace", "{"), ("lbrack", "["), ("langle", "⟨"), ("lvert", "|"),
        ("lVert", "‖"), ("lfloor", "⌊"), ("lceil", "⌈"), ("lgroup", "⟮"), ("llbracket", "⟦"),
        ("ulcorner", "⌜"), ("llcorner", "⌞"),
      ])
    add(
      .delimiter, .close,
      [
        ("}", "}"), ("rbrace", "}"), ("rbrack", "]"), ("rangle", "⟩"), ("rvert", "|"),
        ("rVert", "‖"), ("rfloor", "⌋"), ("rceil", "⌉"), ("rgroup", "⟯"), ("rrbracket", "⟧"),
        ("urcorner", "⌝"), ("lrcorner", "⌟"),
      ])
    add(
      .delimiter, .ord,
      [("vert", "|"), ("Vert", "‖"), ("|", "‖"), ("backslash", "\\")])
    add(
      .largeOperator, .op,
      [
        ("sum", "∑"), ("prod", "∏"), ("coprod", "∐"), ("bigcup", "⋃"), ("bigcap", "⋂"),
        ("bigoplus", "⨁"), ("bigotimes", "⨂"), ("bigodot", "⨀"), ("bigvee", "⋁"),
        ("bigwedge", "⋀"), ("biguplus", "⨄"), ("bigsqcup", "⨆"),
      ])
    add(
      .integral, .op,
      [
        ("int", "∫"), ("iint", "∬"), ("iiint", "∭"), ("oint", "∮"), ("intop", "∫"),
        ("smallint", "∫"),
      ])
    return table
  }()

  /// Characters that are delimiters (for `\left`, and `stretchy="false"` elsewhere).
  static let delimiterCharacters: Set<Unicode.Scalar> = ["(", ")", "[", "]", "|", "/"]

  /// `\not` applied to a symbol: the precomposed negation where Unicode has one.
  static let negations: [String: String] = [
    "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∋": "∌", "⊂": "⊄",
    "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "≡": "≢", "∼": "≁", "≈": "≉", "≅": "≇", "≃": "≄",
    "∣": "∤", "∥": "∦", "⊢": "⊬", "⊨": "⊭", "∃": "∄", "≺": "⊀", "≻": "⊁", "→": "↛",
    "←": "↚", "↔": "↮", "⇒": "⇏", "⇐": "⇍", "⇔": "⇎",
  ]

  /// Function names set upright, followed by U+2061; limits at the side.
  static let functions: Set<String> = [
    "log", "ln", "lg", "exp", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos",
    "arctan", "sinh", "cosh", "tanh", "coth", "arg", "deg", "dim", "hom", "ker",
  ]

  /// Function names whose limits go under in display style (`\lim`, `\max`…), with the text shown.
  static let limitFunctions: [String: String] = [
    "lim": "lim", "max": "max", "min": "min", "sup": "sup", "inf": "inf", "det": "det",
    "Pr": "Pr", "gcd": "gcd", "limsup": "lim\u{2009}sup", "liminf": "lim\u{2009}inf",
  ]

  /// Horizontal spacing commands and their widths in em.
  static let spaces: [String: String] = [
    ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em",
    "medspace": "0.2222em", ";": "0.2778em", "thickspace": "0.2778em", "!": "-0.1667em",
    "negthinspace": "-0.1667em", "negmedspace": "-0.2222em", "negthickspace": "-0.2778em",
    "quad": "1em", "qquad": "2em", "enspace": "0.5em", " ": "0.3333em",
  ]

  /// Accents over the argument: the mark and whether it stretches to the argument's width.
  /// Chromium stretches U+0302 (`\widehat`) but no tilde or caron: `\widetilde` is scaled to
  /// its width (`Parser.wideTilde`), `\widecheck` keeps the centred spacing caron.
  static let accents: [String: (mark: String, stretchy: Bool)] = [
    "hat": ("ˆ", false), "widehat": ("\u{0302}", true), "check": ("ˇ", false),
    "widecheck": ("ˇ", true), "tilde": ("˜", false), "widetilde": ("˜", true),
    "bar": ("¯", false), "vec": ("→", false),
    "overrightarrow": ("→", true), "overleftarrow": ("←", true),
    "overleftrightarrow": ("↔", true), "dot": ("˙", false), "ddot": ("¨", false),
    "breve": ("˘", false), "acute": ("´", false),
    "grave": ("`", false), "mathring": ("˚", false),
  ]

  /// Marks under the argument.
  static let underAccents: [String: (mark: String, stretchy: Bool)] = [
    "underline": ("\u{0332}", true), "underrightarrow": ("→", true),
    "underleftarrow": ("←", true), "underleftrightarrow": ("↔", true),
  ]
}
