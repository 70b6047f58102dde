import TeXMath

/// Finds `$…$` and `$$…$$` math in the inline content of one paragraph or heading, following
/// pandoc's `tex_math_dollars` rules.
///
/// - `\` before an ASCII punctuation character escapes it: `\$` is a dollar, never a delimiter.
/// - Code spans, autolinks, raw HTML tags and link destinations are skipped whole.
/// - `$$` opens display math that ends at the next `$$`; without one, the `$$` is text and a
///   warning is reported.
/// - `$` opens inline math when the next character is not white space; the math ends at the first
///   `$` that is not preceded by white space and not followed by a digit. Inside math, `\` and
///   the character after it are one token (so `\$`, `\\` and `\{` never end it), and the
///   argument of a text command (TeXMath's ``TextCommand``: `\text{…}`, `\emph{…}`…) is
///   skipped with its braces balanced, so `$\text{if $x$}$` is one formula. Without a valid
///   closer the `$` is text, so `$5 and $6` stays prose.
struct MathScanner {
  /// One math span, as byte indices into the scanned content.
  struct Span: Equatable {
    /// Display (`$$`) or inline (`$`) math.
    var display: Bool
    /// From the opening delimiter up to (not including) the byte after the closing one.
    var outer: Range<Int>
    /// The TeX between the delimiters, white space at both ends trimmed.
    var inner: Range<Int>
  }

  /// What scanning found: the spans, and the offsets of `$$` that were never closed.
  struct Result: Equatable {
    var spans: [Span] = []
    var unclosedDisplay: [Int] = []
  }

  let bytes: UnsafeBufferPointer<UInt8>
  /// Where the scanned content starts and ends in `bytes`.
  let start: Int
  let end: Int
  /// What earlier searches learnt, so that no search goes over the same text again and again.
  private let memo = Memo()
  /// ``textCommandNames``, looked up once per scan rather than once per backslash.
  private let textCommands = MathScanner.textCommandNames

  /// What the scan remembers, so that a construct that is never closed (`\text{`, a run of
  /// backticks, an opened quote in a tag) costs one pass over the text, not one per occurrence.
  private final class Memo {
    /// Where each `{` is closed, found in one pass on first use.
    var closingBraces: [Int: Int]? = nil
    /// Where each run of backticks starts, by length, found in one pass on first use.
    var backtickRuns: [Int: [Int]]? = nil
    /// For `"` and `'`: a position after which there is none.
    var noQuoteAfter: [UInt8: Int] = [:]
    /// A position after which there is no `>`.
    var noGreaterThanAfter: Int? = nil
    /// Positions from which the search for the `$` closing inline math finds none (one bit
    /// each, from the scan's start).
    private var deadEnds: [UInt64] = []

    func isDeadEnd(_ position: Int, start: Int) -> Bool {
      let bit = position - start
      guard bit / 64 < deadEnds.count else { return false }
      return deadEnds[bit / 64] & (1 << UInt64(bit % 64)) != 0
    }

    func markDeadEnd(_ position: Int, start: Int, end: Int) {
      if deadEnds.isEmpty { deadEnds = Array(repeating: 0, count: (end - start) / 64 + 1) }
      let bit = position - start
      deadEnds[bit / 64] |= 1 << UInt64(bit % 64)
    }
  }

  /// How far a link destination and title are searched for their closing `)`.
  static let maximumLinkLength = 4096

  /// Scans `bytes`, the raw inline content of one block (lines joined by `\n`), or the part of
  /// it in `range`; the offsets found are indices into `bytes`.
  static func scan(_ bytes: [UInt8], in range: Range<Int>? = nil) -> Result {
    let range = range ?? bytes.indices
    return bytes.withUnsafeBufferPointer { buffer in
      MathScanner(bytes: buffer, start: range.lowerBound, end: range.upperBound).run()
    }
  }

  /// The bytes at which the scan stops to look: `\\`, `` ` ``, `<`, `]` and `$`.
  private static let stops: [Bool] = (0...255).map { "\\`<]$".utf8.contains(UInt8($0)) }

  /// The first byte at or after `start` where the scan has to look (most of a document is none
  /// of them).
  private func nextStop(from start: Int, stops: [Bool]) -> Int {
    var index = start
    while index < end && !stops[Int(bytes[index])] { index += 1 }
    return index
  }

