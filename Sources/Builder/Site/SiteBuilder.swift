import BlockRecords
import Diagnostics
import Digest
import Execution
import Foundation
import Markup

/// Slots that concurrent workers fill, one each.
final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  subscript(index: Int) -> Value? {
    get { lock.withLock { slots[index] } }
    set { lock.withLock { slots[index] = newValue } }
  }

  var values: [Value?] { lock.withLock { slots } }
}

/// The whole pipeline: content folder → parsed documents → math and results → pages → site.
public struct SiteBuilder: Sendable {
  /// The content read from disk.
  public let content: ContentFolder
  /// How verify blocks are run.
  let stage: VerifyStage

  /// A site built in memory, not yet written.
  public struct Site: Sendable {
    /// Every file of the site: path relative to the site root, and contents.
    public var files: [String: [UInt8]]
    /// Every problem found, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The problems other than what verify blocks found when they ran (failed checks, compile
    /// errors, crashes): front matter, math, templates, block options.
    public var contentDiagnostics: [Diagnostic]
    /// The pages, with their titles, in path order.
    public var pages: [(path: String, title: String)]
    /// Each document's verification run, for documents with verify blocks, in path order.
    public var runs: [(displayPath: String, run: DocumentRun)]
    /// Each document's page before the theme's template, in path order (for `hw pdf`).
    public var documentPages: [DocumentPage]
  }

  /// Reads the content folder at `contentPath`.
  ///
  /// - Parameters:
  ///   - contentPath: the folder of Markdown documents.
  ///   - executor: what runs verify blocks; `nil` shows them without running them.
  ///   - useCache: whether unchanged documents may reuse their cached results.
  ///   - outputPath: the output folder, left out of the content when it lies inside it.
  public init(
    contentPath: String, executor: Executor? = nil, useCache: Bool = true,
    outputPath: String? = nil
  ) throws(ToolError) {
    var content = try ContentFolder(path: contentPath, excluding: outputPath)
    content.leaveOutCollisions(with: Self.generatedFiles)
    self.content = content
    stage = VerifyStage(executor: executor, useCache: useCache)
  }

  /// The files every site has, whatever its content; no document or file may take their place.
  static let generatedFiles: [ContentFolder.GeneratedFile] =
    [
      .init(path: "index.html", what: "the site's index page"),
      .init(
        path: "style.css", what: "the site's stylesheet",
        advice: "rename it; a stylesheet for the whole site goes in _theme/style.css"),
      .init(path: "manifest.json", what: "the site's manifest"),
    ]
    + SiteResources.fontNames.map {
      .init(path: "fonts/\($0)", what: "a file of the math font")
    }

