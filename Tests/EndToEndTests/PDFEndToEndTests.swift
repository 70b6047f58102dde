import Foundation
import TestSupport
import Testing

/// `hw pdf` as a student runs it: the homework printed by headless Chromium, read back with
/// poppler's `pdfinfo` and `pdftotext`.
@Suite struct PDFEndToEndTests {
  static let chromium = Program.find(
    "chromium", "chromium-browser", "chromium-headless-shell", "google-chrome")
  static let pdfinfo = Program.find("pdfinfo")
  static let pdftotext = Program.find("pdftotext")
  static let canPrint = chromium != nil && pdfinfo != nil && pdftotext != nil

  /// What poppler reads from a PDF.
  struct Printed {
    /// Each page's width in points.
    var widths: [Double]
    /// Each page's text, in reading order.
    var pages: [String]
    /// Every word with the right edge of its box, in points.
    var words: [(text: String, right: Double)]

    init(_ pdf: String) throws {
      let info = try Program.run(
        PDFEndToEndTests.pdfinfo!, ["-f", "1", "-l", "100000", pdf])
      try #require(info.status == 0, "pdfinfo: \(info.stderr)")
      // "Page    1 size:  594.96 x 841.92 pts (A4)"
      widths = info.stdout.split(separator: "\n").compactMap { line in
        guard line.hasPrefix("Page "), let size = line.range(of: "size: ") else { return nil }
        return Double(line[size.upperBound...].drop { $0 == " " }.prefix { $0 != " " })
      }
      let text = try Program.run(PDFEndToEndTests.pdftotext!, ["-layout", pdf, "-"])
      pages = text.stdout.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        .map(String.init).filter { !$0.isEmpty }
      let boxes = try Program.run(PDFEndToEndTests.pdftotext!, ["-bbox", pdf, "-"])
      let pattern =
        /<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/
      words = boxes.stdout.matches(of: pattern).map { (String($0.2), Double($0.1)!) }
    }

    /// The whole text with runs of white space made one space.
    var text: String {
      pages.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
  }

  static func hw(_ arguments: [String], in folder: String) throws -> Program.Result {
    try Program.run(BuiltProducts.hw(), arguments, in: URL(fileURLWithPath: folder))
  }

  /// The SHA-256 of a content folder by the recipe the README gives, run in a shell.
  static func recipeDigest(of folder: String) throws -> String {
    let result = try Program.run(
      URL(fileURLWithPath: "/bin/sh"),
      [
        "-c",
        "find -L . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum",
      ], in: URL(fileURLWithPath: folder))
    return String(result.stdout.prefix(64))
  }

  /// The headings of a Markdown file (`#` lines outside fenced code), without their math.
  static func headings(of markdown: String) -> [String] {
    var inFence = false
    var headings: [String] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") { inFence.toggle() }
      guard !inFence, let match = line.wholeMatch(of: /#{1,6} (.*)/) else { continue }
      let words = match.1.replacing(/\$[^$]*\$/, with: " ").split(whereSeparator: \.isWhitespace)
      headings.append(words.joined(separator: " "))
    }
    return headings
  }

  @Test(
    .enabled(
      if: canPrint, "Chromium or poppler is not installed (apt-get install chromium poppler-utils)"
    ))
  func printsTheHomeworkWithEveryHeadingTheHeaderOnEverySheetAndTheDigest() throws {
    let folder = TemporaryFolder()
    let content = Repository.root.appendingPathComponent("Content").path
    let pdf = folder.url.appendingPathComponent("homework.pdf").path
    let run = try Self.hw(["pdf", "--content", content, "--output", pdf], in: folder.path)
    #expect(run.status == 0, "\(run.stderr)")
    let printed = try Printed(pdf)

    // A long homework on several A4 sheets, each numbered out of the total.
    #expect(printed.pages.count >= 10)
    #expect(printed.widths.count == printed.pages.count)
    for (index, page) in printed.pages.enumerated() {
      #expect(page.contains("Page \(index + 1) of \(printed.pages.count)"))
      #expect(page.contains("Energy-based models"), "sheet \(index + 1) has no title")
      #expect(page.contains("Deep Learning, homework 3"), "sheet \(index + 1) has no course")
      #expect(page.contains("Worked answers, checked by code"), "sheet \(index + 1): no author")
    }
    #expect(printed.widths.allSatisfy { abs($0 - 595.28) < 1 }, "not A4: \(printed.widths)")

    // Every section heading, and the math as text (MathML, not pictures).
    let markdown = try String(contentsOfFile: content + "/ebm-homework.md", encoding: .utf8)
    let headings = Self.headings(of: markdown)
    #expect(headings.count > 20)
    for heading in headings {
      #expect(printed.text.contains(heading), "heading '\(heading)' is missing")
    }
    for symbol in ["𝛽", "∂", "∑", "𝐹"] {
      #expect(printed.text.contains(symbol), "no \(symbol) in the text")
    }

    // Nothing past the right edge of the sheet (margins are 16 mm = 45 pt).
    let beyond = printed.words.filter { $0.right > 595.28 - 40 }
    #expect(beyond.isEmpty, "past the right margin: \(beyond.prefix(10))")

    // The last page ends with the digest of the sources, which the README's recipe gives.
    let digest = try Self.recipeDigest(of: content)
    #expect(digest.count == 64)
    #expect(printed.pages.last!.contains(digest))
    #expect(run.stdout.contains("sources SHA-256 \(digest)"))
  }

