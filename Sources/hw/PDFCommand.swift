import ArgumentParser
import Builder
import Printing

/// `hw pdf`: the pages as one PDF for hand-in.
struct PDFCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pdf",
    abstract: "Print the pages to one PDF for hand-in, through headless Chromium.",
    discussion: """
      The pages are built as `hw build` builds them (their verify blocks run, with the cache \
      beside the content folder) into a temporary folder; the output folder is not touched. \
      Headless Chromium then prints them with the print stylesheet, JavaScript off and no \
      network: math as MathML, figures as vectors, code wrapped. Every sheet shows the \
      page's title, course and author at the top and "Page N of M" at the bottom. The PDF is \
      written whole or not at all.

      The last page ends with the SHA-256 of the sources, which ties the PDF to the content \
      folder handed in with it. It hashes every file hw reads from the content folder (the \
      documents, site.yml, _theme/ and every other file copied into the site; not hidden \
      files): for each, sorted by its path's bytes, the line "<SHA-256 of the file>  <path>" \
      as sha256sum prints it, and then the SHA-256 of those lines. To recompute it:

        cd Content && find -L . -type f -printf '%P\\n' | LC_ALL=C sort \\
          | xargs -d '\\n' sha256sum | sha256sum

      Exit status: 0 when all is well; 1 when the content has problems (printed as \
      path:line:col: error: message; the PDF is still written, showing them); 2 when hw \
      cannot run (usage, a name that is not a document, unreadable input, no Chromium).
      """)

  @Option(name: .customLong("content"), help: "The folder of Markdown documents.")
  var content = "Content"

  @Option(
    name: .customLong("output"),
    help: ArgumentHelp("The PDF file to write.", valueName: "file.pdf"))
  var output: String

  @Option(help: ArgumentHelp("The paper: a4 or letter.", valueName: "size"))
  var paper: PaperSize = .a4

  @Option(
    help: ArgumentHelp(
      "The Chromium to print with (default: the first of chromium, chromium-browser, "
        + "chromium-headless-shell, google-chrome on PATH).", valueName: "program"))
  var chromium: String?

  @Option(help: ArgumentHelp("Chromium's time limit, in seconds.", valueName: "seconds"))
  var timeout: Double = 120

  @OptionGroup var sandbox: SandboxOptions

  @Argument(
    help: ArgumentHelp(
      "The documents to print, in this order, by their path in the content folder "
        + "(ebm-homework.md); default: every document, in the index's order.",
      valueName: "page"))
  var pages: [String] = []

  func validate() throws {
    guard timeout > 0 else { throw ValidationError("--timeout must be a positive number") }
  }

  func run() throws {
    let printed: PrintSite
    do {
      let printer = PDFPrinter(chromium: try Chromium.find(chromium), timeLimit: timeout)
      try PDFPrinter.checkOutput(output, contentPath: content)
      let executor = try Runners.executor(contentPath: content, sandbox: sandbox.request)
      printed = try SiteBuilder(contentPath: content, executor: executor)
        .printSite(documents: pages, paper: paper)
      Console.report(printed.site.diagnostics)
      try printer.print(printed, to: output)
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    let diagnostics = printed.site.diagnostics
    let counts = Console.counts(diagnostics)
    let documents = printed.site.documentPages.count
    Console.print(
      "Printed \(documents == 1 ? "1 page" : "\(documents) pages") into \(output)"
        + "\(counts.isEmpty ? "" : " (\(counts))"); sources SHA-256 \(printed.digest.hex).")
    if diagnostics.containsErrors { throw ExitCode(1) }
  }
}

/// `--paper` values: `a4`, `letter`.
extension PaperSize: ExpressibleByArgument {}
