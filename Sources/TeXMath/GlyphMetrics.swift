/// A character of the math font as TeX measures it: its advance and italic correction, in
/// thousandths of an em, at text size and at the two script sizes.
///
/// TeX sets scripts in fonts designed for their size (cmmi7, cmmi5), wider for their size than
/// the text font scaled down; Latin Modern Math has such designs too, behind its `ssty` feature,
/// but only for the OpenType script `math`, which no browser's text shaping selects: Chromium
/// draws the text design scaled. The script sizes' numbers are those of the `ssty` designs, so
/// that a script can be given the room TeX gives it. The table (``latinModern``) is read from
/// the site's font by `scripts/glyph-metrics`.
struct GlyphMetrics: Sendable {
  var scalar: UInt32
  /// Advance at text size, script size and scriptscript size.
  var advances: (Int16, Int16, Int16)
  /// Italic correction at the same three sizes.
  var italics: (Int16, Int16, Int16)

  init(
    _ scalar: UInt32, _ advance: Int16, _ italic: Int16, _ scriptAdvance: Int16,
    _ scriptItalic: Int16, _ scriptScriptAdvance: Int16, _ scriptScriptItalic: Int16
  ) {
    self.scalar = scalar
    advances = (advance, scriptAdvance, scriptScriptAdvance)
    italics = (italic, scriptItalic, scriptScriptItalic)
  }

  /// The advance at `size`: 0 text, 1 script, 2 (or more) scriptscript.
  func advance(size: Int) -> Int {
    Int(size == 0 ? advances.0 : size == 1 ? advances.1 : advances.2)
  }

  /// The italic correction at `size`.
  func italic(size: Int) -> Int {
    Int(size == 0 ? italics.0 : size == 1 ? italics.1 : italics.2)
  }

  /// The metrics of the font's characters, by code point.
  static let table: [UInt32: GlyphMetrics] = Dictionary(
    latinModern.map { ($0.scalar, $0) }, uniquingKeysWith: { first, _ in first })

  /// The character a browser draws for `scalar` in a single-character `mi` without
  /// `mathvariant`: Latin and Greek letters, dotless i and j, ∂ and ∇ in their mathematical
  /// italic form (CSS `text-transform: math-auto`); any other character as it is.
  static func italicForm(of scalar: UInt32) -> UInt32 {
    switch scalar {
    case 0x41...0x5A: return 0x1D434 + scalar - 0x41
    case 0x68: return 0x210E
    case 0x61...0x7A: return 0x1D44E + scalar - 0x61
    case 0x131: return 0x1D6A4
    case 0x237: return 0x1D6A5
    case 0x391...0x3A1, 0x3A3...0x3A9: return 0x1D6E2 + scalar - 0x391
    case 0x3F4: return 0x1D6F3
    case 0x2207: return 0x1D6FB
    case 0x3B1...0x3C9: return 0x1D6FC + scalar - 0x3B1
    case 0x2202: return 0x1D715
    case 0x3F5: return 0x1D716
    case 0x3D1: return 0x1D717
    case 0x3F0: return 0x1D718
    case 0x3D5: return 0x1D719
    case 0x3F1: return 0x1D71A
    case 0x3D6: return 0x1D71B
    default: return scalar
    }
  }
}