  @Test(
    .enabled(
      if: canPrint, "Chromium or poppler is not installed (apt-get install chromium poppler-utils)"
    ))
  func wrapsLongLinesPrintsTheChosenPagesOnLetterAndRunsNoScript() throws {
    let folder = TemporaryFolder()
    let long = (0..<40).map { "identifier\($0)" }.joined(separator: "+")
    folder.write(
      "Content/b.md",
      """
      ---
      title: Second sheet
      course: Course B
      author: Bea
      ---
      # Second part

      Text of $\\alpha + \\beta$ the second.

      ```swift
      let sum = \(long)
      ```

      An unbroken word: \(String(repeating: "x", count: 300)).

      <p id="scripted">static</p>
      <script>document.getElementById('scripted').textContent = 'SCRIPT RAN';</script>

      """)
    folder.write("Content/a.md", "---\ntitle: First sheet\n---\n# First part\n\nAlpha.\n")
    folder.write("Content/data.csv", "1,2\n")
    let run = try Self.hw(
      ["pdf", "--output", "out.pdf", "--paper", "letter", "b.md", "Content/a.md"], in: folder.path)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("Printed 2 pages into out.pdf"))
    #expect(!folder.exists("Output"))
    let printed = try Printed(folder.path + "/out.pdf")
    #expect(printed.widths.count == printed.pages.count)
    #expect(printed.widths.allSatisfy { abs($0 - 612) < 1 }, "not Letter: \(printed.widths)")

    // In the order given, each on its own sheets with its own header.
    let text = printed.text
    let second = try #require(text.range(of: "Second part"))
    let first = try #require(text.range(of: "First part"))
    #expect(second.lowerBound < first.lowerBound)
    #expect(printed.pages.first!.contains("Course B · Bea"))
    #expect(printed.pages.last!.contains("First sheet"))
    #expect(!printed.pages.last!.contains("Course B"))

    // The long code line and the long word are wrapped, not cut.
    #expect(text.contains("identifier39"))
    let beyond = printed.words.filter { $0.right > 612 - 40 }
    #expect(beyond.isEmpty, "past the right margin: \(beyond.prefix(10))")

    #expect(text.contains("static"))
    #expect(!text.contains("SCRIPT RAN"))
    #expect(printed.pages.last!.contains(try Self.recipeDigest(of: folder.path + "/Content")))
  }

  @Test(.enabled(if: RunningHW.isBuilt, "hw is not built"))
  func refusesANameThatIsNotADocument() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    let run = try Self.hw(
      ["pdf", "--output", "out.pdf", "--chromium", "/bin/true", "nope.md"], in: folder.path)
    #expect(run.status == 2)
    #expect(
      run.stderr == "hw: error: 'nope.md' is not a document of 'Content' (its documents: a.md)\n")
    #expect(!folder.exists("out.pdf"))
  }

  @Test(.enabled(if: RunningHW.isBuilt, "hw is not built"))
  func saysHowToInstallChromiumWhereThereIsNone() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    folder.write("bin/.keep", "")
    let run = try Program.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["PATH=\(folder.path)/bin", try BuiltProducts.hw().path, "pdf", "--output", "out.pdf"],
      in: folder.url)
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("hw: error: hw pdf needs headless Chromium"))
    #expect(run.stderr.contains("apt-get install chromium"))
  }

  @Test(.enabled(if: RunningHW.isBuilt, "hw is not built"))
  func leavesThePreviousPDFWholeWhenChromiumFails() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    folder.write("out.pdf", "previous")
    let run = try Self.hw(
      ["pdf", "--output", "out.pdf", "--chromium", "/bin/false", "--sandbox", "none"],
      in: folder.path)
    #expect(run.status == 2)
    #expect(run.stderr.contains("did not print the PDF (exit status 1)"))
    #expect(folder.read("out.pdf") == "previous")
    #expect(folder.names().sorted() == [".hw-cache", "Content", "out.pdf"].filter(folder.exists))
  }
}
