import BlockRecords
import Foundation

/// The stub of a solution block: each top-level function and typed constant or variable it
/// declares, with a body that says "not answered yet" (`notAnswered(_:)`), and nothing else of
/// it: no statement, no comment, no value.
///
/// Read with a small scanner of Swift's surface: strings (with `#` delimiters and `"""`), nested
/// comments and bracket depth, so that a `{` in a string or a default argument is not taken for
/// a body. A declaration it cannot stub (a type, a constant without a type, several names bound
/// at once) is refused with its line, so that nothing of a solution is handed out by mistake.
enum SolutionStubs {
  /// A declaration that cannot be stubbed.
  struct Refusal: Error, Equatable {
    /// 1-based line in the block's code.
    var line: Int
    var message: String
  }

  /// The stub code of `code`, and the declarations that cannot be stubbed. A constant or
  /// variable without a type is left out when `isUsed` says that no code handed out names it
  /// (it belongs to the solution's own checks), and refused when some does.
  static func stub(_ code: String, isUsed: (String) -> Bool = { _ in true }) -> (
    stub: String, refusals: [Refusal]
  ) {
    var stubs: [String] = []
    var refusals: [Refusal] = []
    for item in items(of: code) {
      switch stub(of: item, isUsed: isUsed) {
      case .success(let text?): stubs.append(text)
      case .success(nil): break
      case .failure(let refusal): refusals.append(refusal)
      }
    }
    return (stubs.joined(separator: "\n\n"), refusals)
  }

