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
  ///
  /// - Parameters:
  ///   - html: cmark's HTML with markers.
  ///   - expectedSize: about how many UTF-8 bytes the result has (room is reserved for them).
  func apply(to html: String, expectedSize: Int = 0) -> (html: String, headingHTML: [String]) {
    var html = html
    html.makeContiguousUTF8()
    return html.utf8.withContiguousStorageIfAvailable {
      apply(to: html, bytes: $0, expectedSize: expectedSize)
    }!
  }

  private func apply(to html: String, bytes: UnsafeBufferPointer<UInt8>, expectedSize: Int)
    -> (html: String, headingHTML: [String])
  {
    let count = bytes.count
    var output = ""
    output.reserveCapacity(max(expectedSize, count))
    /// Appends `html`'s bytes in `range`, which starts and ends between characters.
    func copy(_ range: Range<Int>) {
      guard !range.isEmpty else { return }
      let utf8 = html.utf8
      let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
      let upper = utf8.index(lower, offsetBy: range.count)
      output += html[lower..<upper]
    }
    // The inner HTML of each heading, as UTF-8 offsets into `output`; the strings are made at the
    // end, since a view of `output` kept while it grows would make every append copy it whole.
    var headingRanges: [Range<Int>] = []
    // While a heading is open: where its inner HTML starts in `output` (UTF-8 offset), where its
    // closing tag starts in `bytes`, and its index.
    var openHeading: (outputStart: Int, close: Int, index: Int)? = nil
    var tags = TagTracker(bytes: bytes)
    var cursor = 0
    while cursor < count {
      let nextMarker = Self.nextMarkerStart(in: bytes, from: cursor) ?? count
      if let heading = openHeading, heading.close <= nextMarker {
        copy(cursor..<heading.close)
        headingRanges.append(heading.outputStart..<output.utf8.count)
        output += headingSuffix(heading.index)
        openHeading = nil
        cursor = heading.close
        continue
      }
      guard nextMarker < count, let (kind, number, end) = Self.marker(in: bytes, at: nextMarker)
      else {
        // Not a marker after all: U+E000 alone is copied like any character.
        let stop = min(count, nextMarker + 3)
        copy(cursor..<stop)
        cursor = stop
        continue
      }
      // `f`, `j` and `H` take the character before them along.
      var kept = nextMarker
      if kept > cursor {
        let last = bytes[kept - 1]
        switch kind {
        case UInt8(ascii: "f") where last == UInt8(ascii: "\n"),
          UInt8(ascii: "j") where last == UInt8(ascii: "\n") || last == UInt8(ascii: " "),
          UInt8(ascii: "H") where last == UInt8(ascii: ">"):
          kept -= 1
        default: break
        }
      }
      copy(cursor..<kept)
      cursor = end
      switch kind {
      case UInt8(ascii: "M"):
        if tags.isInsideTag(before: nextMarker) {
          output += mathInAttribute(number)
          break
        }
        let formula = math(number)
        // The line breaks of a formula over several lines (`Marker.joined`) go with it.
        while cursor + 1 < count && bytes[cursor] == UInt8(ascii: "\n"),
          let (kind, _, joinedEnd) = Self.marker(in: bytes, at: cursor + 1),
          kind == UInt8(ascii: "j")
        {
          cursor = joinedEnd
        }
        // Keep punctuation that follows inline math on its line: `$m$:` must not wrap before
        // the colon.
        if formula.hasPrefix("<math"), cursor < count,
          Self.trailingPunctuation.contains(bytes[cursor])
        {
          output += "<span class=\"math-nowrap\">"
          output += formula
          copy(cursor..<cursor + 1)
          output += "</span>"
          cursor += 1
          break
        }
        output += formula
      case UInt8(ascii: "F"):
        let span = number < fenceIndices.count ? fenceIndices[number] : 0
        output += tags.isInsideTag(before: nextMarker) ? mathInAttribute(span) : math(span)
      case UInt8(ascii: "h"), UInt8(ascii: "j"), UInt8(ascii: "f"):
        break
      case UInt8(ascii: "H"):
        output += " id=\"\(headingID(number))\">"
        openHeading = (output.utf8.count, Self.headingClose(in: bytes, from: end), number)
      case UInt8(ascii: "C"):
        output += codeBlock(number)
      default:
        copy(nextMarker..<end)
      }
    }
    let headingHTML = output.withUTF8 { utf8 in
      headingRanges.map { String(decoding: UnsafeBufferPointer(rebasing: utf8[$0]), as: UTF8.self) }
    }
    return (output, headingHTML)
  }

  /// Punctuation kept on the line of the formula it follows.
  static let trailingPunctuation: Set<UInt8> = Set(".,;:!?)".utf8)

  /// The next byte at or after `start` that may begin a marker (U+E000 is EE 80 80).
  private static func nextMarkerStart(in bytes: UnsafeBufferPointer<UInt8>, from start: Int)
    -> Int?
  {
    var index = start
    while let found = ByteSearch.firstIndex(of: 0xEE, in: bytes, from: index) {
      if found + 2 < bytes.count && bytes[found + 1] == 0x80 && bytes[found + 2] == 0x80 {
        return found
      }
      index = found + 1
    }
    return nil
  }

  /// Whether positions of the HTML are inside a tag (an attribute value): cmark escapes `<` and
  /// `>` in text and attributes, so the nearest of the two before a position tells. Positions are
  /// asked in increasing order, and each byte is looked at once.
  private struct TagTracker {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Up to where the HTML has been looked at, and whether a tag was open there.
    var known = 0
    var inside = false

    mutating func isInsideTag(before position: Int) -> Bool {
      var index = position - 1
      var found: Bool? = nil
      while index >= known {
        if bytes[index] == UInt8(ascii: "<") {
          found = true
          break
        }
        if bytes[index] == UInt8(ascii: ">") {
          found = false
          break
        }
        index -= 1
      }
      inside = found ?? inside
      known = max(known, position)
      return inside
    }
  }

  /// Where the `</h1>`…`</h6>` closing the heading whose content starts at `start` begins.
  private static func headingClose(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
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
  private static func marker(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (
    UInt8, Int, Int
  )? {
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
