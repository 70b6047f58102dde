/// Checks that generated markup (MathML, the HTML the engine writes itself) is well-formed: every
/// element closed in order, attribute values quoted, `<` and `&` only as markup or references, and
/// no character that XML forbids (C0 controls other than tab, line feed and carriage return).
/// Written for output the code generates, not for HTML in general: no comments, no doctype.
public enum MarkupCheck {
  /// What is wrong with `markup`, or `nil` when it is well-formed.
  ///
  /// - Parameter allowingControlCharacters: whether to let control characters pass.
  public static func problem(in markup: String, allowingControlCharacters: Bool = false)
    -> String?
  {
    let bytes = Array(markup.utf8)
    var open: [ArraySlice<UInt8>] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && !allowingControlCharacters {
        return "control character 0x\(String(byte, radix: 16)) at byte \(index)"
      }
      switch byte {
      case UInt8(ascii: "&"):
        guard let end = referenceEnd(bytes, from: index) else {
          return "'&' that starts no character reference at byte \(index)"
        }
        index = end
      case UInt8(ascii: "<"):
        guard
          let tag = tag(bytes, from: index, allowingControlCharacters: allowingControlCharacters)
        else {
          return "malformed tag at byte \(index)"
        }
        switch tag.kind {
        case .open: open.append(tag.name)
        case .selfClosing: break
        case .close:
          guard let last = open.popLast(), last.elementsEqual(tag.name) else {
            return "'</\(String(decoding: tag.name, as: UTF8.self))>' closes no open element"
          }
        }
        index = tag.end
      case UInt8(ascii: ">"):
        return "'>' outside a tag at byte \(index)"
      default:
        index += 1
      }
    }
    if let last = open.last {
      return "<\(String(decoding: last, as: UTF8.self))> is never closed"
    }
    return nil
  }

  private enum TagKind { case open, close, selfClosing }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ":")
  }

  /// `&name;`, `&#123;` or `&#x1F;`: the index after the `;`.
  private static func referenceEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    var index = start + 1
    if index < bytes.count && bytes[index] == UInt8(ascii: "#") { index += 1 }
    let nameStart = index
    while index < bytes.count && isNameByte(bytes[index]) { index += 1 }
    guard index > nameStart, index < bytes.count, bytes[index] == UInt8(ascii: ";") else {
      return nil
    }
    return index + 1
  }

  /// A tag starting at `<`: its kind, name and the index after its `>`.
  private static func tag(_ bytes: [UInt8], from start: Int, allowingControlCharacters: Bool) -> (
    kind: TagKind, name: ArraySlice<UInt8>, end: Int
  )? {
    var index = start + 1
    var kind = TagKind.open
    if index < bytes.count && bytes[index] == UInt8(ascii: "/") {
      kind = .close
      index += 1
    }
    let nameStart = index
    while index < bytes.count && isNameByte(bytes[index]) { index += 1 }
    guard index > nameStart else { return nil }
    let name = bytes[nameStart..<index]
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\n"):
        index += 1
      case UInt8(ascii: ">"):
        return (kind, name, index + 1)
      case UInt8(ascii: "/")
      where kind == .open && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">"):
        return (.selfClosing, name, index + 2)
      default:
        // An attribute: name="value", the value without `<`, and `&` only in references.
        guard kind == .open else { return nil }
        let attributeStart = index
        while index < bytes.count && isNameByte(bytes[index]) { index += 1 }
        guard index > attributeStart, index + 1 < bytes.count,
          bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\"")
        else { return nil }
        index += 2
        while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
          switch bytes[index] {
          case UInt8(ascii: "<"): return nil
          case UInt8(ascii: "&"):
            guard let end = referenceEnd(bytes, from: index) else { return nil }
            index = end
          default:
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
              && !allowingControlCharacters
            {
              return nil
            }
            index += 1
          }
        }
        guard index < bytes.count else { return nil }
        index += 1
      }
    }
    return nil
  }
}
