/// Finds the formulas of a whole document before cmark has parsed it, so that the document can
/// be parsed once with every formula already replaced by a marker.
///
/// The pre-scan cannot know the block structure, so it guesses it from the lines: a blank line, a
/// code fence, a heading and any line that may open a block (a list item, a quote, a thematic
/// break, raw HTML) start a new stretch, and `MathScanner` runs on each stretch as if it were a
/// block's content. Code fences are skipped whole. So a formula never runs into a line that could
/// open a block: each later line of a formula continues its paragraph, in the document as in the
/// one with markers. The guess is checked afterwards against cmark's own blocks
/// (`MarkdownDocument.Prepared.singleParse`): when it differs anywhere, the document is parsed the
/// careful way instead, so a wrong guess costs time, never a different page.
enum MathPrescan {
  /// The outer byte range of every formula the pre-scan finds in `bytes`, in order.
  static func spans(in bytes: [UInt8], lines: LineTable) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    var codeFence: (character: UInt8, length: Int)? = nil
    // The stretch being collected: from its first byte to the end of its last line.
    var stretch: Range<Int>? = nil
    func flush() {
      if let range = stretch, !range.isEmpty {
        for span in MathScanner.scan(bytes, in: range).spans { spans.append(span.outer) }
      }
      stretch = nil
    }
    let count = lines.lineCount
    for number in 0..<count {
      let start = lines.lineStarts[number]
      var end = number + 1 < count ? lines.lineStarts[number + 1] - 1 : bytes.count
      if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      var first = start
      while first < end && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
      var content = first
      while content < end
        && (bytes[content] == 0x20 || bytes[content] == 0x09 || bytes[content] == UInt8(ascii: ">"))
      {
        content += 1
      }
      if let run = DisplayFences.fenceRun(bytes, from: content, to: end) {
        flush()
        if let open = codeFence {
          if run.character == open.character && run.length >= open.length && run.isBare {
            codeFence = nil
          }
        } else {
          codeFence = (run.character, run.length)
        }
        continue
      }
      if codeFence != nil { continue }
      if content == end {
        flush()
        continue
      }
      let isHeading = bytes[content] == UInt8(ascii: "#")
      if first < end && mayOpenBlock(bytes[first]) || mayOpenBlock(bytes[content]) || isHeading {
        flush()
      }
      stretch = (stretch?.lowerBound ?? start)..<end
      if isHeading { flush() }
    }
    flush()
    return spans
  }

  /// Whether a line whose first character is `byte` may start a block of its own (so a formula
  /// in the line before cannot run on into it).
  private static func mayOpenBlock(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "#"),
      UInt8(ascii: "="), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "~"),
      UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0xEE:
      return true
    default:
      return false
    }
  }
}
