/// One TeX token with its location in the formula's source (UTF-8 bytes).
struct Token: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    /// `\name`, `\,`, `\\`…: the name without the backslash.
    case command(String)
    /// Any other character: letters, digits, punctuation, `~`, `#`, `$`, `'`.
    case char(Unicode.Scalar)
    /// `{`
    case open
    /// `}`
    case close
    /// `^`
    case superscript
    /// `_`
    case `subscript`
    /// `&`
    case tab
    /// `#1`…`#9`, only in macro bodies.
    case parameter(Int)
    /// A run of white space.
    case space
    /// End of input.
    case end
  }

  var kind: Kind
  /// UTF-8 byte offset of the token's first byte in the formula.
  var offset: Int
  /// Length in UTF-8 bytes.
  var length: Int

  var isSpace: Bool { kind == .space }

  /// How the token reads in the source, for messages.
  var spelling: String {
    switch kind {
    case .command(let name): return "\\" + name
    case .char(let c): return String(c)
    case .open: return "{"
    case .close: return "}"
    case .superscript: return "^"
    case .subscript: return "_"
    case .tab: return "&"
    case .parameter(let n): return "#\(n)"
    case .space: return " "
    case .end: return "end of formula"
    }
  }
}

/// Splits TeX source into tokens, tracking UTF-8 byte offsets.
enum Lexer {
  /// Tokenizes `tex`; `parameters` allows `#1`…`#9` (macro bodies). The result ends with `.end`.
  static func tokenize(_ tex: String, parameters: Bool = false) throws(TeXError) -> [Token] {
    var tokens: [Token] = []
    let bytes = Array(tex.utf8)
    if let control = firstControlCharacter(in: bytes) {
      throw TeXError(
        "control character U+\(control.code) is not allowed in math", offset: control.offset,
        length: control.length)
    }
    tokens.reserveCapacity(bytes.count)
    var i = 0
    let n = bytes.count

    func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
    /// Decodes the scalar starting at byte `at`; returns it and its byte length.
    func scalar(at j: Int) -> (Unicode.Scalar, Int) {
      let b = bytes[j]
      if b < 0x80 { return (Unicode.Scalar(b), 1) }
      let count = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
      var value = UInt32(b) & (count == 4 ? 0x07 : count == 3 ? 0x0F : 0x1F)
      for k in 1..<count where j + k < n { value = value << 6 | (UInt32(bytes[j + k]) & 0x3F) }
      return (Unicode.Scalar(value) ?? "\u{FFFD}", count)
    }

    while i < n {
      let b = bytes[i]
      let start = i
      switch b {
      case UInt8(ascii: "\\"):
        guard i + 1 < n else {
          throw TeXError("backslash at the end of the formula", offset: i, length: 1)
        }
        if isLetter(bytes[i + 1]) {
          var j = i + 1
          while j < n && isLetter(bytes[j]) { j += 1 }
          let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
          tokens.append(Token(kind: .command(name), offset: start, length: j - start))
          i = j
          // TeX skips spaces after a control word.
          while i < n && isSpace(bytes[i]) { i += 1 }
        } else {
          let (c, len) = scalar(at: i + 1)
          tokens.append(Token(kind: .command(String(c)), offset: start, length: 1 + len))
          i += 1 + len
        }
      case UInt8(ascii: "{"):
        tokens.append(Token(kind: .open, offset: i, length: 1))
        i += 1
      case UInt8(ascii: "}"):
        tokens.append(Token(kind: .close, offset: i, length: 1))
        i += 1
      case UInt8(ascii: "^"):
        tokens.append(Token(kind: .superscript, offset: i, length: 1))
        i += 1
      case UInt8(ascii: "_"):
        tokens.append(Token(kind: .subscript, offset: i, length: 1))
        i += 1
      case UInt8(ascii: "&"):
        tokens.append(Token(kind: .tab, offset: i, length: 1))
        i += 1
      case UInt8(ascii: "%"):
        while i < n && bytes[i] != 10 { i += 1 }
      case UInt8(ascii: "#") where parameters:
        if i + 1 < n, bytes[i + 1] >= UInt8(ascii: "1"), bytes[i + 1] <= UInt8(ascii: "9") {
          let number = Int(bytes[i + 1] - UInt8(ascii: "0"))
          tokens.append(Token(kind: .parameter(number), offset: i, length: 2))
          i += 2
        } else {
          throw TeXError("# must be followed by a digit 1 to 9", offset: i, length: 1)
        }
      default:
        if isSpace(b) {
          var j = i
          while j < n && isSpace(bytes[j]) { j += 1 }
          tokens.append(Token(kind: .space, offset: i, length: j - i))
          i = j
        } else {
          let (c, len) = scalar(at: i)
          tokens.append(Token(kind: .char(c), offset: i, length: len))
          i += len
        }
      }
    }
    tokens.append(Token(kind: .end, offset: n, length: 0))
    return tokens
  }

  /// The first control character in UTF-8 `bytes` other than tab, line feed and carriage return:
  /// U+0000 to U+001F (which XML forbids, so no MathML may hold them), U+007F and U+0080 to
  /// U+009F. Its code as four hex digits, its byte offset and its length in bytes.
  static func firstControlCharacter(in bytes: [UInt8]) -> (code: String, offset: Int, length: Int)?
  {
    func hex(_ value: Int) -> String {
      let digits = String(value, radix: 16, uppercase: true)
      return String(repeating: "0", count: 4 - digits.count) + digits
    }
    for (offset, byte) in bytes.enumerated() {
      if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
        return (hex(Int(byte)), offset, 1)
      }
      if byte == 0xC2, offset + 1 < bytes.count, (0x80...0x9F).contains(bytes[offset + 1]) {
        return (hex(Int(bytes[offset + 1])), offset, 2)
      }
    }
    return nil
  }
}
