/// A quick look at YAML before Yams reads it, for the two things Yams cannot survive: collections
/// nested thousands deep (its composer recurses once per level and overflows the stack) and
/// anchors with aliases (`&a [*b, *b]`: nine levels of those, a few hundred bytes, stand for
/// billions of values once the tree is walked).
///
/// It follows YAML's tokens as far as these two need: quoted scalars (over several lines), block
/// scalars (`|`, `>`), plain scalars and their later lines, comments, flow collections and block
/// indentation. `&` and `*` inside text (`a*b`, `"*a"`, a block scalar's lines) are text; only an
/// `&` or `*` where a node begins is an anchor or an alias. Each byte is looked at a bounded
/// number of times.
///
/// Depth is counted the way the file reads: each line more indented than the collection it
/// belongs to opens one, and so does each `- `, `? ` or key after the first on a line, and each
/// `[` or `{`. Yams may nest up to twice as deep as this count (a sequence written at its key's
/// indentation, `[a: [b: …]]`), which is far from where its stack runs out.
struct YAMLPrescan {
  /// What the pre-scan refuses, at a byte offset of the text.
  enum Finding: Equatable {
    /// `&name` where a node begins.
    case anchor(offset: Int)
    /// `*name` where a node begins.
    case alias(offset: Int)
    /// The first collection deeper than the limit.
    case tooDeep(offset: Int)

    /// Where in the text.
    var offset: Int {
      switch self {
      case .anchor(let offset), .alias(let offset), .tooDeep(let offset): return offset
      }
    }
  }

  /// The first anchor, alias or collection nested deeper than `maximumDepth` in `yaml`, or `nil`.
  static func firstFinding(in yaml: [UInt8], maximumDepth: Int) -> Finding? {
    var scan = YAMLPrescan(bytes: lineBreaksAsNewlines(yaml), maximumDepth: maximumDepth)
    // A byte order mark is not part of the first line: Yams is given the text without it, so
    // the first line is read from the byte after it (offsets stay those of the whole text).
    if yaml.starts(with: [0xEF, 0xBB, 0xBF]) { scan.position = 3 }
    while scan.position < yaml.count {
      if let finding = scan.line() { return finding }
    }
    return nil
  }

