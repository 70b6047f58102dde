/// The options on a verification block's info string, e.g.
/// ```` ```swift verify hidden expect-failure timeout=5 id=nll-grad ````.
public struct VerifyOptions: Sendable, Equatable, Hashable, Codable {
  /// On/off options.
  public struct Flags: OptionSet, Sendable, Hashable, Codable {
    /// The bits of the set flags.
    public let rawValue: Int
    /// Creates flags from their raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `hidden`: the code is folded away; the results are shown.
    public static let hidden = Flags(rawValue: 1 << 0)
    /// `expect-failure`: the block passes only if at least one of its checks fails.
    public static let expectFailure = Flags(rawValue: 1 << 1)
  }

  /// Time limit used when a block names none, in seconds.
  public static let defaultTimeoutSeconds = 10.0
  /// Largest accepted `timeout=`, in seconds (one hour).
  public static let maximumTimeoutSeconds = 3600.0

  /// The on/off options.
  public var flags: Flags
  /// `timeout=SECONDS`, if given (seconds, > 0, at most `maximumTimeoutSeconds`).
  public var timeoutSeconds: Double?
  /// `id=NAME`, if given (letters, digits, `-`, `_`, `.`; unique in a document, which the
  /// caller checks).
  public var id: String?

  /// Creates options.
  public init(flags: Flags = [], timeoutSeconds: Double? = nil, id: String? = nil) {
    self.flags = flags
    self.timeoutSeconds = timeoutSeconds
    self.id = id
  }

  /// The time limit in force: `timeoutSeconds` or the default of 10 s.
  public var effectiveTimeoutSeconds: Double { timeoutSeconds ?? Self.defaultTimeoutSeconds }
}

/// A word of an info string that is not a valid verification option.
public struct VerifyOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// 0-based offset, in UTF-8 bytes, of the bad word in the info string.
  public var column: Int
  /// The bad word as written.
  public var word: String
  /// What is wrong, e.g. `unknown verify option 'hiden'`.
  public var message: String

  /// Creates an error.
  public init(column: Int, word: String, message: String) {
    self.column = column
    self.word = word
    self.message = message
  }

  /// The message.
  public var description: String { message }
}

extension VerifyOptions {
  /// Parses a fenced block's info string.
  ///
  /// Returns nil when the block is not a verification block (the first word is not `swift`
  /// or the second is not `verify`). Words are separated by spaces or tabs. Throws for an
  /// unknown option, a repeated option, a `timeout=` that is not a number in (0, 3600], or an
  /// `id=` that is empty or holds other characters than letters, digits, `-`, `_`, `.`.
  public static func parse(infoString: String) throws(VerifyOptionsError) -> VerifyOptions? {
    let words = splitWords(infoString)
    guard words.count >= 2, words[0].text == "swift", words[1].text == "verify" else {
      return nil
    }
    var options = VerifyOptions()
    var seen: Set<String> = []
    for word in words.dropFirst(2) {
      let (name, value) = split(word.text)
      guard seen.insert(name).inserted else {
        throw VerifyOptionsError(
          column: word.column, word: word.text, message: "verify option '\(name)' is repeated")
      }
      switch (name, value) {
      case ("hidden", nil):
        options.flags.insert(.hidden)
      case ("expect-failure", nil):
        options.flags.insert(.expectFailure)
      case ("timeout", let text?):
        guard let seconds = Double(text), seconds.isFinite, seconds > 0,
          seconds <= maximumTimeoutSeconds
        else {
          throw VerifyOptionsError(
            column: word.column, word: word.text,
            message: "timeout must be a number of seconds in (0, 3600], not '\(text)'")
        }
        options.timeoutSeconds = seconds
      case ("id", let text?):
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(isIdentifierScalar) else {
          throw VerifyOptionsError(
            column: word.column, word: word.text,
            message: "id must be letters, digits, '-', '_' or '.', not '\(text)'")
        }
        options.id = text
      case ("hidden", _), ("expect-failure", _):
        throw VerifyOptionsError(
          column: word.column, word: word.text, message: "verify option '\(name)' takes no value")
      case ("timeout", nil), ("id", nil):
        throw VerifyOptionsError(
          column: word.column, word: word.text,
          message: "verify option '\(name)' needs a value: \(name)=…")
      default:
        throw VerifyOptionsError(
          column: word.column, word: word.text,
          message: "unknown verify option '\(word.text)' (expected hidden, expect-failure, "
            + "timeout=SECONDS or id=NAME)")
      }
    }
    return options
  }

  private static func splitWords(_ text: String) -> [(text: String, column: Int)] {
    var words: [(String, Int)] = []
    var current: [UInt8] = []
    var start = 0
    for (offset, byte) in text.utf8.enumerated() {
      if byte == 0x20 || byte == 0x09 {
        if !current.isEmpty { words.append((String(decoding: current, as: UTF8.self), start)) }
        current = []
      } else {
        if current.isEmpty { start = offset }
        current.append(byte)
      }
    }
    if !current.isEmpty { words.append((String(decoding: current, as: UTF8.self), start)) }
    return words
  }

  private static func split(_ word: String) -> (String, String?) {
    guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
    return (String(word[..<equals]), String(word[word.index(after: equals)...]))
  }

  private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
        || scalar == "_" || scalar == ".")
  }
}
