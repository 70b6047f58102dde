/// Display math written as a block: a line holding only `$$` (after any block-quote markers and
/// indentation), the TeX on the lines below, and a closing line holding only `$$`.
///
/// Inside such a block the TeX is raw, so a line starting with `-`, `+`, `>` or a digit does not
/// turn into Markdown (a list, a quote). Before cmark sees the document, each block is replaced by
/// a marker line and one filler line per remaining line, each keeping its container prefix, so
/// every position after the block stays where it was.
struct DisplayFences {
  /// A display block found by the pre-pass.
  struct Block {
    /// The TeX, lines joined by `\n`.
    var tex: String
    /// Byte range in the file from the opening `$$` to the end of the closing one.
    var outer: Range<Int>
    /// For each TeX line: its offset in `tex` and its byte offset in the file.
    var runs: [(texOffset: Int, fileOffset: Int)]
    /// Whether the opening `$$` is indented four columns or more (after any quote markers), so
    /// that cmark may take the block for indented code, unless it is in a list item.
    var mayBeCode = false
  }

  /// Finds `$$` blocks outside fenced code and rewrites them.
  ///
  /// - Returns: the rewritten bytes and the blocks, in order; block `k` is marked `F<k>`.
  ///
  /// - Parameter excluded: where the opening `$$` of blocks to leave alone stand (cmark found
  ///   them in code).
  static func rewrite(_ bytes: [UInt8], lines: LineTable, excluding excluded: Set<Int> = [])
    -> (bytes: [UInt8], blocks: [Block])
  {
    guard bytes.count >= 4, containsFenceCandidate(bytes) else { return (bytes, []) }
    var blocks: [Block] = []
    var replacements: [(Range<Int>, [UInt8])] = []
    var codeFence: (character: UInt8, length: Int)? = nil
    var line = 0
    let count = lines.lineCount
    func bounds(_ number: Int) -> (start: Int, contentStart: Int, end: Int) {
      let start = lines.lineStarts[number]
      var end = number + 1 < count ? lines.lineStarts[number + 1] - 1 : bytes.count
      if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      var content = start
      while content < end
        && (bytes[content] == 0x20 || bytes[content] == 0x09 || bytes[content] == UInt8(ascii: ">"))
      {
        content += 1
      }
      return (start, content, end)
    }
    func isDollarLine(_ b: (start: Int, contentStart: Int, end: Int)) -> Bool {
      var end = b.end
      while end > b.contentStart && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
      return end - b.contentStart == 2 && bytes[b.contentStart] == UInt8(ascii: "$")
        && bytes[b.contentStart + 1] == UInt8(ascii: "$")
    }
    while line < count {
      let b = bounds(line)
      // Track fenced code blocks so `$$` inside them stays code.
      if let run = fenceRun(bytes, from: b.contentStart, to: b.end) {
        if let open = codeFence {
          if run.character == open.character && run.length >= open.length && run.isBare {
            codeFence = nil
          }
        } else {
          codeFence = (run.character, run.length)
        }
        line += 1
        continue
      }
      guard codeFence == nil, isDollarLine(b), !excluded.contains(b.contentStart) else {
        line += 1
        continue
      }
      // Look for the closing `$$` line; a blank line first means this is no block.
      var closing: Int? = nil
      var probe = line + 1
      while probe < count {
        let p = bounds(probe)
        if p.contentStart == p.end { break }
        if isDollarLine(p) {
          closing = probe
          break
        }
        probe += 1
      }
      guard let closing, closing > line + 1 else {
        line += 1
        continue
      }
      var tex: [UInt8] = []
      var runs: [(Int, Int)] = []
      for contentLine in (line + 1)..<closing {
        let c = bounds(contentLine)
        let prefixLength = b.contentStart - b.start
        var start = c.start
        while start < c.end && start - c.start < prefixLength
          && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == UInt8(ascii: ">"))
        {
          start += 1
        }
        if !tex.isEmpty { tex.append(UInt8(ascii: "\n")) }
        runs.append((tex.count, start))
        tex += bytes[start..<c.end]
      }
      let index = blocks.count
      let closeBounds = bounds(closing)
      let outer = b.contentStart..<(closeBounds.contentStart + 2)
      var indentation = 0
      var column = b.contentStart
      while column > b.start
        && (bytes[column - 1] == 0x20 || bytes[column - 1] == 0x09)
      {
        indentation += bytes[column - 1] == 0x09 ? 4 : 1
        column -= 1
      }
      if column > b.start && bytes[column - 1] == UInt8(ascii: ">") { indentation -= 1 }
      blocks.append(
        Block(
          tex: String(decoding: tex, as: UTF8.self), outer: outer, runs: runs,
          mayBeCode: indentation >= 4))
      // The marker replaces the opening `$$`; each later line keeps its prefix and gets a filler.
      replacements.append((b.contentStart..<b.end, Array(Marker.fence(index).utf8)))
      for later in (line + 1)...closing {
        let l = bounds(later)
        let prefixEnd = min(l.contentStart, l.start + (b.contentStart - b.start))
        replacements.append((prefixEnd..<l.end, Array(Marker.filler.utf8)))
      }
      line = closing + 1
    }
    guard !replacements.isEmpty else { return (bytes, []) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var cursor = 0
    for (range, text) in replacements {
      output += bytes[cursor..<range.lowerBound]
      output += text
      cursor = range.upperBound
    }
    output += bytes[cursor...]
    return (output, blocks)
  }

  private static func containsFenceCandidate(_ bytes: [UInt8]) -> Bool {
    ByteSearch.contains(UInt8(ascii: "$"), followedBy: UInt8(ascii: "$"), in: bytes)
  }

  /// A run of three or more backticks or tildes at `start`: the character, its length, and
  /// whether nothing but white space follows it.
  static func fenceRun(_ bytes: [UInt8], from start: Int, to end: Int)
    -> (character: UInt8, length: Int, isBare: Bool)?
  {
    guard start < end, bytes[start] == UInt8(ascii: "`") || bytes[start] == UInt8(ascii: "~")
    else { return nil }
    let character = bytes[start]
    var index = start
    while index < end && bytes[index] == character { index += 1 }
    guard index - start >= 3 else { return nil }
    var rest = index
    while rest < end && (bytes[rest] == 0x20 || bytes[rest] == 0x09) { rest += 1 }
    return (character, index - start, rest == end)
  }
}