  /// `yaml` with every line break that the YAML parser knows written as `\n`, in its place: a
  /// lone `\r` becomes `\n`, and NEL, LS and PS (U+0085, U+2028, U+2029) blanks that end in `\n`,
  /// so that every offset stays that of the text. Read as one line, what follows such a break was
  /// text to the pre-scan and a node to Yams, anchors and aliases among them.
  private static func lineBreaksAsNewlines(_ yaml: [UInt8]) -> [UInt8] {
    var bytes = yaml
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case 0x0D where index + 1 == bytes.count || bytes[index + 1] != 0x0A:
        bytes[index] = 0x0A
      case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85:
        bytes[index] = 0x20
        bytes[index + 1] = 0x0A
        index += 1
      case 0xE2
      where index + 2 < bytes.count && bytes[index + 1] == 0x80
        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
        bytes[index] = 0x20
        bytes[index + 1] = 0x20
        bytes[index + 2] = 0x0A
        index += 2
      default:
        break
      }
      index += 1
    }
    return bytes
  }

  private let bytes: [UInt8]
  private let maximumDepth: Int
  /// The next byte to look at.
  private var position = 0
  /// The indentation of each block collection open at the current line, outermost first.
  private var indents: [Int] = []
  /// While a block scalar's lines go on: the indentation they must exceed, and that of its lines
  /// once known (from its header, or from its first line).
  private var blockScalar: (parent: Int, content: Int?)? = nil
  /// While a plain scalar may go on over the next lines: the indentation they must exceed.
  private var plainParent: Int? = nil

  private init(bytes: [UInt8], maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  // MARK: - Block context

  /// Reads one line in block context, from its first byte to the start of the next line (or
  /// further, when a quoted scalar or a flow collection goes on).
  private mutating func line() -> Finding? {
    let start = position
    var indent = 0
    while position < bytes.count && bytes[position] == UInt8(ascii: " ") {
      position += 1
      indent += 1
    }
    let first = skippingBlanks(from: position)
    if first == bytes.count || bytes[first] == UInt8(ascii: "\n") {
      // A blank line changes nothing: block and plain scalars go on after it.
      position = nextLine(from: first)
      return nil
    }
    if indent == 0 && isDocumentMarker(at: start) {
      indents = []
      blockScalar = nil
      plainParent = nil
      return node(at: start + 3, lineStart: start, entry: -1, depth: 0, firstOnLine: false)
    }
    if let scalar = blockScalar {
      let content = scalar.content ?? indent
      if indent > scalar.parent && indent >= content {
        blockScalar = (scalar.parent, content)
        position = nextLine(from: first)
        return nil
      }
      blockScalar = nil
    }
    if bytes[first] == UInt8(ascii: "#") {
      plainParent = nil
      position = nextLine(from: first)
      return nil
    }
    if let parent = plainParent {
      if indent > parent {
        // A plain scalar of an earlier line goes on: this line is its text.
        position = nextLine(from: first)
        return nil
      }
      plainParent = nil
    }
    if indent == 0 && bytes[first] == UInt8(ascii: "%") {
      position = nextLine(from: first)
      return nil
    }
    while let last = indents.last, last > indent { indents.removeLast() }
    if indents.last != indent { indents.append(indent) }
    return node(at: first, lineStart: start, entry: indent, depth: indents.count, firstOnLine: true)
  }

  /// Reads what follows on a line where a node may begin.
  ///
  /// - Parameters:
  ///   - start: the byte to read from.
  ///   - lineStart: the first byte of its line.
  ///   - entry: the column of the innermost collection entry on this line (its `-`, `?` or key).
  ///   - depth: the collections open here.
  ///   - firstOnLine: whether nothing but indentation comes before `start` on its line: the first
  ///     entry of a line belongs to the collection its indentation already counts.
  private mutating func node(
    at start: Int, lineStart: Int, entry: Int, depth: Int, firstOnLine: Bool
  ) -> Finding? {
    if depth > maximumDepth { return .tooDeep(offset: start) }
    var entry = entry
    var depth = depth
    var firstOnLine = firstOnLine
    position = start
    /// One more collection begins at `offset`, unless it is the line's first entry.
    func opens(at offset: Int) -> Finding? {
      if !firstOnLine { depth += 1 }
      firstOnLine = false
      entry = offset - lineStart
      return depth > maximumDepth ? .tooDeep(offset: offset) : nil
    }
    /// The indentation that the later lines of a scalar begun here must exceed: that of the
    /// collection entry it is the value of, or, for a scalar that begins its line, that of the
    /// collection one indentation out.
    var scalarParent: Int {
      guard firstOnLine else { return entry }
      return indents.count >= 2 ? indents[indents.count - 2] : -1
    }
    while true {
      position = skippingBlanks(from: position)
      guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
        position = nextLine(from: position)
        return nil
      }
      let token = position
      switch bytes[token] {
      case UInt8(ascii: "#"):
        position = nextLine(from: token)
        return nil
      case UInt8(ascii: "-") where isBlankOrEnd(at: token + 1),
        UInt8(ascii: "?") where isBlankOrEnd(at: token + 1):
        if let finding = opens(at: token) { return finding }
        position = token + 1
      case UInt8(ascii: ":") where isBlankOrEnd(at: token + 1):
        firstOnLine = false
        position = token + 1
      case UInt8(ascii: "!"):
        position = endOfTag(from: token, inFlow: false)
      case UInt8(ascii: "&"):
        return .anchor(offset: token)
      case UInt8(ascii: "*"):
        return .alias(offset: token)
      case UInt8(ascii: "|"), UInt8(ascii: ">"):
        let parent = scalarParent
        blockScalar = (parent, explicitIndentation(from: token + 1).map { max(parent, 0) + $0 })
        position = nextLine(from: token)
        return nil
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        if let finding = flow(depth: depth + 1) { return finding }
        // A flow collection on one line may be a key.
        guard !spansLines(token..<position), isKeyIndicator(at: &position) else {
          position = nextLine(from: position)
          return nil
        }
        if let finding = opens(at: token) { return finding }
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        position = endOfQuoted(from: token)
        guard !spansLines(token..<position), isKeyIndicator(at: &position) else {
          position = nextLine(from: position)
          return nil
        }
        if let finding = opens(at: token) { return finding }
      default:
        // A plain scalar: a key when `: ` follows on the line, else a value, which may go on
        // over the next lines.
        var index = token
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") {
          if bytes[index] == UInt8(ascii: ":") && isBlankOrEnd(at: index + 1) { break }
          if isBlank(bytes[index]) && index + 1 < bytes.count
            && bytes[index + 1] == UInt8(ascii: "#")
          {
            // A comment ends the scalar, and with it the lines it could have taken.
            position = nextLine(from: index)
            return nil
          }
          index += 1
        }
        guard index < bytes.count && bytes[index] == UInt8(ascii: ":") else {
          plainParent = scalarParent
          position = nextLine(from: index)
          return nil
        }
        if let finding = opens(at: token) { return finding }
        position = index + 1
      }
    }
  }

  // MARK: - Flow context

  /// Reads a flow collection from its opening bracket at `position` to just past its closing one
  /// (or the end of the text), over as many lines as it takes.
  ///
  /// - Parameter depth: the depth of the collection that opens at `position`.
  private mutating func flow(depth: Int) -> Finding? {
    var depth = depth
    var open = 0
    var atNodeStart = true
    var inPlain = false
    var afterBlank = true
    while position < bytes.count {
      let byte = bytes[position]
      if isBlank(byte) || byte == UInt8(ascii: "\n") {
        afterBlank = true
        position += 1
        continue
      }
      // A `#` ends a plain scalar only after a blank; elsewhere it starts a comment anyway.
      if byte == UInt8(ascii: "#") && (afterBlank || !inPlain) {
        position = nextLine(from: position)
        continue
      }
      afterBlank = false
      switch byte {
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        if open > 0 { depth += 1 }
        open += 1
        if depth > maximumDepth { return .tooDeep(offset: position) }
        atNodeStart = true
        inPlain = false
        position += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        open -= 1
        depth -= 1
        position += 1
        if open == 0 { return nil }
        atNodeStart = false
        inPlain = false
      case UInt8(ascii: ","):
        atNodeStart = true
        inPlain = false
        position += 1
      case UInt8(ascii: ":") where !inPlain || isFlowSeparator(at: position + 1):
        atNodeStart = true
        inPlain = false
        position += 1
      case UInt8(ascii: "?") where atNodeStart && isFlowSeparator(at: position + 1):
        position += 1
      case UInt8(ascii: "&") where atNodeStart:
        return .anchor(offset: position)
      case UInt8(ascii: "*") where atNodeStart:
        return .alias(offset: position)
      case UInt8(ascii: "!") where atNodeStart:
        position = endOfTag(from: position, inFlow: true)
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if inPlain {
          position += 1
        } else {
          position = endOfQuoted(from: position)
          atNodeStart = false
        }
      default:
        atNodeStart = false
        inPlain = true
        position += 1
      }
    }
    return nil
  }

  // MARK: - Helpers

  /// Just past the quoted scalar that starts at `start` (`'…'` with `''` inside, or `"…"` with
  /// backslash escapes), or the end of the text.
  private func endOfQuoted(from start: Int) -> Int {
    let quote = bytes[start]
    var index = start + 1
    while index < bytes.count {
      let byte = bytes[index]
      if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if byte == quote {
        if quote == UInt8(ascii: "'") && index + 1 < bytes.count && bytes[index + 1] == quote {
          index += 2
          continue
        }
        return index + 1
      }
      index += 1
    }
    return bytes.count
  }

  /// Whether `: ` (or `:` at the end of the line) follows at `index`, after blanks; if so,
  /// `index` moves past the colon.
  private func isKeyIndicator(at index: inout Int) -> Bool {
    let colon = skippingBlanks(from: index)
    guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":"), isBlankOrEnd(at: colon + 1)
    else { return false }
    index = colon + 1
    return true
  }

  /// The end of the tag (`!name`, `!!str`, `!<…>`) that starts at `start`.
  private func endOfTag(from start: Int, inFlow: Bool) -> Int {
    var index = start
    while index < bytes.count && !isBlank(bytes[index]) && bytes[index] != UInt8(ascii: "\n") {
      if inFlow && isFlowIndicator(bytes[index]) { break }
      index += 1
    }
    return index
  }

  /// The indentation indicator of a block scalar header (`|2`, `>-1`), if any.
  private func explicitIndentation(from start: Int) -> Int? {
    var index = start
    while index < bytes.count && index < start + 2 {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
        return Int(byte - UInt8(ascii: "0"))
      }
      guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") else { return nil }
      index += 1
    }
    return nil
  }

  /// Whether a document marker, `---` or `...` followed by a blank or the end of the line,
  /// starts at `index`.
  private func isDocumentMarker(at index: Int) -> Bool {
    guard index + 3 <= bytes.count else { return false }
    let first = bytes[index]
    guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
    return bytes[index + 1] == first && bytes[index + 2] == first && isBlankOrEnd(at: index + 3)
  }

  private func spansLines(_ range: Range<Int>) -> Bool {
    bytes[range].contains(UInt8(ascii: "\n"))
  }

  private func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }

  private func isBlankOrEnd(at index: Int) -> Bool {
    index >= bytes.count || isBlank(bytes[index]) || bytes[index] == UInt8(ascii: "\n")
  }

  private func isFlowIndicator(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
      || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
  }

  /// Whether a `:` of a plain scalar in a flow collection is followed, at `index`, by what makes
  /// it a value indicator.
  private func isFlowSeparator(at index: Int) -> Bool {
    isBlankOrEnd(at: index) || isFlowIndicator(bytes[index])
  }

  private func skippingBlanks(from start: Int) -> Int {
    var index = start
    while index < bytes.count && isBlank(bytes[index]) { index += 1 }
    return index
  }

  /// The start of the line after the one holding `index`.
  private func nextLine(from index: Int) -> Int {
    guard index < bytes.count else { return bytes.count }
    guard let newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: index)
    else { return bytes.count }
    return newline + 1
  }
}