  /// Builds the site in memory.
  ///
  /// - Parameter selected: the documents to build, by their path in the content folder
  ///   (`week1/hw.md`); every document when `nil`. Links to the others still count as links to
  ///   documents of the site.
  public func generate(only selected: Set<String>? = nil) throws(ToolError) -> Site {
    var diagnostics = content.diagnostics
    let theme: Theme
    do {
      theme = try Theme(
        overrides: content.theme,
        folder: ContentFolder.join(content.path, ContentFolder.themeFolder))
    } catch {
      diagnostics.append(error)
      theme = .standard
    }
    let siteTitle = content.settings["title"]?.text ?? "Homework"

    var files: [String: [UInt8]] = [:]
    var manifestPages: [Manifest.Page] = []
    var pages: [(path: String, title: String)] = []
    var indexEntries: [[String: TemplateValue]] = []
    let sources = content.sources.filter { selected?.contains($0.relativePath) ?? true }
    let built = try buildPages(sources)
    var runDiagnostics: [Diagnostic] = []
    var runs: [(displayPath: String, run: DocumentRun)] = []
    var documentPages: [DocumentPage] = []
    for (source, result) in zip(sources, built) {
      let page = result.page
      let document = page.document
      diagnostics += result.diagnostics
      runDiagnostics += result.runDiagnostics
      if let run = result.run { runs.append((source.sitePath, run)) }
      documentPages.append(page)
      let rendered = page.render(theme: theme, siteTitle: siteTitle)
      files[source.pagePath] = Array(rendered.html.utf8)
      if let problem = rendered.diagnostic { diagnostics.append(problem) }
      pages.append((source.pagePath, page.title))
      manifestPages.append(
        .init(
          page: source.pagePath, source: source.relativePath,
          sourceSHA256: SHA256.hex(source.bytes),
          resultsSHA256: result.run.map { Manifest.resultsHash($0) }))
      var entry: [String: TemplateValue] = [
        "href": .text(source.pageURL), "title": .text(page.title), "summary": .text(page.summary),
      ]
      for key in ["author", "course", "due"] {
        if let value = document.frontMatter[key]?.text { entry[key] = .text(value) }
      }
      indexEntries.append(entry)
    }
    let index = theme.index.render(
      ["site": .text(siteTitle), "pages": .list(indexEntries)], output: "index.html")
    files["index.html"] = Array(index.text.utf8)
    if let problem = index.diagnostic { diagnostics.append(problem) }
    files["style.css"] = Array(theme.stylesheet.utf8)
    for (path, bytes) in try SiteResources.fonts() { files[path] = bytes }
    for asset in content.assets { files[asset] = try content.read(asset: asset) }
    files["manifest.json"] = Array(Manifest(pages: manifestPages).json().utf8)
    return Site(
      files: files, diagnostics: Self.sorted(diagnostics + runDiagnostics),
      contentDiagnostics: Self.sorted(diagnostics), pages: pages, runs: runs,
      documentPages: documentPages)
  }

  /// Builds the site and writes it to `outputPath`, replacing what was there.
  ///
  /// Holds the output folder's lock (`OutputLock`) throughout, so one build at a time writes a
  /// folder; first finishes or undoes what an interrupted build left (see `SiteWriter`).
  ///
  /// - Parameter whenLocked: what to do while another process builds into the same folder.
  public func build(outputPath: String, whenLocked: OutputLock.WhenHeld = .wait(announce: { _ in }))
    throws(ToolError) -> Site
  {
    try OutputFolder.checkNotSources(outputPath, contentPath: content.path)
    let folders = PublishFolders(outputPath: outputPath)
    let lock = try OutputLock(folders, outputPath: outputPath, whenHeld: whenLocked)
    defer { lock.release() }
    try SiteWriter.recover(folders, outputPath: outputPath)
    PublishStep.recovered.pauseIfAsked()
    try OutputFolder.checkReplaceable(outputPath, contentPath: content.path)
    let site = try generate()
    try SiteWriter(files: site.files).publish(to: folders, outputPath: outputPath)
    return site
  }

  /// The macros of `site.yml`, for every page's math.
  var siteMacros: [String: String] {
    guard case .map(let entries)? = content.settings["macros"] else { return [:] }
    var macros: [String: String] = [:]
    for (name, value) in entries { if let text = value.text { macros[name] = text } }
    return macros
  }

  /// What building one document gave.
  struct PageResult: Sendable {
    var page: DocumentPage
    var run: DocumentRun?
    var diagnostics: [Diagnostic]
    var runDiagnostics: [Diagnostic]
  }

  /// The pages of `sources`, built concurrently, as many at a time as the machine has cores.
  private func buildPages(_ sources: [ContentFolder.Source]) throws(ToolError) -> [PageResult] {
    let results = ResultSlots<Result<PageResult, ToolError>>(count: sources.count)
    let stage = self.stage
    let macros = siteMacros
    let documents = Set(content.sources.map(\.relativePath))
    // libdispatch may leave the calling thread with most signals blocked (seen on Linux), which
    // would keep Ctrl-C and SIGTERM from stopping `hw watch` and `hw serve`: restore the mask.
    var signals = sigset_t()
    pthread_sigmask(SIG_SETMASK, nil, &signals)
    defer { pthread_sigmask(SIG_SETMASK, &signals, nil) }
    DispatchQueue.concurrentPerform(iterations: sources.count) { index in
      do throws(ToolError) {
        results[index] = .success(
          try Self.page(
            for: sources[index], stage: stage, siteMacros: macros, documents: documents))
      } catch {
        results[index] = .failure(error)
      }
    }
    var pages: [PageResult] = []
    for result in results.values {
      switch result {
      case .success(let page)?: pages.append(page)
      case .failure(let error)?: throw error
      case nil: throw ToolError("a document was not built")
      }
    }
    return pages
  }

