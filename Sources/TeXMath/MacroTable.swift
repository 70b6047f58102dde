/// A user command: `\name` with `parameterCount` arguments replaced by `body`, where `#1`…`#9`
/// stand for the arguments (as in KaTeX's `macros` option or `\newcommand`).
public struct MathMacro: Equatable, Sendable {
  /// The command name without the backslash, e.g. `E` for `\E`.
  public var name: String
  /// How many arguments the command reads (0…9): the highest `#n` in the body.
  public var parameterCount: Int
  /// The replacement TeX, with `#1`…`#9` for the arguments.
  public var body: String
  /// The body's tokens, lexed once.
  let tokens: [Token]

  /// Makes a macro; the parameter count is the highest `#n` in `body`.
  /// Throws when the body cannot be tokenized (offsets are into `body`).
  public init(name: String, body: String) throws(TeXError) {
    precondition(!name.isEmpty, "name must not be empty")
    var tokens = try Lexer.tokenize(body, parameters: true)
    tokens.removeLast()  // .end
    self.name = name
    self.body = body
    self.tokens = tokens
    var highest = 0
    for token in tokens {
      if case .parameter(let n) = token.kind { highest = max(highest, n) }
    }
    self.parameterCount = highest
  }

  public static func == (a: MathMacro, b: MathMacro) -> Bool {
    a.name == b.name && a.body == b.body
  }
}

/// The user commands available to every formula of a page (front matter `macros:` plus the
/// site-wide file). User commands take precedence over built-in ones.
public struct MacroTable: Sendable {
  /// The macros by name (without backslash).
  public private(set) var macros: [String: MathMacro]

  /// An empty table.
  public init() { macros = [:] }

  /// Reads definitions such as `"\\E": "\\mathbb{E}"` or
  /// `"norm": "\\left\\lVert #1 \\right\\rVert"`; a leading backslash on the name is optional.
  /// Throws for an invalid name (not letters, or one non-letter character) or a body that cannot be
  /// tokenized; the error's offset is into that body and its message names the macro.
  public init(_ definitions: [String: String]) throws(TeXError) {
    macros = [:]
    for key in definitions.keys.sorted() {
      let body = definitions[key]!
      var name = Substring(key)
      if name.hasPrefix("\\") { name = name.dropFirst() }
      let allLetters = !name.isEmpty && name.allSatisfy { $0.isASCII && $0.isLetter }
      guard allLetters || name.count == 1 else {
        throw TeXError(
          "macro name \(key) must be letters or a single character", offset: 0, length: 0)
      }
      do {
        macros[String(name)] = try MathMacro(name: String(name), body: body)
      } catch {
        throw TeXError(
          "in macro \\\(name): \(error.message)", offset: error.offset, length: error.length)
      }
    }
  }

  /// No macros defined.
  public var isEmpty: Bool { macros.isEmpty }

  /// The macro named `name` (without backslash), if defined.
  public subscript(name: String) -> MathMacro? { macros[name] }
}
