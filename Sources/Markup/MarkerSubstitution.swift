/// Replaces the markers that the parser left in cmark's HTML with the HTML they stand for: one
/// pass that copies the text between markers in bulk.
struct MarkerSubstitution {
  /// What to put where.
  var math: (Int) -> String
  /// A formula that cmark placed inside an attribute (an image's `alt`): plain, escaped text.
  var mathInAttribute: (Int) -> String
  /// The span index of each display block marker `F<k>`.
  var fenceIndices: [Int] = []
  var headingID: (Int) -> String = { _ in "" }
  var headingSuffix: (Int) -> String = { _ in "" }
  var codeBlock: (Int) -> String = { _ in "" }

  /// The HTML with every marker replaced, and the inner HTML of each heading, in order.
  func apply(to html: String) -> (html: String, headingHTML: [String]) {
    let bytes = Array(html.utf8)
    let count = bytes.count
    var output: [UInt8] = []
    output.reserveCapacity(count + count / 2)
    var headingHTML: [String] = []
    // While a heading is open: where its inner HTML starts in `output`, where its closing tag
    // starts in `bytes`, and its index.
    var openHeading: (outputStart: Int, close: Int, index: Int)? = nil
    var cursor = 0
    while cursor < count {
      let nextMarker = Self.nextMarkerStart(in: bytes, from: cursor) ?? count
      if let heading = openHeading, heading.close <= nextMarker {
        output += bytes[cursor..<heading.close]
        headingHTML.append(String(decoding: output[heading.outputStart...], as: UTF8.self))
        output += headingSuffix(heading.index).utf8
        openHeading = nil
        cursor = heading.close
        continue
      }
      output += bytes[cursor..<nextMarker]
      cursor = nextMarker
      guard cursor < count else { break }
      guard let (kind, number, end) = Self.marker(in: bytes, at: cursor) else {
        output.append(bytes[cursor])
        cursor += 1
        continue
      }
      switch kind {
      case UInt8(ascii: "M"):
        if Self.isInsideTag(bytes, before: cursor) {
          output += mathInAttribute(number).utf8
          break
        }
        let formula = math(number)
        // Keep punctuation that follows inline math on its line: `$m$:` must not wrap before
        // the colon.
        if formula.hasPrefix("<math"), end < count, Self.trailingPunctuation.contains(bytes[end]) {
          output += "<span class=\"math-nowrap\">".utf8
          output += formula.utf8
          output.append(bytes[end])
          output += "</span>".utf8
          cursor = end + 1
          continue
        }
        output += formula.utf8
      case UInt8(ascii: "F"):
        let span = number < fenceIndices.count ? fenceIndices[number] : 0
        output +=
          (Self.isInsideTag(bytes, before: cursor) ? mathInAttribute(span) : math(span))
          .utf8
      case UInt8(ascii: "h"):
        break
      case UInt8(ascii: "f"):
        if output.last == UInt8(ascii: "\n") { output.removeLast() }
      case UInt8(ascii: "H"):
        if output.last == UInt8(ascii: ">") { output.removeLast() }
        output += " id=\"\(headingID(number))\">".utf8
        openHeading = (output.count, Self.headingClose(in: bytes, from: end), number)
      case UInt8(ascii: "C"):
        output += codeBlock(number).utf8
      default:
        output += bytes[cursor..<end]
      }
      cursor = end
    }
    return (String(decoding: output, as: UTF8.self), headingHTML)
  }

  /// Punctuation kept on the line of the formula it follows.
  static let trailingPunctuation: Set<UInt8> = Set(".,;:!?)".utf8)

  /// The next byte at or after `start` that may begin a marker (U+E000 is EE 80 80).
  private static func nextMarkerStart(in bytes: [UInt8], from start: Int) -> Int? {
    var index = start
    while let found = bytes[index...].firstIndex(of: 0xEE) {
      if found + 2 < bytes.count && bytes[found + 1] == 0x80 && bytes[found + 2] == 0x80 {
        return found
      }
      index = found + 1
    }
    return nil
  }

  /// Whether `position` is inside a tag (an attribute value): cmark escapes `<` and `>` in text
  /// and attributes, so the nearest of the two before it tells.
  private static func isInsideTag(_ bytes: [UInt8], before position: Int) -> Bool {
    var index = position - 1
    while index >= 0 {
      if bytes[index] == UInt8(ascii: "<") { return true }
      if bytes[index] == UInt8(ascii: ">") { return false }
      index -= 1
    }
    return false
  }

  /// Where the `</h1>`…`</h6>` closing the heading whose content starts at `start` begins.
  private static func headingClose(in bytes: [UInt8], from start: Int) -> Int {
    var index = start
    while let found = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
      if found + 3 < bytes.count, bytes[found + 1] == UInt8(ascii: "/"),
        bytes[found + 2] == UInt8(ascii: "h"), (0x31...0x36).contains(bytes[found + 3])
      {
        return found
      }
      index = found + 1
    }
    return bytes.count
  }

  /// A marker `U+E000 kind digits U+E001` at `start`: its kind, number and end.
  private static func marker(in bytes: [UInt8], at start: Int) -> (UInt8, Int, Int)? {
    var index = start + 3
    guard index < bytes.count else { return nil }
    let kind = bytes[index]
    index += 1
    var number = 0
    var digits = 0
    while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
      number = number * 10 + Int(bytes[index] - 0x30)
      digits += 1
      index += 1
    }
    guard digits > 0, index + 2 < bytes.count, bytes[index] == 0xEE, bytes[index + 1] == 0x80,
      bytes[index + 2] == 0x81
    else { return nil }
    return (kind, number, index + 3)
  }
}
