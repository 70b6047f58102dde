/// Stand-ins for the HTML the later stages put into a page (formulas, code blocks, heading
/// badges), made of the private-use characters U+E000 and U+E001. A document cannot hold those
/// (the parser replaces them), so every one found in a rendered body was put there by the
/// renderer, and each can be counted.
public enum Token: Equatable {
  case math(Int)
  case code(Int)
  case heading(Int)

  /// The stand-in's text.
  public var text: String {
    switch self {
    case .math(let index): "\u{E000}m\(index)\u{E001}"
    case .code(let index): "\u{E000}c\(index)\u{E001}"
    case .heading(let index): "\u{E000}h\(index)\u{E001}"
    }
  }

  /// Every stand-in in `html`, in order; `nil` when U+E000 or U+E001 stands anywhere else (a
  /// marker of the renderer's own left in the output, or a broken one).
  public static func all(in html: String) -> [Token]? {
    var tokens: [Token] = []
    var scalars = html.unicodeScalars[...]
    while let open = scalars.firstIndex(where: { $0 == "\u{E000}" || $0 == "\u{E001}" }) {
      guard scalars[open] == "\u{E000}" else { return nil }
      let rest = scalars[scalars.index(after: open)...]
      guard let kind = rest.first else { return nil }
      let body = rest.dropFirst()
      guard let close = body.firstIndex(of: "\u{E001}") else { return nil }
      let digits = String(String.UnicodeScalarView(body[..<close]))
      guard let index = Int(digits), String(index) == digits else { return nil }
      switch kind {
      case "m": tokens.append(.math(index))
      case "c": tokens.append(.code(index))
      case "h": tokens.append(.heading(index))
      default: return nil
      }
      scalars = scalars[scalars.index(after: close)...]
    }
    return tokens
  }
}
