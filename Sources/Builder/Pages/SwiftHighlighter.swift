import Markup

/// Swift source as HTML with `<span>`s for keywords, types, literals and comments, done at build
/// time so pages need no JavaScript. Classes: `kw` keyword, `ty` type name, `st` string literal,
/// `nu` number, `co` comment, `at` attribute or directive.
public enum SwiftHighlighter {
  static let keywords: Set<String> = [
    "actor", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
    "continue", "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough",
    "false", "fileprivate", "for", "func", "guard", "if", "import", "in", "init", "inout",
    "internal", "is", "let", "mutating", "nil", "nonisolated", "open", "operator", "private",
    "protocol", "public", "repeat", "rethrows", "return", "self", "Self", "some", "any", "static",
    "struct", "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var",
    "where", "while", "lazy", "weak", "override", "final", "convenience", "required", "consuming",
    "borrowing", "sending",
  ]

  /// The code as highlighted HTML (escaped; no surrounding `<pre>`).
  public static func html(_ code: String) -> String {
    let scalars = Array(code.unicodeScalars)
    var output = ""
    output.reserveCapacity(code.utf8.count * 2)
    var index = 0
    let count = scalars.count

    func text(_ range: Range<Int>) -> String {
      var string = ""
      string.unicodeScalars.append(contentsOf: scalars[range])
      return string
    }
    func emit(_ range: Range<Int>, _ cls: String?) {
      let escaped = escapeHTML(text(range))
      if let cls { output += "<span class=\"\(cls)\">\(escaped)</span>" } else { output += escaped }
    }
    func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
      s == "_" || s.properties.isAlphabetic
    }
    func isIdentifierPart(_ s: Unicode.Scalar) -> Bool {
      isIdentifierStart(s) || ("0"..."9").contains(s)
    }

    while index < count {
      let scalar = scalars[index]
      let next: Unicode.Scalar? = index + 1 < count ? scalars[index + 1] : nil
      if scalar == "/" && next == "/" {
        var end = index
        while end < count && scalars[end] != "\n" { end += 1 }
        emit(index..<end, "co")
        index = end
      } else if scalar == "/" && next == "*" {
        var end = index + 2
        var depth = 1
        while end < count && depth > 0 {
          if scalars[end] == "*" && end + 1 < count && scalars[end + 1] == "/" {
            depth -= 1
            end += 2
          } else if scalars[end] == "/" && end + 1 < count && scalars[end + 1] == "*" {
            depth += 1
            end += 2
          } else {
            end += 1
          }
        }
        emit(index..<min(end, count), "co")
        index = min(end, count)
      } else if scalar == "\"" {
        let multiline =
          index + 2 < count && scalars[index + 1] == "\"" && scalars[index + 2] == "\""
        var end = index + (multiline ? 3 : 1)
        while end < count {
          if scalars[end] == "\\" {
            end += 2
            continue
          }
          if multiline {
            if scalars[end] == "\"" && end + 2 < count && scalars[end + 1] == "\""
              && scalars[end + 2] == "\""
            {
              end += 3
              break
            }
          } else if scalars[end] == "\"" || scalars[end] == "\n" {
            end += 1
            break
          }
          end += 1
        }
        emit(index..<min(end, count), "st")
        index = min(end, count)
      } else if ("0"..."9").contains(scalar) {
        var end = index + 1
        let isHex = index + 1 < count && (scalars[index + 1] == "x" || scalars[index + 1] == "X")
        while end < count {
          let s = scalars[end]
          let next: Unicode.Scalar? = end + 1 < count ? scalars[end + 1] : nil
          let nextIsDigit = next.map { ("0"..."9").contains($0) } == true
          let previous = scalars[end - 1]
          let exponent =
            isHex ? (previous == "p" || previous == "P") : (previous == "e" || previous == "E")
          if (s == "-" || s == "+") && exponent && nextIsDigit {
            end += 1  // the sign of an exponent: 1e-9, 0x1p-3
          } else if isIdentifierPart(s) || (s == "." && nextIsDigit) {
            end += 1
          } else {
            break
          }
        }
        emit(index..<end, "nu")
        index = end
      } else if (scalar == "@" || scalar == "#") && next.map(isIdentifierStart) == true {
        var end = index + 1
        while end < count && isIdentifierPart(scalars[end]) { end += 1 }
        emit(index..<end, "at")
        index = end
      } else if isIdentifierStart(scalar) {
        var end = index + 1
        while end < count && isIdentifierPart(scalars[end]) { end += 1 }
        let word = text(index..<end)
        if keywords.contains(word) {
          emit(index..<end, "kw")
        } else if let first = word.unicodeScalars.first, first.properties.isUppercase {
          emit(index..<end, "ty")
        } else {
          emit(index..<end, nil)
        }
        index = end
      } else {
        var end = index + 1
        while end < count {
          let s = scalars[end]
          if s == "/" || s == "\"" || s == "@" || s == "#" || isIdentifierStart(s)
            || ("0"..."9").contains(s)
          {
            break
          }
          end += 1
        }
        emit(index..<end, nil)
        index = end
      }
    }
    return output
  }
}
