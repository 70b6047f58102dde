/// Replaces the markers that the parser left in cmark's HTML with the HTML they stand for, in one
/// pass over the bytes.
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
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 4)
    var headingHTML: [String] = []
    var openHeadingStart: Int? = nil
    var openHeading = 0
    var inTag = false
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte == 0xEE, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80,
        let (kind, number, end) = marker(in: bytes, at: index)
      {
        switch kind {
        case UInt8(ascii: "M"):
          output += (inTag ? mathInAttribute(number) : math(number)).utf8
        case UInt8(ascii: "F"):
          let span = number < fenceIndices.count ? fenceIndices[number] : 0
          output += (inTag ? mathInAttribute(span) : math(span)).utf8
        case UInt8(ascii: "h"):
          break
        case UInt8(ascii: "f"):
          if output.last == UInt8(ascii: "\n") { output.removeLast() }
        case UInt8(ascii: "H"):
          if output.last == UInt8(ascii: ">") { output.removeLast() }
          output += " id=\"\(headingID(number))\">".utf8
          openHeadingStart = output.count
          openHeading = number
        case UInt8(ascii: "C"):
          output += codeBlock(number).utf8
        default:
          output += bytes[index..<end]
        }
        index = end
        continue
      }
      if byte == UInt8(ascii: "<") {
        if let start = openHeadingStart, index + 3 < count, bytes[index + 1] == UInt8(ascii: "/"),
          bytes[index + 2] == UInt8(ascii: "h"), (0x31...0x36).contains(bytes[index + 3])
        {
          headingHTML.append(String(decoding: output[start...], as: UTF8.self))
          output += headingSuffix(openHeading).utf8
          openHeadingStart = nil
        }
        if index + 1 < count, isTagStart(bytes[index + 1]) { inTag = true }
      } else if byte == UInt8(ascii: ">") {
        inTag = false
      }
      output.append(byte)
      index += 1
    }
    return (String(decoding: output, as: UTF8.self), headingHTML)
  }

  private func isTagStart(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
      || (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  /// A marker `U+E000 kind digits U+E001` at `start`: its kind, number and end.
  private func marker(in bytes: [UInt8], at start: Int) -> (UInt8, Int, Int)? {
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