  private func run() -> Result {
    var result = Result()
    var index = start
    let count = end
    let stops = Self.stops
    while index < count {
      index = nextStop(from: index, stops: stops)
      guard index < count else { break }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\\"):
        index += (index + 1 < count && isASCIIPunctuation(bytes[index + 1])) ? 2 : 1
      case UInt8(ascii: "`"):
        index = endOfCodeSpan(at: index)
      case UInt8(ascii: "<"):
        index = endOfTag(at: index) ?? index + 1
      case UInt8(ascii: "]"):
        if index + 1 < count && bytes[index + 1] == UInt8(ascii: "(") {
          index = endOfLinkDestination(at: index + 1)
        } else {
          index += 1
        }
      case UInt8(ascii: "$"):
        if index + 1 < count && bytes[index + 1] == UInt8(ascii: "$") {
          if let span = displaySpan(at: index) {
            result.spans.append(span)
            index = span.outer.upperBound
          } else {
            result.unclosedDisplay.append(index)
            index += 2
          }
        } else if let span = inlineSpan(at: index) {
          result.spans.append(span)
          index = span.outer.upperBound
        } else {
          index += 1
        }
      default:
        index += 1
      }
    }
    return result
  }

  // MARK: - Math

  private func inlineSpan(at open: Int) -> Span? {
    var index = open + 1
    guard index < end, !isWhitespace(bytes[index]) else { return nil }
    search: while index < end && !memo.isDeadEnd(index, start: start) {
      switch closingStep(at: index) {
      case .next(let next): index = next
      case .closer(let close):
        return Span(display: false, outer: open..<(close + 1), inner: trimmed(open + 1..<close))
      case .fail: break search
      }
    }
    // No closer: every position this search went through leads nowhere, whichever `$` opened
    // the search (the search from a position does not depend on where it started).
    var position = open + 1
    while position < end && !memo.isDeadEnd(position, start: start) {
      memo.markDeadEnd(position, start: start, end: end)
      guard case .next(let next) = closingStep(at: position) else { break }
      position = next
    }
    return nil
  }

  /// Where the search for the `$` that closes inline math goes from `index`.
  private enum Step {
    case next(Int)
    case closer(Int)
    case fail
  }

  private func closingStep(at index: Int) -> Step {
    let byte = bytes[index]
    if byte == UInt8(ascii: "$") {
      return index + 1 < end && isDigit(bytes[index + 1]) ? .fail : .closer(index)
    }
    if byte == UInt8(ascii: "\\") { return .next(endOfTextCommand(at: index) ?? index + 2) }
    if isDisplayBlockMarker(at: index) { return .fail }
    if isWhitespace(byte) {
      var next = index
      while next < end && isWhitespace(bytes[next]) { next += 1 }
      return next < end && bytes[next] == UInt8(ascii: "$") ? .fail : .next(next)
    }
    return .next(index + 1)
  }

  private func displaySpan(at open: Int) -> Span? {
    let count = end
    var index = open + 2
    while index < count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if isDisplayBlockMarker(at: index) { return nil }
      if byte == UInt8(ascii: "$") && index + 1 < count && bytes[index + 1] == UInt8(ascii: "$") {
        let inner = trimmed(open + 2..<index)
        guard !inner.isEmpty else { return nil }
        return Span(display: true, outer: open..<(index + 2), inner: inner)
      }
      index += 1
    }
    return nil
  }

  /// The names of TeXMath's text commands as bytes, by length: `textCommandNames[n]` holds
  /// those of `n` letters.
  static let textCommandNames: [[[UInt8]]] = {
    let names = TextCommand.allCases.map { Array($0.rawValue.utf8) }
    var byLength = Array(repeating: [[UInt8]](), count: (names.map(\.count).max() ?? 0) + 1)
    for name in names { byLength[name.count].append(name) }
    return byLength
  }()

  /// After a text command and its `{` (`\text{`, `\emph {`…): the index past the balanced `}`.
  private func endOfTextCommand(at backslash: Int) -> Int? {
    var index = backslash + 1
    let nameStart = index
    while index < end && isLetter(bytes[index]) { index += 1 }
    let length = index - nameStart
    let names = textCommands
    guard length < names.count,
      names[length].contains(where: { name in
        (0..<length).allSatisfy { bytes[nameStart + $0] == name[$0] }
      })
    else { return nil }
    while index < end && bytes[index] == UInt8(ascii: " ") { index += 1 }
    guard index < end && bytes[index] == UInt8(ascii: "{") else { return nil }
    return closingBrace(of: index).map { $0 + 1 }
  }

  /// Where the `{` at `open` is closed (braces balanced, `\` escaping the byte after it). A
  /// brace is never closed across a display block, which no formula runs across.
  private func closingBrace(of open: Int) -> Int? {
    if memo.closingBraces == nil {
      var matches: [Int: Int] = [:]
      var opened: [Int] = []
      var index = start
      while index < end {
        switch bytes[index] {
        case UInt8(ascii: "\\"): index += 1
        case UInt8(ascii: "{"): opened.append(index)
        case UInt8(ascii: "}"): if let match = opened.popLast() { matches[match] = index }
        case 0xEE where isDisplayBlockMarker(at: index): opened.removeAll()
        default: break
        }
        index += 1
      }
      memo.closingBraces = matches
    }
    return memo.closingBraces?[open]
  }

  private func trimmed(_ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && isWhitespace(bytes[lower]) { lower += 1 }
    while upper > lower && isWhitespace(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  // MARK: - Constructs that hide dollars

  /// A backtick run: past the matching run of the same length, or past the run itself.
  private func endOfCodeSpan(at open: Int) -> Int {
    let count = end
    var index = open
    while index < count && bytes[index] == UInt8(ascii: "`") { index += 1 }
    let length = index - open
    if memo.backtickRuns == nil {
      var runs: [Int: [Int]] = [:]
      var search = start
      while search < count {
        guard bytes[search] == UInt8(ascii: "`") else {
          search += 1
          continue
        }
        let runStart = search
        while search < count && bytes[search] == UInt8(ascii: "`") { search += 1 }
        runs[search - runStart, default: []].append(runStart)
      }
      memo.backtickRuns = runs
    }
    // The first run of the same length after this one closes the span.
    guard let starts = memo.backtickRuns?[length] else { return index }
    var low = 0
    var high = starts.count
    while low < high {
      let middle = (low + high) / 2
      if starts[middle] < index { low = middle + 1 } else { high = middle }
    }
    return low < starts.count ? starts[low] + length : index
  }

  /// An autolink, raw HTML tag, comment, processing instruction or declaration starting at `<`.
  private func endOfTag(at open: Int) -> Int? {
    let count = end
    guard open + 1 < count else { return nil }
    let next = bytes[open + 1]
    if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
      // Comment, declaration, CDATA or processing instruction: up to the next `>`.
      var index = open + 2
      if let none = memo.noGreaterThanAfter, none <= index { return nil }
      while index < count && bytes[index] != UInt8(ascii: ">") { index += 1 }
      if index == count { memo.noGreaterThanAfter = open + 2 }
      return index < count ? index + 1 : nil
    }
    guard isLetter(next) || next == UInt8(ascii: "/") else { return nil }
    var index = open + 1
    var quote: (character: UInt8, opened: Int)? = nil
    while index < count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open.character { quote = nil }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        if let none = memo.noQuoteAfter[byte], none <= index { return nil }
        quote = (byte, index)
      } else if byte == UInt8(ascii: ">") {
        return index + 1
      } else if byte == UInt8(ascii: "<") {
        return nil
      }
      index += 1
    }
    if let open = quote { memo.noQuoteAfter[open.character] = open.opened }
    return nil
  }

  /// A link destination and title, `(…)` after `]`: past the balancing `)`. The search stops
  /// after `maximumLinkLength` bytes (cmark's own limit on a destination and title is far
  /// smaller in practice), so text full of `](` stays linear.
  private func endOfLinkDestination(at open: Int) -> Int {
    let count = Swift.min(end, open + Self.maximumLinkLength)
    var depth = 0
    var index = open
    while index < count {
      switch bytes[index] {
      case UInt8(ascii: "\\"): index += 1
      case UInt8(ascii: "("):
        depth += 1
        // cmark nests parentheses in a destination 32 deep at most.
        if depth > 33 { return open + 1 }
      case UInt8(ascii: ")"):
        depth -= 1
        if depth == 0 { return index + 1 }
      default: break
      }
      index += 1
    }
    return open + 1
  }

  // MARK: - Characters

  /// Whether a display block (`DisplayFences`) stands at `index`: no formula in a paragraph runs
  /// across one.
  private func isDisplayBlockMarker(at index: Int) -> Bool {
    bytes[index] == 0xEE && index + 3 < end && bytes[index + 1] == 0x80
      && bytes[index + 2] == 0x80
      && (bytes[index + 3] == UInt8(ascii: "F") || bytes[index + 3] == UInt8(ascii: "f"))
  }

  private func isWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
      || byte == UInt8(ascii: "\r")
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
      || (0x7B...0x7E).contains(byte)
  }
}
