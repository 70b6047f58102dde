/// A math font command's alphabet: letters and digits become Unicode Mathematical Alphanumeric
/// Symbols (U+1D400…U+1D7FF), because Chromium ignores `mathvariant` other than `normal`.
enum MathAlphabet: Sendable {
  case roman, bold, italic, boldItalic, script, boldScript, fraktur, boldFraktur, doubleStruck
  case sansSerif, sansSerifBold, sansSerifItalic, monospace

  /// The alphabet of a math font command name (`mathbb`, `mathbf`…), if it is one; text
  /// commands have theirs in ``TextCommand/alphabet``.
  static func forCommand(_ name: String) -> MathAlphabet? {
    switch name {
    case "mathrm", "mathup": return .roman
    case "mathbf": return .bold
    case "mathit", "mathnormal": return .italic
    case "boldsymbol", "bm", "pmb": return .boldItalic
    case "mathcal": return .script
    case "mathscr": return .script
    case "mathfrak": return .fraktur
    case "mathbb": return .doubleStruck
    case "mathsf": return .sansSerif
    case "mathtt": return .monospace
    default: return nil
    }
  }

  /// Offsets of capital A, small a and digit zero in the alphabet (nil: no such letters).
  private var bases: (upper: UInt32, lower: UInt32, digit: UInt32?) {
    switch self {
    case .roman: return (0x41, 0x61, 0x30)
    case .bold: return (0x1D400, 0x1D41A, 0x1D7CE)
    case .italic: return (0x1D434, 0x1D44E, nil)
    case .boldItalic: return (0x1D468, 0x1D482, 0x1D7CE)
    case .script: return (0x1D49C, 0x1D4B6, nil)
    case .boldScript: return (0x1D4D0, 0x1D4EA, 0x1D7CE)
    case .fraktur: return (0x1D504, 0x1D51E, nil)
    case .boldFraktur: return (0x1D56C, 0x1D586, 0x1D7CE)
    case .doubleStruck: return (0x1D538, 0x1D552, 0x1D7D8)
    case .sansSerif: return (0x1D5A0, 0x1D5BA, 0x1D7E2)
    case .sansSerifBold: return (0x1D5D4, 0x1D5EE, 0x1D7EC)
    case .sansSerifItalic: return (0x1D608, 0x1D622, 0x1D7E2)
    case .monospace: return (0x1D670, 0x1D68A, 0x1D7F6)
    }
  }

  /// Letters that Unicode encodes in the Letterlike Symbols block instead.
  private static let holes: [MathAlphabet: [Character: Unicode.Scalar]] = [
    .italic: ["h": "\u{210E}"],
    .script: [
      "B": "\u{212C}", "E": "\u{2130}", "F": "\u{2131}", "H": "\u{210B}", "I": "\u{2110}",
      "L": "\u{2112}", "M": "\u{2133}", "R": "\u{211B}", "e": "\u{212F}", "g": "\u{210A}",
      "o": "\u{2134}",
    ],
    .fraktur: [
      "C": "\u{212D}", "H": "\u{210C}", "I": "\u{2111}", "R": "\u{211C}", "Z": "\u{2128}",
    ],
    .doubleStruck: [
      "C": "\u{2102}", "H": "\u{210D}", "N": "\u{2115}", "P": "\u{2119}", "Q": "\u{211A}",
      "R": "\u{211D}", "Z": "\u{2124}",
    ],
  ]

  /// Start of capital Alpha in the bold, italic and bold italic Greek alphabets.
  private var greekBase: UInt32? {
    switch self {
    case .bold: return 0x1D6A8
    case .italic: return 0x1D6E2
    case .boldItalic: return 0x1D71C
    case .sansSerifBold: return 0x1D756
    default: return nil
    }
  }

  /// Greek variants after omega, in the order of the math alphabets: ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
  private static let greekTail: [Unicode.Scalar] = [
    "\u{2202}", "\u{03F5}", "\u{03D1}", "\u{03F0}", "\u{03D5}", "\u{03F1}", "\u{03D6}",
  ]

  /// `scalar` in this alphabet; characters the alphabet lacks are returned unchanged.
  /// Lowercase Greek is left alone by `bold` (as LaTeX's `\mathbf`).
  func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    let v = scalar.value
    let (upper, lower, digit) = bases
    if v >= 0x41 && v <= 0x5A || v >= 0x61 && v <= 0x7A {
      if let hole = Self.holes[self]?[Character(scalar)] { return hole }
      let base = v <= 0x5A ? upper + (v - 0x41) : lower + (v - 0x61)
      return Unicode.Scalar(base) ?? scalar
    }
    if v >= 0x30 && v <= 0x39 {
      guard let digit else { return scalar }
      return Unicode.Scalar(digit + (v - 0x30)) ?? scalar
    }
    guard let greek = greekBase else { return scalar }
    if v >= 0x391 && v <= 0x3A9 && v != 0x3A2 {
      return Unicode.Scalar(greek + (v - 0x391)) ?? scalar
    }
    if self == .bold { return scalar }
    if v >= 0x3B1 && v <= 0x3C9 { return Unicode.Scalar(greek + 26 + (v - 0x3B1)) ?? scalar }
    if v == 0x2207 { return Unicode.Scalar(greek + 25) ?? scalar }
    if let i = Self.greekTail.firstIndex(of: scalar) {
      return Unicode.Scalar(greek + 51 + UInt32(i)) ?? scalar
    }
    return scalar
  }

  /// `text` with every character mapped.
  func map(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars { out.append(map(s)) }
    return String(out)
  }
}
