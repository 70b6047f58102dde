import BlockRecords
import Diagnostics
import Execution
import Markup

/// What grading reads of a document without running it: its headings (with the ids its page
/// gives them), its verify blocks, and the problems a build would report before running any
/// block (front matter, TeX, block options).
public struct DocumentOutline: Sendable {
  /// A heading of the document.
  public struct Heading: Sendable, Equatable {
    /// 1 to 6.
    public var level: Int
    /// The id of the heading on the page (its anchor).
    public var id: String
    /// The heading's text without markup (formulas as their TeX).
    public var text: String
    /// 1-based line of the heading in the file.
    public var line: Int
  }

  /// Every heading, in order.
  public var headings: [Heading]
  /// Every verify block, in order, as a build would run them.
  public var verifyBlocks: [VerifyBlock]
  /// What is wrong with the document, each located in `path`.
  public var diagnostics: [Diagnostic]
  /// Number of lines of the file.
  public var lineCount: Int
  /// The labelled display formulas its blocks may evaluate (`formula("label")`).
  public var formulas = PageFormulas()

  /// Reads the document `bytes`, shown as `path` in diagnostics.
  public static func read(_ bytes: [UInt8], path: String) -> DocumentOutline {
    let (bytes, tooLong) = InputLimits.document(bytes, path: path)
    let parsed = ParsedMarkdown.parse(bytes, path: path, style: .page)
    let document = parsed.document
    let math = MathHTML.render(document)
    // Only the blocks' options are read here; nothing runs without an executor.
    let outcome = (try? VerifyStage(executor: nil, useCache: true).run(document, sitePath: path))
    var blocks: [VerifyBlock] = []
    for (codeIndex, block) in document.codeBlocks.enumerated() {
      guard let (options, index) = outcome?.verifyBlocks[codeIndex] else { continue }
      blocks.append(
        VerifyBlock(code: block.code, codeLine: block.codeStartLine, options: options, index: index)
      )
    }
    let body = parsed.render(
      PageContent(
        math: math.html, codeBlocks: Array(repeating: "", count: document.codeBlocks.count)))
    let headings = zip(body.headings, document.headings).map { rendered, start in
      Heading(
        level: rendered.level, id: rendered.id, text: rendered.text, line: start.location.line)
    }
    return DocumentOutline(
      headings: headings, verifyBlocks: blocks,
      diagnostics: SiteBuilder.sorted(
        [tooLong].compactMap { $0 } + document.diagnostics + math.diagnostics
          + (outcome?.diagnostics ?? [])),
      lineCount: bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }, formulas: math.formulas)
  }
}

extension DocumentOutline {
  /// The problems a run shows, one located diagnostic each, the way `hw build` prints them
  /// (`run` names the file `sitePath`; these name it `path`).
  public static func diagnostics(of run: DocumentRun, path: String, sitePath: String)
    -> [Diagnostic]
  {
    VerifyStage.diagnostics(of: run, path: path, sitePath: sitePath)
  }
}
