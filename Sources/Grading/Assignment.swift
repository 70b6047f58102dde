import Builder
import Diagnostics
import Foundation
import Markup

/// An instructor's source turned into what `hw assign` writes: the handout (solutions replaced),
/// the solutions (markers removed) and the grader files (the grade blocks), each document line
/// by line, with the source line of every line written, so that a problem found in what was
/// written is reported in the source.
///
/// In the source:
/// - a solution region of prose and math is `<!-- solution -->` … `<!-- end solution -->`, each
///   marker on a line of its own; `<!-- solution: text -->` gives the text the handout shows in
///   its place (default: *Your answer here.*);
/// - a ```` ```swift verify solution ```` block is handed out as its stub (`SolutionStubs`);
/// - a ```` ```swift grade points=N [public] [timeout=S] ```` block is a check of the question
///   whose heading it is under: `public` ones are handed out (for `hw check`), all go to the
///   grader folder, none stays in a page.
public struct Assignment: Sendable {
  /// One document, transformed.
  public struct Document: Sendable {
    /// Its path in the source folder, e.g. `hw.md`.
    public var relativePath: String
    /// The handout's text, and for each of its lines (from 1) the source line it comes from.
    public var student: String
    public var studentLines: [Int]
    /// The solutions' text, and its lines' source lines.
    public var solution: String
    public var solutionLines: [Int]
    /// The grader file of every grade block, when there is one: its line `n + graderOffset` is
    /// the source's line `n`.
    public var grader: String?
    /// The grader file of the public grade blocks, aligned as `grader` is.
    public var publicGrader: String?
    /// Lines added at the top of the grader files (their front matter).
    public var graderOffset: Int
  }

  /// The text a solution region shows in the handout when its marker gives none.
  public static let defaultPlaceholder = "*Your answer here.*"

  /// Transforms the document `bytes`, at `relativePath` in the source and shown as
  /// `displayPath` in diagnostics.
  public static func transform(
    _ bytes: [UInt8], relativePath: String, displayPath: String
  ) -> (Document, [Diagnostic]) {
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let parsed = MarkdownDocument.parse(bytes, path: displayPath)
    let outline = DocumentOutline.read(bytes, path: displayPath)
    var diagnostics: [Diagnostic] = []
    func error(_ message: String, line: Int, column: Int = 1) {
      diagnostics.append(
        .error(message, path: displayPath, at: SourceLocation(line: line, column: column)))
    }

    // Fenced code blocks by their fence line.
    struct Fence {
      var first: Int
      var last: Int
      var codeLine: Int
      var info: String
      var infoColumn: Int
      var code: String
    }
    var fences: [Int: Fence] = [:]
    var inCode = Set<Int>()
    for block in parsed.codeBlocks where block.isFenced {
      let first = block.range.start.line
      let last = max(block.range.end.line, first)
      fences[first] = Fence(
        first: first, last: last, codeLine: block.codeStartLine, info: block.info,
        infoColumn: block.infoLocation.column, code: block.code)
      for line in first...last { inCode.insert(line) }
    }

    // What is handed out: a name a solution block declares without a type is kept (and must
    // then have a type) when a block handed out names it. A grader's ask that needs it is found
    // when the handout is graded.
    var usedText = ""
    for fence in fences.values {
      let words = fence.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if words.count >= 2, words[0] == "swift", words[1] == "verify", !words.contains("solution") {
        usedText += fence.code + "\n"
      }
    }
    let usedWords = Set(
      usedText.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(
        String.init))
    var student: [(String, Int)] = []
    var solution: [(String, Int)] = []
    var grader = Array(repeating: "", count: lines.count)
    var publicGrader = Array(repeating: "", count: lines.count)
    var hasGrade = false
    var hasPublic = false
    var region: (line: Int, placeholder: String)?
    var number = 1
    while number <= lines.count {
      let line = lines[number - 1]
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if !inCode.contains(number), let marker = Self.marker(trimmed) {
        switch marker {
        case .open(let placeholder):
          if let open = region {
            error("a solution region is already open (line \(open.line))", line: number)
          } else {
            region = (number, placeholder ?? defaultPlaceholder)
            student.append((placeholder ?? defaultPlaceholder, number))
          }
        case .close:
          if region == nil {
            error("'<!-- end solution -->' without '<!-- solution -->' before it", line: number)
          }
          region = nil
        }
        number += 1
        continue
      }
      if let fence = fences[number] {
        let words = fence.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let blockLines = Array(lines[(fence.first - 1)..<min(fence.last, lines.count)])
        if words.count >= 2, words[0] == "swift", words[1] == "grade" {
          hasGrade = true
          let heading = outline.headings.last { $0.line < fence.first }
          guard let heading else {
            error(
              "a grade block outside any question: put it under the heading of the question it "
                + "checks", line: fence.first, column: fence.infoColumn)
            number = fence.last + 1
            continue
          }
          var options = words.dropFirst(2).filter { $0 != "public" }
          let isPublic = words.contains("public")
          // Its text names the question (and titles it), unless another heading has the same
          // text: then its id, which is unique.
          let named =
            outline.headings.filter { $0.text == heading.text }.count > 1
            ? heading.id : heading.text
          let quotedHeading =
            "\""
            + named.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
          options.insert(
            contentsOf: ["document=\(relativePath)", "heading=\(quotedHeading)"], at: 0)
          let info = "swift grade " + options.joined(separator: " ")
          do {
            _ = try GradeOptions.parse(infoString: info)
          } catch {
            let word = error.word
            let column =
              (fence.info.range(of: word).map {
                fence.info.distance(from: fence.info.startIndex, to: $0.lowerBound)
              }
                ?? 0) + fence.infoColumn
            diagnostics.append(
              .error(
                error.message, path: displayPath,
                at: SourceLocation(line: fence.first, column: column)))
          }
          let fenceText = String(line.prefix { $0 == "`" || $0 == "~" || $0 == " " })
          var written = blockLines
          written[0] = fenceText + info
          for (offset, text) in written.enumerated() {
            grader[fence.first - 1 + offset] = text
            if isPublic { publicGrader[fence.first - 1 + offset] = text }
          }
          if isPublic { hasPublic = true }
          number = fence.last + 1
          continue
        }
        if region == nil, words.count >= 2, words[0] == "swift", words[1] == "verify",
          words.contains("solution")
        {
          let kept = words.filter { $0 != "solution" }.joined(separator: " ")
          let fenceText = String(line.prefix { $0 == "`" || $0 == "~" || $0 == " " })
          var written = blockLines
          written[0] = fenceText + kept
          for (offset, text) in written.enumerated() {
            solution.append((text, fence.first + offset))
          }
          let (stub, refusals) = SolutionStubs.stub(fence.code) { usedWords.contains($0) }
          for refusal in refusals {
            error(refusal.message, line: fence.codeLine + refusal.line - 1)
          }
          student.append((fenceText + kept, fence.first))
          for stubLine in stub.split(separator: "\n", omittingEmptySubsequences: false) {
            student.append((String(stubLine), fence.codeLine))
          }
          // A block that runs to the end of the file has no closing fence: its last line is
          // solution code, never handed out.
          if let closing = blockLines.last, blockLines.count > 1,
            closing.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(
              String(fenceText.trimmingCharacters(in: .whitespacesAndNewlines).prefix(3)))
          {
            student.append((closing, fence.last))
          } else {
            error("this solution block is not closed: end it with a fence", line: fence.first)
            student.append((fenceText.trimmingCharacters(in: .whitespacesAndNewlines), fence.last))
          }
          number = fence.last + 1
          continue
        }
        // Any other block: as it is, in or out of a region.
        for (offset, text) in blockLines.enumerated() {
          if region == nil { student.append((text, fence.first + offset)) }
          solution.append((text, fence.first + offset))
        }
        number = fence.last + 1
        continue
      }
      if region == nil { student.append((line, number)) }
      solution.append((line, number))
      number += 1
    }
    if let open = region {
      error(
        "this solution region is not closed: end it with '<!-- end solution -->'", line: open.line)
    }

    // Where blocks were taken out, one blank line is enough.
    func collapsed(_ lines: [(String, Int)]) -> [(String, Int)] {
      var kept: [(String, Int)] = []
      for line in lines {
        if line.0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, let last = kept.last,
          last.0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
          continue
        }
        kept.append(line)
      }
      return kept
    }
    student = collapsed(student)
    solution = collapsed(solution)

