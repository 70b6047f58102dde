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
/// - the document's front matter is what parsing the YAML alone gives.
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
    guard !KnownFindings.skipped || !exceedsKnownLimits(yaml) else { return }
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

    let document = MarkdownDocument.parse(Array(source.utf8), path: "hw.md")
    invariant(
      document.frontMatter == alone,
      "the document's front matter differs from its YAML's: \(document.frontMatter.entries)")
    for diagnostic in document.diagnostics {
      guard let location = diagnostic.location else { continue }
      invariant(lines.contains(location), "'\(diagnostic.message)' at \(location)")
    }
  }

  static func isClosingLine(_ line: ArraySlice<UInt8>) -> Bool {
    var line = line
    while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
    return line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8)
  }

  /// Whether the YAML goes past limits that the front matter does not enforce yet (nesting deeper
  /// than a few hundred levels overflows the stack in the YAML parser, and aliases expand without
  /// bound). Both were found by this target and are reported in the README; such inputs are
  /// skipped (unless `HW_FUZZ_ALL` is set) so that the fuzzer goes on looking for other problems.
  static func exceedsKnownLimits(_ yaml: String) -> Bool {
    var depth = 0
    var deepest = 0
    for byte in yaml.utf8 {
      switch byte {
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        deepest = max(deepest, depth)
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth = max(0, depth - 1)
      case UInt8(ascii: "*"):
        return true
      default: break
      }
    }
    return deepest > 64
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FrontMatterTarget.run(fuzzInput(data, size))
  return 0
}
