/// Pass one of parsing: walks cmark's blocks, rebuilds the raw inline text of each paragraph and
/// heading from the source lines, finds its math, and collects code blocks.
struct BlockScanner {
  let bytes: [UInt8]
  let lines: LineTable
  let path: String
  private(set) var mathSpans: [MathSpan] = []
  private(set) var mathByteRanges: [Range<Int>] = []
  private(set) var codeBlocks: [CodeBlock] = []
  private(set) var headings: [HeadingStart] = []
  private(set) var diagnostics: [Diagnostic] = []
  /// For each block with math: its index among the blocks, its raw inline content, and the spans
  /// in it (outer range in the content, index into `mathSpans`).
  private(set) var contents: [(block: Int, text: [UInt8], spans: [(Range<Int>, Int)])] = []

  init(bytes: [UInt8], lines: LineTable, path: String) {
    self.bytes = bytes
    self.lines = lines
    self.path = path
  }

  mutating func scan(_ blocks: [CommonMark.Block]) {
    let hasDollar = bytes.contains(UInt8(ascii: "$"))
    for (index, block) in blocks.enumerated() {
      switch block.kind {
      case .heading(let level):
        headings.append(HeadingStart(level: level, location: block.start))
        if hasDollar { scanMath(in: block, index: index) }
      case .paragraph:
        if hasDollar { scanMath(in: block, index: index) }
      case .codeBlock(let info, let literal):
        addCodeBlock(block, info: info, literal: literal)
      case .htmlBlock:
        break
      }
    }
  }

  // MARK: - Math

  /// The raw inline text of a block, and for each line of it, where it starts in the file.
  private func rawContent(of block: CommonMark.Block) -> (text: [UInt8], starts: [(Int, Int)]) {
    var text: [UInt8] = []
    var starts: [(Int, Int)] = []
    var lastLine = block.end.line
    var isATX = false
    if case .heading = block.kind {
      let first = lines.lineStarts[block.start.line - 1] + block.start.column - 1
      isATX = first < bytes.count && bytes[first] == UInt8(ascii: "#")
      if !isATX { lastLine -= 1 }
    }
    guard lastLine >= block.start.line else { return ([], []) }
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
      if line == block.end.line && !isATX {
        end = min(end, lines.lineStarts[line - 1] + block.end.column)
      }
      if isATX { (start, end) = atxContent(start, end) }
      if !text.isEmpty { text.append(UInt8(ascii: "\n")) }
      starts.append((text.count, start))
      if start < end { text += bytes[start..<end] }
    }
    return (text, starts)
  }

  private func skippingContainerPrefix(from lineStart: Int, to end: Int, quoteDepth: Int) -> Int {
    var index = lineStart
    for _ in 0..<quoteDepth {
      var probe = index
      var spaces = 0
      while probe < end && bytes[probe] == UInt8(ascii: " ") && spaces < 3 {
        probe += 1
        spaces += 1
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

  private mutating func scanMath(in block: CommonMark.Block, index blockIndex: Int) {
    let (text, starts) = rawContent(of: block)
    guard text.contains(UInt8(ascii: "$")) else { return }
    let found = MathScanner.scan(text)
    if !found.spans.isEmpty {
      contents.append(
        (
          blockIndex, text,
          found.spans.enumerated().map { ($1.outer, mathSpans.count + $0) }
        ))
    }
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
      var tex = Array(text[span.inner])
      if !span.display {
        for index in tex.indices where tex[index] == UInt8(ascii: "\n") { tex[index] = 0x20 }
      }
      // One run for the line the TeX starts on, then one for each further line it spans.
      var runs: [MathSpan.Run] = [
        .init(texOffset: 0, location: lines.location(ofOffset: fileOffset(span.inner.lowerBound)))
      ]
      var next = lineIndex(span.inner.lowerBound) + 1
      while next < starts.count && starts[next].0 < span.inner.upperBound {
        runs.append(
          .init(
            texOffset: starts[next].0 - span.inner.lowerBound,
            location: lines.location(ofOffset: starts[next].1)))
        next += 1
      }
      let outerStart = fileOffset(span.outer.lowerBound)
      let outerEnd = fileOffset(span.outer.upperBound - 1) + 1
      mathSpans.append(
        MathSpan(
          tex: String(decoding: tex, as: UTF8.self), display: span.display,
          range: SourceRange(
            start: lines.location(ofOffset: outerStart), end: lines.location(ofOffset: outerEnd)),
          runs: runs))
      mathByteRanges.append(outerStart..<outerEnd)
    }
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
    let range = SourceRange(
      start: block.start, end: SourceLocation(line: block.end.line, column: block.end.column + 1))
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