  /// A document's page, one stage after another: parsed (cmark renders the body meanwhile), its
  /// formulas converted, its verify blocks run, and the body put together from their results.
  static func page(
    for source: ContentFolder.Source, stage: VerifyStage, siteMacros: [String: String] = [:],
    documents: Set<String> = []
  ) throws(ToolError) -> PageResult {
    let (bytes, tooLong) = InputLimits.document(source.bytes, path: source.displayPath)
    let parsed = ParsedMarkdown.parse(
      bytes, path: source.displayPath, style: .page,
      links: DocumentLinks(source: source.relativePath, documents: documents))
    let document = parsed.document
    let math = MathHTML.render(document, siteMacros: siteMacros)
    let outcome = try stage.run(document, sitePath: source.sitePath, formulas: math.formulas)
    let results = PageResults(document: document, outcome: outcome)
    let badges = results.headingBadges
    let mathHTML =
      outcome.run.map {
        FormulaMarks.apply(
          to: math.html, labelledSpans: math.labelledSpans, run: $0, blockIDs: results.blockIDs)
      } ?? math.html
    let body = parsed.render(
      PageContent(
        math: mathHTML, codeBlocks: results.codeBlockHTML(formulaNumbers: math.numbers),
        headingSuffixes: badges))
    var page = DocumentPage(source: source, document: document, body: body)
    page.summary = results.summaryHTML
    for (heading, badge) in zip(body.headings, badges) { page.headingBadges[heading.id] = badge }
    return PageResult(
      page: page, run: outcome.run,
      diagnostics: [tooLong].compactMap { $0 } + document.diagnostics + math.diagnostics
        + outcome.diagnostics,
      runDiagnostics: outcome.runDiagnostics)
  }

  /// One document rendered on its own, for `hw render`.
  ///
  /// - Parameters:
  ///   - bytes: the Markdown.
  ///   - path: the path to show in diagnostics.
  ///   - fragment: only the body, exactly as cmark renders it (formulas rendered, nothing else
  ///     added); otherwise the whole page with the default theme.
  public static func render(_ bytes: [UInt8], path: String, fragment: Bool)
    -> (html: String, diagnostics: [Diagnostic])
  {
    if fragment {
      let (bytes, tooLong) = InputLimits.document(bytes, path: path)
      let parsed = ParsedMarkdown.parse(bytes, path: path, style: .fragment)
      let math = MathHTML.render(parsed.document)
      let body = parsed.render(PageContent(math: math.html, codeBlocks: []))
      return (
        body.html,
        sorted([tooLong].compactMap { $0 } + parsed.document.diagnostics + math.diagnostics)
      )
    }
    let name = (path as NSString).lastPathComponent
    let source = ContentFolder.Source(
      relativePath: name, displayPath: path, bytes: bytes, sitePath: path)
    let result = try! page(for: source, stage: VerifyStage(executor: nil, useCache: true))
    let page = result.page.render(theme: .standard, siteTitle: "Homework")
    return (page.html, sorted(result.diagnostics + [page.diagnostic].compactMap { $0 }))
  }

  static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let (x, y) = (a.element, b.element)
      if x.path != y.path { return x.path < y.path }
      let (p, q) = (
        x.location ?? .init(line: 0, column: 0), y.location ?? .init(line: 0, column: 0)
      )
      if p != q { return p < q }
      return a.offset < b.offset
    }.map(\.element)
  }
}
