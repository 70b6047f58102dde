import Diagnostics

/// Pass one of parsing: walks cmark's blocks, rebuilds the raw inline text of each paragraph and
/// heading from the source lines, finds its math, and collects code blocks.
struct BlockScanner {
  let bytes: [UInt8]
  let lines: LineTable
  let path: String
  /// Every formula, display blocks (`DisplayFences`) and formulas in paragraphs merged in
  /// document order.
  private(set) var mathSpans: [MathSpan] = []
  /// The byte range of each formula found in a paragraph or heading, in order.
  private(set) var mathByteRanges: [Range<Int>] = []
  /// The index in `mathSpans` of each formula in `mathByteRanges`.
  private(set) var inlineIndices: [Int] = []
  /// The index in `mathSpans` of each display block.
  private(set) var fenceIndices: [Int] = []
  private(set) var codeBlocks: [CodeBlock] = []
  private(set) var headings: [HeadingStart] = []
  private(set) var diagnostics: [Diagnostic] = []
  /// For each block with math: its index among the blocks, its raw inline content, and the spans
  /// in it (outer range in the content, index into `mathSpans`). Collected only when
  /// `collectsContents` is set.
  private(set) var contents: [(block: Int, text: [UInt8], spans: [(Range<Int>, Int)])] = []
  /// Whether `contents` is wanted.
  var collectsContents = true
  /// The display blocks, as formulas, still to merge into `mathSpans`.
  private let fences: [MathSpan]
  private var nextFence = 0
  /// The line last looked up, where the next lookup starts (see `LineTable.location`).
  private var lineHint = 0
  /// Whether the text has a `\r`, so a block's lines are not always one stretch of it.
  private let hasCarriageReturn: Bool

  init(bytes: [UInt8], lines: LineTable, path: String, fences: [MathSpan] = []) {
    self.bytes = bytes
    self.lines = lines
    self.path = path
    self.fences = fences
    hasCarriageReturn = ByteSearch.contains(0x0D, in: bytes)
  }

  mutating func scan(_ blocks: [CommonMark.Block]) {
    let hasDollar = ByteSearch.contains(UInt8(ascii: "$"), in: bytes)
    if hasDollar { mathSpans.reserveCapacity(fences.count + blocks.count) }
    for (index, block) in blocks.enumerated() {
      switch block.kind {
      case .heading(let level):
        headings.append(HeadingStart(level: level, location: block.start))
        let next = index + 1 < blocks.count ? blocks[index + 1].start.line : nil
        if hasDollar { scanMath(in: block, index: index, nextBlockLine: next) }
      case .paragraph:
        if hasDollar { scanMath(in: block, index: index) }
      case .codeBlock(let info, let literal):
        addCodeBlock(block, info: info, literal: literal)
      case .htmlBlock, .thematicBreak:
        break
      }
    }
    addFences(before: nil)
  }

  /// Moves the display blocks that start before `location` (all, when `nil`) into `mathSpans`.
  private mutating func addFences(before location: SourceLocation?) {
    while nextFence < fences.count {
      if let location, !(fences[nextFence].range.start < location) { return }
      fenceIndices.append(mathSpans.count)
      mathSpans.append(fences[nextFence])
      nextFence += 1
    }
  }

  // MARK: - Math

