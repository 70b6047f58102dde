import Execution

/// The options of a grader's block, e.g.
/// ```` ```swift grade document=hw.md heading="(a) Simple loss" points=2 ````.
public struct GradeOptions: Sendable, Equatable {
  /// The document of the submission the question is in, relative to its `Content/` folder.
  public var document: String
  /// The heading the question is under: its text or its id on the page.
  public var heading: String
  /// The question's points (more than 0, at most 1000).
  public var points: Double
  /// The time each of the block's asks may run in the student's program, in seconds.
  public var timeoutSeconds: Double?

  /// Parses a fenced block's info string: nil when the block is not a grade block (the first
  /// word is not `swift` or the second is not `grade`). Values may be quoted, `"…"`, to hold
  /// spaces; `\"` and `\\` stand for `"` and `\` inside quotes. Throws for an unknown, repeated,
  /// missing or malformed option.
  public static func parse(infoString: String) throws(VerifyOptionsError) -> GradeOptions? {
    let words = try split(infoString)
    guard words.count >= 2, words[0].text == "swift", words[1].text == "grade" else { return nil }
    var document: String?
    var heading: String?
    var points: Double?
    var timeout: Double?
    var seen: Set<String> = []
    for word in words.dropFirst(2) {
      func refuse(_ message: String) -> VerifyOptionsError {
        VerifyOptionsError(column: word.column, word: word.text, message: message)
      }
      guard let equals = word.text.firstIndex(of: "=") else {
        throw refuse(
          "grade option '\(word.text)' needs a value (expected document=, heading=, points=, "
            + "timeout=)")
      }
      let name = String(word.text[..<equals])
      let value = String(word.text[word.text.index(after: equals)...])
      guard seen.insert(name).inserted else { throw refuse("grade option '\(name)' is repeated") }
      switch name {
      case "document":
        guard value.hasSuffix(".md"), !value.hasPrefix("/"),
          !value.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else {
          throw refuse(
            "document must be a Markdown file's path inside Content/, like hw.md, not '\(value)'")
        }
        document = value
      case "heading":
        guard !value.isEmpty else { throw refuse("heading must not be empty") }
        heading = value
      case "points":
        guard let number = Double(value), number.isFinite, number > 0, number <= 1000 else {
          throw refuse("points must be a number in (0, 1000], not '\(value)'")
        }
        points = number
      case "timeout":
        guard let seconds = Double(value), seconds.isFinite, seconds > 0,
          seconds <= VerifyOptions.maximumTimeoutSeconds
        else { throw refuse("timeout must be a number of seconds in (0, 3600], not '\(value)'") }
        timeout = seconds
      default:
        throw refuse(
          "unknown grade option '\(name)' (expected document=, heading=, points=, timeout=)")
      }
    }
    let missing = [
      ("document", document == nil), ("heading", heading == nil), ("points", points == nil),
    ]
    .filter(\.1).map(\.0)
    guard let document, let heading, let points else {
      throw VerifyOptionsError(
        column: words[1].column, word: "grade",
        message: "a grade block needs " + missing.map { "\($0)=" }.joined(separator: ", "))
    }
    return GradeOptions(
      document: document, heading: heading, points: points, timeoutSeconds: timeout)
  }

  /// The words of `text`, split at spaces and tabs outside quotes, quotes removed.
  static func split(_ text: String) throws(VerifyOptionsError) -> [(text: String, column: Int)] {
    var words: [(String, Int)] = []
    var current: [UInt8] = []
    var inWord = false
    var quoted = false
    var quoteColumn = 0
    var start = 0
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let byte = bytes[offset]
      if quoted {
        if byte == UInt8(ascii: "\\"), offset + 1 < bytes.count,
          bytes[offset + 1] == UInt8(ascii: "\"") || bytes[offset + 1] == UInt8(ascii: "\\")
        {
          current.append(bytes[offset + 1])
          offset += 2
          continue
        }
        if byte == UInt8(ascii: "\"") { quoted = false } else { current.append(byte) }
      } else if byte == 0x20 || byte == 0x09 {
        if inWord { words.append((String(decoding: current, as: UTF8.self), start)) }
        current = []
        inWord = false
      } else {
        if !inWord {
          start = offset
          inWord = true
        }
        if byte == UInt8(ascii: "\"") {
          quoted = true
          quoteColumn = offset
        } else {
          current.append(byte)
        }
      }
      offset += 1
    }
    if quoted {
      throw VerifyOptionsError(
        column: quoteColumn, word: "\"", message: "this quote is not closed on its line")
    }
    if inWord { words.append((String(decoding: current, as: UTF8.self), start)) }
    return words
  }
}