    // The grader files keep the source's lines; their front matter takes three lines at the
    // top, over blank lines when the first grade block leaves room, else added above.
    let firstGrade = grader.firstIndex { !$0.isEmpty } ?? lines.count
    let offset = firstGrade >= 3 ? 0 : 3
    func graderText(_ lines: [String], visibility: String) -> String {
      var lines = lines
      let front = ["---", "visibility: \(visibility)", "---"]
      if offset == 0 {
        lines.replaceSubrange(0..<3, with: front)
      } else {
        lines.insert(contentsOf: front, at: 0)
      }
      return lines.joined(separator: "\n") + "\n"
    }
    let document = Document(
      relativePath: relativePath,
      student: student.map(\.0).joined(separator: "\n") + "\n", studentLines: student.map(\.1),
      solution: solution.map(\.0).joined(separator: "\n") + "\n", solutionLines: solution.map(\.1),
      grader: hasGrade ? graderText(grader, visibility: "after_published") : nil,
      publicGrader: hasPublic ? graderText(publicGrader, visibility: "visible") : nil,
      graderOffset: offset)
    return (document, diagnostics)
  }

  enum Marker: Equatable {
    case open(String?)
    case close
  }

  /// `<!-- solution -->`, `<!-- solution: text -->` or `<!-- end solution -->`.
  static func marker(_ line: String) -> Marker? {
    guard line.hasPrefix("<!--"), line.hasSuffix("-->") else { return nil }
    let inner = String(line.dropFirst(4).dropLast(3)).trimmingCharacters(
      in: .whitespacesAndNewlines)
    if inner == "end solution" { return .close }
    if inner == "solution" { return .open(nil) }
    if inner.hasPrefix("solution:") {
      let text = String(inner.dropFirst("solution:".count)).trimmingCharacters(
        in: .whitespacesAndNewlines)
      return .open(text.isEmpty ? nil : text)
    }
    return nil
  }
}