  /// The raw inline text of a block: the text holding it, where in that text it is, and for
  /// each of its lines, where the line starts in that text and in the file. When the block's lines
  /// are one stretch of the file (no block quote, no `\r`), the text is the file itself.
  ///
  /// - Parameter nextBlockLine: where the block after it starts, if any.
  private func rawContent(of block: CommonMark.Block, nextBlockLine: Int?) -> (
    text: [UInt8], range: Range<Int>, starts: [(Int, Int)]
  ) {
    var lastLine = block.end.line
    var isATX = false
    if case .heading = block.kind {
      let first = lines.lineStarts[block.start.line - 1] + block.start.column - 1
      // An ATX heading opens with one to six `#` and a space, a tab or the line's end (a setext
      // heading's text may start with `#` too: `#hashtag`).
      var hashes = first
      while hashes < bytes.count && bytes[hashes] == UInt8(ascii: "#") && hashes - first < 7 {
        hashes += 1
      }
      isATX =
        (1...6).contains(hashes - first)
        && (hashes == bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[hashes]))
      if !isATX {
        // A setext heading's text ends before its underline. cmark ends the heading on the
        // line that closes it, the one after the underline, and on the underline only when
        // that is the document's last line.
        let lastDocumentLine =
          bytes.last == UInt8(ascii: "\n") ? lines.lineCount - 1 : lines.lineCount
        var underline = block.end.line
        if underline < lastDocumentLine || nextBlockLine == underline
          || !isSetextUnderline(line: underline)
        {
          underline -= 1
        }
        lastLine = underline - 1
      }
    }
    guard lastLine >= block.start.line else { return ([], 0..<0, []) }
    let contiguous = block.quoteDepth == 0 && !hasCarriageReturn
    var text: [UInt8] = []
    var starts: [(Int, Int)] = []
    var range = 0..<0
    for line in block.start.line...lastLine {
      var start = lines.lineStarts[line - 1]
      var end = line < lines.lineCount ? lines.lineStarts[line] - 1 : bytes.count
      if end > start && end <= bytes.count && end - 1 >= start && end < bytes.count
        && bytes[end] == UInt8(ascii: "\n") && end > 0 && bytes[end - 1] == UInt8(ascii: "\r")
      {
        end -= 1
      }
      if line == block.start.line {
        start += block.start.column - 1
      } else {
        start = skippingContainerPrefix(from: start, to: end, quoteDepth: block.quoteDepth)
      }
      if isATX { (start, end) = atxContent(start, end) }
      if contiguous {
        if line == block.start.line { range = start..<max(start, end) }
        range = range.lowerBound..<max(range.upperBound, end)
        starts.append((start, start))
        continue
      }
      if !text.isEmpty { text.append(UInt8(ascii: "\n")) }
      starts.append((text.count, start))
      if start < end { text += bytes[start..<end] }
    }
    return contiguous ? (bytes, range, starts) : (text, text.indices, starts)
  }

  /// Whether a line is only `=` or only `-` after its container prefix and indentation.
  private func isSetextUnderline(line: Int) -> Bool {
    var index = lines.lineStarts[line - 1]
    let end = line < lines.lineCount ? lines.lineStarts[line] : bytes.count
    while index < end
      && (bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == UInt8(ascii: ">"))
    {
      index += 1
    }
    guard index < end, bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: "-")
    else { return false }
    let character = bytes[index]
    while index < end && bytes[index] == character { index += 1 }
    while index < end && (bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D) {
      index += 1
    }
    return index == end || bytes[index] == UInt8(ascii: "\n")
  }

  private func skippingContainerPrefix(from lineStart: Int, to end: Int, quoteDepth: Int) -> Int {
    var index = lineStart
    for _ in 0..<quoteDepth {
      // Any indentation: inside a list item, a quote marker stands after the item's own.
      var probe = index
      while probe < end && (bytes[probe] == UInt8(ascii: " ") || bytes[probe] == 0x09) {
        probe += 1
      }
      guard probe < end && bytes[probe] == UInt8(ascii: ">") else { break }
      index = probe + 1
      if index < end && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")) {
        index += 1
      }
    }
    return index
  }

  /// The text of an ATX heading line between its opening and optional closing `#` runs.
  private func atxContent(_ start: Int, _ end: Int) -> (Int, Int) {
    var lower = start
    while lower < end && bytes[lower] == UInt8(ascii: "#") { lower += 1 }
    while lower < end && (bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t")) {
      lower += 1
    }
    var upper = end
    while upper > lower
      && (bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t"))
    {
      upper -= 1
    }
    var hashes = upper
    while hashes > lower && bytes[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
    if hashes < upper
      && (hashes == lower || bytes[hashes - 1] == UInt8(ascii: " ")
        || bytes[hashes - 1] == UInt8(ascii: "\t"))
    {
      upper = hashes
      while upper > lower
        && (bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t"))
      {
        upper -= 1
      }
    }
    return (lower, upper)
  }

  private mutating func scanMath(
    in block: CommonMark.Block, index blockIndex: Int, nextBlockLine: Int? = nil
  ) {
    let (text, range, starts) = rawContent(of: block, nextBlockLine: nextBlockLine)
    let found = MathScanner.scan(text, in: range)
    var contentSpans: [(Range<Int>, Int)] = []
    /// The index of the content line holding `rawIndex` (binary search: a paragraph may have
    /// many lines and many formulas).
    func lineIndex(_ rawIndex: Int) -> Int {
      var low = 0
      var high = starts.count - 1
      while low < high {
        let middle = (low + high + 1) / 2
        if starts[middle].0 <= rawIndex { low = middle } else { high = middle - 1 }
      }
      return low
    }
    func fileOffset(_ rawIndex: Int) -> Int {
      let line = starts[lineIndex(rawIndex)]
      return line.1 + (rawIndex - line.0)
    }
    for span in found.spans {
      let texBytes = text[span.inner]
      let tex: String
      if !span.display && texBytes.contains(UInt8(ascii: "\n")) {
        tex = String(
          decoding: texBytes.map { $0 == UInt8(ascii: "\n") ? 0x20 : $0 }, as: UTF8.self)
      } else {
        tex = String(decoding: texBytes, as: UTF8.self)
      }
      let outerStart = fileOffset(span.outer.lowerBound)
      let outerEnd = fileOffset(span.outer.upperBound - 1) + 1
      let start = lines.location(ofOffset: outerStart, hint: &lineHint)
      let texStart = lines.location(ofOffset: fileOffset(span.inner.lowerBound), hint: &lineHint)
      // One run for each further line the TeX spans.
      var laterRuns: [MathSpan.Run] = []
      var next = lineIndex(span.inner.lowerBound) + 1
      while next < starts.count && starts[next].0 < span.inner.upperBound {
        laterRuns.append(
          .init(
            texOffset: starts[next].0 - span.inner.lowerBound,
            location: lines.location(ofOffset: starts[next].1, hint: &lineHint)))
        next += 1
      }
      addFences(before: start)
      if collectsContents {
        contentSpans.append((span.outer.shifted(by: -range.lowerBound), mathSpans.count))
      }
      inlineIndices.append(mathSpans.count)
      mathSpans.append(
        MathSpan(
          tex: tex, display: span.display,
          range: SourceRange(
            start: start, end: lines.location(ofOffset: outerEnd, hint: &lineHint)),
          texStart: texStart, laterRuns: laterRuns))
      mathByteRanges.append(outerStart..<outerEnd)
    }
    if !contentSpans.isEmpty { contents.append((blockIndex, Array(text[range]), contentSpans)) }
    for offset in found.unclosedDisplay {
      diagnostics.append(
        .warning(
          "'$$' is not closed in this paragraph, so it is shown as text (a blank line ends display math)",
          path: path, at: lines.location(ofOffset: fileOffset(offset))))
    }
  }

  // MARK: - Code blocks

  private mutating func addCodeBlock(_ block: CommonMark.Block, info: String, literal: String) {
    let firstByte = lines.lineStarts[block.start.line - 1] + block.start.column - 1
    var fenceEnd = firstByte
    let fenceCharacter = firstByte < bytes.count ? bytes[firstByte] : 0
    let isFenced = fenceCharacter == UInt8(ascii: "`") || fenceCharacter == UInt8(ascii: "~")
    if isFenced {
      while fenceEnd < bytes.count && bytes[fenceEnd] == fenceCharacter { fenceEnd += 1 }
    }
    var infoStart = fenceEnd
    while infoStart < bytes.count
      && (bytes[infoStart] == UInt8(ascii: " ") || bytes[infoStart] == UInt8(ascii: "\t"))
    {
      infoStart += 1
    }
    // The block ends with its last line. (cmark's own end column is not used: when a later line
    // closes the block, cmark reports that line, whose formulas the single parse has replaced.)
    var lineEnd = block.end.line < lines.lineCount ? lines.lineStarts[block.end.line] : bytes.count
    while lineEnd > lines.lineStarts[block.end.line - 1]
      && (bytes[lineEnd - 1] == 0x0A || bytes[lineEnd - 1] == 0x0D)
    {
      lineEnd -= 1
    }
    let range = SourceRange(
      start: block.start,
      end: SourceLocation(
        line: block.end.line, column: lineEnd - lines.lineStarts[block.end.line - 1] + 1))
    codeBlocks.append(
      CodeBlock(
        info: info, code: literal, range: range,
        codeStartLine: isFenced ? block.start.line + 1 : block.start.line,
        infoLocation: lines.location(ofOffset: infoStart), isFenced: isFenced))
    if isFenced && !isClosed(block, fence: fenceCharacter, length: fenceEnd - firstByte) {
      diagnostics.append(
        .warning(
          "this code fence is never closed, so the code block runs to the end of its container",
          path: path, at: block.start))
    }
  }

  private func isClosed(_ block: CommonMark.Block, fence: UInt8, length: Int) -> Bool {
    guard block.end.line > block.start.line else { return false }
    let start = lines.lineStarts[block.end.line - 1]
    let end = block.end.line < lines.lineCount ? lines.lineStarts[block.end.line] : bytes.count
    var index = start
    while index < end
      && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: ">")
        || bytes[index] == UInt8(ascii: "\t"))
    {
      index += 1
    }
    var run = 0
    while index < end && bytes[index] == fence {
      run += 1
      index += 1
    }
    while index < end
      && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
        || bytes[index] == UInt8(ascii: "\r") || bytes[index] == UInt8(ascii: "\n"))
    {
      index += 1
    }
    return run >= length && index == end
  }
}

extension Range<Int> {
  /// The range moved by `offset`.
  func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