  /// The declarations of `code` whole (functions, types, extensions, imports), without its
  /// statements and its constants and variables (which may run code): what a block that called
  /// a stub not answered yet still gives the blocks after it.
  static func declarations(_ code: String) -> String {
    let kept: Set<Substring> = [
      "func", "struct", "class", "enum", "extension", "protocol", "actor", "typealias", "import",
    ]
    return items(of: code).filter { item in
      let words = item.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
      return words.first { !$0.hasPrefix("@") && !modifiers.contains($0) }.map(kept.contains)
        ?? false
    }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: "\n\n")
      + "\n"
  }

  /// Words that may come before a declaration's keyword.
  static let modifiers: Set<Substring> = [
    "public", "private", "fileprivate", "internal", "static", "final", "nonisolated", "package",
    "indirect", "mutating",
  ]

  /// One top-level statement or declaration: its text without comments, and its first line.
  struct Item {
    var text: String
    var line: Int
  }

  /// The top-level items of `code`, comments removed (strings kept).
  static func items(of code: String) -> [Item] {
    var items: [Item] = []
    var current = ""
    var currentLine = 1
    var line = 1
    var depth = 0
    let scalars = Array(code.unicodeScalars)
    var index = 0
    func peek(_ offset: Int) -> Unicode.Scalar? {
      index + offset < scalars.count ? scalars[index + offset] : nil
    }
    func flushIfEnded() {
      guard depth == 0, !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        return
      }
      // Attributes on lines of their own belong to the declaration below them.
      let words = current.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
      if words.allSatisfy({ $0.hasPrefix("@") }) { return }
      // A line that continues the statement (`.map …`, `else`, an operator) keeps it open.
      var look = index
      while look < scalars.count,
        scalars[look] == " " || scalars[look] == "\t" || scalars[look] == "\n"
      {
        look += 1
      }
      let rest = String(String.UnicodeScalarView(scalars[look..<min(look + 8, scalars.count)]))
      for prefix in [
        ".", "else", "where", "->", "&&", "||", "?", ":", "+ ", "- ", "* ", "/ ", "{", "catch", "=",
        "??",
      ]
      where rest.hasPrefix(prefix) {
        return
      }
      items.append(Item(text: current, line: currentLine))
      current = ""
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, scalar != " ",
        scalar != "\t", scalar != "\n"
      {
        if current.isEmpty || current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          currentLine = line
        }
      }
      // Comments: dropped.
      if scalar == "/", peek(1) == "/" {
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
        continue
      }
      if scalar == "/", peek(1) == "*" {
        var nesting = 0
        repeat {
          if scalars[index] == "/", peek(1) == "*" {
            nesting += 1
            index += 2
          } else if scalars[index] == "*", peek(1) == "/" {
            nesting -= 1
            index += 2
          } else {
            if scalars[index] == "\n" { line += 1 }
            index += 1
          }
        } while nesting > 0 && index < scalars.count
        current += " "
        continue
      }
      // Strings: copied whole.
      if scalar == "#" || scalar == "\"" {
        var hashes = 0
        var look = index
        while look < scalars.count, scalars[look] == "#" { hashes += 1; look += 1 }
        if look < scalars.count, scalars[look] == "\"" {
          let multiline =
            look + 2 < scalars.count && scalars[look + 1] == "\"" && scalars[look + 2] == "\""
          let quotes = multiline ? 3 : 1
          var end = look + quotes
          while end < scalars.count {
            if scalars[end] == "\\" && hashes == 0 { end += 2; continue }
            if scalars[end] == "\"" {
              var closing = 0
              while end + closing < scalars.count, scalars[end + closing] == "\"", closing < quotes
              {
                closing += 1
              }
              var trailing = 0
              while end + closing + trailing < scalars.count,
                scalars[end + closing + trailing] == "#",
                trailing < hashes
              {
                trailing += 1
              }
              if closing == quotes && trailing == hashes {
                end += closing + trailing
                break
              }
            }
            end += 1
          }
          let text = String(String.UnicodeScalarView(scalars[index..<min(end, scalars.count)]))
          line += text.unicodeScalars.filter { $0 == "\n" }.count
          current += text
          index = end
          continue
        }
      }
      switch scalar {
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth = max(0, depth - 1)
      default: break
      }
      if scalar == "\n" {
        index += 1
        flushIfEnded()
        line += 1
        if !current.isEmpty { current.append("\n") }
        continue
      }
      current.unicodeScalars.append(scalar)
      index += 1
    }
    if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      items.append(Item(text: current, line: currentLine))
    }
    return items
  }

  /// The stub of one item: nil for a statement (dropped), a refusal for what cannot be stubbed.
  static func stub(of item: Item, isUsed: (String) -> Bool) -> Result<String?, Refusal> {
    var words = item.text.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: {
      $0 == " " || $0 == "\n" || $0 == "\t"
    })[...]
    var prefix: [Substring] = []
    while let first = words.first, first.hasPrefix("@") || modifiers.contains(first) {
      prefix.append(first)
      words = words.dropFirst()
    }
    guard let keyword = words.first else { return .success(nil) }
    let text = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
    switch keyword {
    case "func":
      guard let body = firstTopLevel(of: "{", in: text) else {
        return .failure(Refusal(line: item.line, message: "this function has no body to stub"))
      }
      let signature = String(text[..<body]).trimmingCharacters(in: .whitespacesAndNewlines)
      let name = words.dropFirst().first.map { String($0.prefix { $0 != "(" && $0 != "<" }) } ?? "?"
      return .success(signature + " {\n  notAnswered(\(GradeValue.quoted(name)))\n}")
    case "let", "var":
      let afterKeyword = text[text.range(of: String(keyword))!.upperBound...]
      let colon = firstTopLevel(of: ":", in: afterKeyword)
      let end = [colon, firstTopLevel(of: "=", in: afterKeyword)].compactMap { $0 }.min()
      let name = String(
        (end.map { afterKeyword[..<$0] } ?? afterKeyword).trimmingCharacters(
          in: .whitespacesAndNewlines))
      let isName =
        !name.isEmpty
        && name.unicodeScalars.allSatisfy {
          $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_"
        }
      if colon == nil || colon != end, isName, !isUsed(name) { return .success(nil) }
      guard let colon, colon == end, isName else {
        return .failure(
          Refusal(
            line: item.line,
            message: "give '\(name)' a type (\(keyword) \(name): Type = …), so that the handout "
              + "can declare it without its value"))
      }
      let rest = afterKeyword[afterKeyword.index(after: colon)...]
      if firstTopLevel(of: ",", in: rest) != nil {
        return .failure(
          Refusal(line: item.line, message: "declare one name per line in a solution block"))
      }
      let head = (prefix.map(String.init) + [String(keyword)]).joined(separator: " ")
      if let equals = firstTopLevel(of: "=", in: rest) {
        let type = rest[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
        return .success("\(head) \(name): \(type) = { notAnswered(\(GradeValue.quoted(name))) }()")
      }
      if let brace = firstTopLevel(of: "{", in: rest), keyword == "var" {
        let type = rest[..<brace].trimmingCharacters(in: .whitespacesAndNewlines)
        return .success("\(head) \(name): \(type) { notAnswered(\(GradeValue.quoted(name))) }")
      }
      return .failure(Refusal(line: item.line, message: "'\(name)' needs a value to stub"))
    case "import":
      return .success(text)
    case "struct", "class", "enum", "extension", "protocol", "actor", "typealias", "macro",
      "subscript", "init", "operator", "precedencegroup":
      return .failure(
        Refusal(
          line: item.line,
          message: "a solution block may declare functions and typed constants only; move this "
            + "\(keyword) to a block that is handed out"))
    default:
      return .success(nil)
    }
  }

  /// The first `character` of `text` outside brackets and strings.
  static func firstTopLevel(of character: Character, in text: Substring) -> String.Index? {
    var depth = 0
    var inString = false
    var index = text.startIndex
    while index < text.endIndex {
      let c = text[index]
      if inString {
        if c == "\\" {
          index = text.index(after: index)
        } else if c == "\"" {
          inString = false
        }
      } else if c == "\"" {
        inString = true
      } else if depth == 0 && c == character {
        // `->` is not an `=` or a `:`; `==` is not an `=`.
        return index
      } else if "([{<".contains(c) && !(c == "<" && character == "<") {
        if c != "<" { depth += 1 }
      } else if ")]}".contains(c) {
        depth = max(0, depth - 1)
      }
      if index < text.endIndex { index = text.index(after: index) }
    }
    return nil
  }

  static func firstTopLevel(of character: Character, in text: String) -> String.Index? {
    firstTopLevel(of: character, in: text[...])
  }
}
