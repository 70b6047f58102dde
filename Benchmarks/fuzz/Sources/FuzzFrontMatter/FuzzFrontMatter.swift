import Diagnostics
import FuzzSupport
import Markup

/// Front matter: the input is the YAML between the `---` lines of a document.
///
/// Invariants, besides not crashing:
/// - every diagnostic is located inside the document, on a line of the front matter or its
///   closing `---` (where an error at the end of the YAML stands);
/// - every key's line is a line of the front matter;
/// - the page fields (`title`, `author`, `course`, `due`) are single values when present;
/// - the document's front matter is what parsing the YAML alone gives;
/// - the front matter holds at most about two values per byte of YAML (aliases, which would
///   stand for many values each, are refused before the YAML parser expands them);
/// - read as `site.yml`, from its first line and with a byte order mark allowed, the same holds,
///   and every diagnostic is located on a line of the text.
enum FrontMatterTarget {
  static func run(_ input: [UInt8]) {
    // The YAML ends where a line `---` or `...` closes the block; what follows is the body. Lines
    // end as in the document: at `\n`, `\r\n` or a lone `\r`.
    let inputLines = InputLines(input, skippingByteOrderMark: false)
    var yamlBytes = input
    if let closing = inputLines.lines.first(where: { isClosingLine(input[$0.start..<$0.end]) }) {
      yamlBytes = Array(input[..<closing.start])
      // The line end before the closing line is the document's own.
      if yamlBytes.last == UInt8(ascii: "\n") { yamlBytes.removeLast() }
      if yamlBytes.last == UInt8(ascii: "\r") { yamlBytes.removeLast() }
    }
    let yaml = String(decoding: yamlBytes, as: UTF8.self)
    let source = "---\n\(yaml)\n---\nBody $x$.\n"
    let lines = InputLines(Array(source.utf8), skippingByteOrderMark: false)
    let yamlLineCount = InputLines(Array(yaml.utf8), skippingByteOrderMark: false).count
    // Lines 2 to the closing `---`.
    let frontMatterLines = 2...(yamlLineCount + 2)

    // The document hands the parser its lines between the `---` lines, each with its line end.
    let (alone, problems) = FrontMatter.parse(yaml: yaml + "\n", firstLine: 2, path: "hw.md")
    for problem in problems {
      guard let location = problem.location else { continue }
      invariant(
        lines.contains(location) && frontMatterLines.contains(location.line),
        "'\(problem.message)' at \(location), outside lines \(frontMatterLines)")
    }
    for (key, line) in alone.keyLines {
      invariant(frontMatterLines.contains(line), "key '\(excerpt(key))' at line \(line)")
    }
    for field in ["title", "author", "course", "due"] {
      guard let value = alone[field] else { continue }
      invariant(value.text != nil, "'\(field)' is not a single value: \(value)")
    }
    let bound = 2 * yamlBytes.count + 4
    invariant(
      valueCount(of: .map(alone.entries), upTo: bound) <= bound,
      "more than \(bound) values in \(yamlBytes.count) bytes of front matter")

    let (settings, settingsProblems) = FrontMatter.parse(
      yaml: yaml, firstLine: 1, path: "site.yml", what: "site.yml")
    let settingsLines = InputLines(Array(yaml.utf8))
    for problem in settingsProblems {
      guard let location = problem.location else { continue }
      invariant(
        settingsLines.contains(location),
        "'\(problem.message)' at \(location), outside the \(settingsLines.count) lines of site.yml")
    }
    invariant(
      valueCount(of: .map(settings.entries), upTo: bound) <= bound,
      "more than \(bound) values in \(yamlBytes.count) bytes of site.yml")

    let document = MarkdownDocument.parse(Array(source.utf8), path: "hw.md")
    // A document's U+E000 and U+E001 (the renderer's markers) become U+FFFD, with a warning,
    // before anything reads it, its front matter too.
    let reserved: Set<Unicode.Scalar> = ["\u{E000}", "\u{E001}"]
    let replaced =
      yaml.unicodeScalars.contains { reserved.contains($0) }
      ? FrontMatter.parse(
        yaml: String(
          String.UnicodeScalarView(
            yaml.unicodeScalars.map { reserved.contains($0) ? "\u{FFFD}" : $0 })) + "\n",
        firstLine: 2, path: "hw.md"
      ).0 : alone
    invariant(
      document.frontMatter == replaced,
      "the document's front matter differs from its YAML's: \(document.frontMatter.entries)")
    for diagnostic in document.diagnostics {
      guard let location = diagnostic.location else { continue }
      invariant(lines.contains(location), "'\(diagnostic.message)' at \(location)")
    }
  }

  /// How many values (keys among them) `value` holds, itself included; counting stops past
  /// `limit`, so that a tree that stands for billions of values is not walked whole.
  static func valueCount(of value: FrontMatterValue, upTo limit: Int) -> Int {
    var count = 0
    var pending = [value]
    while let next = pending.popLast(), count <= limit {
      count += 1
      switch next {
      case .text: break
      case .list(let items): pending += items
      case .map(let entries):
        count += entries.count
        pending += entries.map(\.value)
      }
    }
    return count
  }

  static func isClosingLine(_ line: ArraySlice<UInt8>) -> Bool {
    var line = line
    while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
    return line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FrontMatterTarget.run(fuzzInput(data, size))
  return 0
}
