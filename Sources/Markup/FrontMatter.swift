import Diagnostics
import Yams

/// A value in a document's front matter: the YAML tree, with every scalar kept as the text its
/// author wrote (no dates or numbers are reinterpreted, so pages do not depend on YAML's typing).
public indirect enum FrontMatterValue: Hashable, Sendable {
  /// A scalar, as written.
  case text(String)
  /// A sequence.
  case list([FrontMatterValue])
  /// A mapping; keys keep their order.
  case map([(key: String, value: FrontMatterValue)])

  /// The scalar's text, or `nil` for a list or a mapping.
  public var text: String? {
    if case .text(let text) = self { return text }
    return nil
  }

  public static func == (a: FrontMatterValue, b: FrontMatterValue) -> Bool {
    switch (a, b) {
    case (.text(let x), .text(let y)): return x == y
    case (.list(let x), .list(let y)): return x == y
    case (.map(let x), .map(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .text(let text): hasher.combine(text)
    case .list(let list): hasher.combine(list)
    case .map(let map):
      for (key, value) in map {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }
}

/// The YAML block between `---` lines at the top of a document.
public struct FrontMatter: Hashable, Sendable {
  /// Every key, in the order written.
  public var entries: [(key: String, value: FrontMatterValue)]
  /// The 1-based line of each key, for messages about its value.
  public var keyLines: [String: Int]

  /// Front matter with no keys.
  public init() {
    entries = []
    keyLines = [:]
  }

  /// The value of a key, if present.
  public subscript(key: String) -> FrontMatterValue? {
    entries.first { $0.key == key }?.value
  }

  /// The page title (`title:`).
  public var title: String? { self["title"]?.text }
  /// The author (`author:`).
  public var author: String? { self["author"]?.text }
  /// The course (`course:`).
  public var course: String? { self["course"]?.text }
  /// When the homework is due (`due:`), as written.
  public var due: String? { self["due"]?.text }

  public static func == (a: FrontMatter, b: FrontMatter) -> Bool {
    FrontMatterValue.map(a.entries) == FrontMatterValue.map(b.entries)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(FrontMatterValue.map(entries))
  }
}

extension FrontMatter {
  /// The keys whose values must be a single line of text.
  static let scalarKeys = ["title", "author", "course", "due"]

  /// Parses the YAML of a front matter block.
  ///
  /// - Parameters:
  ///   - yaml: the text between the `---` lines.
  ///   - firstLine: the 1-based line in the document of the YAML's first line.
  ///   - path: the document's path, for diagnostics.
  /// - Returns: the front matter, and any problems, located in the document.
  public static func parse(
    yaml: String, firstLine: Int, path: String, what: String = "front matter"
  ) -> (
    FrontMatter, [Diagnostic]
  ) {
    if let problem = refusal(of: yaml, firstLine: firstLine, path: path, what: what) {
      return (FrontMatter(), [problem])
    }
    let node: Node?
    do {
      // A byte order mark (site.yml saved by some editors) is not content; libyaml, given a
      // string, would read it as part of the first key.
      node = try Yams.compose(
        yaml: yaml.unicodeScalars.first == "\u{FEFF}"
          ? String(yaml.unicodeScalars.dropFirst()) : yaml)
    } catch let error as YamlError {
      return (
        FrontMatter(),
        [
          locate(
            error, locator: YAMLLocator(yaml, firstLine: firstLine), firstLine: firstLine,
            path: path, what: what)
        ]
      )
    } catch {
      return (
        FrontMatter(),
        [
          .error(
            "\(what) is not valid YAML", path: path, at: .init(line: firstLine, column: 1))
        ]
      )
    }
    guard let node else { return (FrontMatter(), []) }
    guard case .mapping(let mapping) = node else {
      return (
        FrontMatter(),
        [
          .error(
            "front matter must be a YAML mapping of keys to values", path: path,
            at: .init(line: firstLine, column: 1))
        ]
      )
    }
    var matter = FrontMatter()
    var diagnostics: [Diagnostic] = []
    let locator = YAMLLocator(yaml, firstLine: firstLine)
    for (keyNode, valueNode) in mapping {
      let location = keyNode.mark.map { locator.location(line: $0.line, column: $0.column) }
      guard case .scalar(let key) = keyNode else {
        diagnostics.append(.error("front matter keys must be plain text", path: path, at: location))
        continue
      }
      let value = convert(valueNode)
      if scalarKeys.contains(key.string) && value.text == nil {
        diagnostics.append(
          .error(
            "front matter key '\(key.string)' must be a single value", path: path, at: location))
        continue
      }
      matter.entries.append((key.string, value))
      matter.keyLines[key.string] = location?.line ?? firstLine
    }
    return (matter, diagnostics)
  }

  /// What Yams must not be given, found before it sees the text: YAML longer than
  /// `InputLimits.yamlBytes`, nested deeper than `InputLimits.yamlDepth`, or with an anchor or an
  /// alias (see `YAMLPrescan`).
  private static func refusal(of yaml: String, firstLine: Int, path: String, what: String)
    -> Diagnostic?
  {
    let bytes = Array(yaml.utf8)
    // On the file's lines, which a lone `\r` ends too, as for every other YAML problem.
    func located(_ message: String, at offset: Int) -> Diagnostic {
      .error(
        message, path: path,
        at: YAMLLocator(yaml, firstLine: firstLine).location(ofOffset: offset))
    }
    if bytes.count > InputLimits.yamlBytes {
      return located(
        "\(what) is longer than \(InputLimits.describe(bytes: InputLimits.yamlBytes)) "
          + "(\(bytes.count) bytes)", at: InputLimits.yamlBytes)
    }
    switch YAMLPrescan.firstFinding(in: bytes, maximumDepth: InputLimits.yamlDepth) {
    case nil:
      return nil
    case .anchor(let offset):
      return located(
        "\(what) may not use YAML anchors: write the value out (quote text that starts with '&')",
        at: offset)
    case .alias(let offset):
      return located(
        "\(what) may not use YAML aliases: write the value out (quote text that starts with '*')",
        at: offset)
    case .tooDeep(let offset):
      return located(
        "\(what) nests more than \(InputLimits.yamlDepth) levels deep", at: offset)
    }
  }

  private static func convert(_ node: Node) -> FrontMatterValue {
    switch node {
    case .scalar(let scalar): return .text(scalar.string)
    case .sequence(let sequence): return .list(sequence.map(convert))
    case .mapping(let mapping):
      return .map(
        mapping.map { pair in (pair.key.scalar?.string ?? "\(pair.key)", convert(pair.value)) })
    }
  }

  private static func locate(
    _ error: YamlError, locator: YAMLLocator, firstLine: Int, path: String, what: String
  ) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "\(what) is not valid YAML: \(problem)"
      if let context { message += " (\(context.text))" }
      return .error(
        message, path: path, at: locator.location(line: mark.line, column: mark.column))
    default:
      return .error(
        "\(what) is not valid YAML: \(error)", path: path,
        at: .init(line: firstLine, column: 1))
    }
  }
}
