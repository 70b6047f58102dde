import BlockRecords
import Builder
import Diagnostics
import Execution
import Foundation
import Synchronization

/// `hw assign`: an instructor's source folder to a handout, a solutions site, a grader folder
/// and a Gradescope autograder, written whole or not at all.
///
/// Every problem is reported in the instructor's source: what is wrong with the source itself
/// (an unclosed region, a grade block outside any question, a solution that cannot be
/// stubbed), a solution site that does not build or whose checks fail, a grader block that does
/// not compile, and an ask that does not compile against the handout's stubs (found by grading
/// the handout itself).
public struct AssignPipeline: Sendable {
  /// The instructor's folder, as given.
  public var source: String
  /// Where the results go.
  public var output: String
  /// How blocks run (runtime, sandbox); the content folder and cache are set for each run.
  public var configuration: ExecutorConfiguration
  /// Writes the autograder zip (its path, the grader folder's); nil writes none.
  public var autograder: (@Sendable (_ zip: String, _ grader: String) throws(ToolError) -> Void)?
  /// Told, once, that runs are contained less than by default.
  public var warn: @Sendable (String) -> Void

  /// Creates the pipeline.
  public init(
    source: String, output: String, configuration: ExecutorConfiguration,
    autograder: (@Sendable (_ zip: String, _ grader: String) throws(ToolError) -> Void)?,
    warn: @escaping @Sendable (String) -> Void
  ) {
    self.source = source
    self.output = output
    self.configuration = configuration
    self.autograder = autograder
    self.warn = warn
  }

  /// What the run found and wrote.
  public struct Outcome: Sendable {
    /// Problems, located in the source; when any is an error, nothing was written.
    public var diagnostics: [Diagnostic]
    /// Documents handed out.
    public var documents: Int
    /// Questions, and of them those with public checks.
    public var questions: Int
    public var publicQuestions: Int
  }

  /// Runs it. Throws when a folder cannot be read or written.
  public func run() throws(ToolError) -> Outcome {
    let display = source.hasSuffix("/") ? String(source.dropLast()) : source
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder),
      isFolder.boolValue
    else { throw ToolError("the source folder '\(source)' does not exist") }
    try checkOutput()
    var documents: [Assignment.Document] = []
    var others: [String] = []
    var diagnostics: [Diagnostic] = []
    for relative in GraderFiles.allFiles(in: source) {
      guard relative.hasSuffix(".md") else {
        others.append(relative)
        continue
      }
      let bytes = try ContentFolder.readFile(source + "/" + relative)
      let (document, found) = Assignment.transform(
        bytes, relativePath: relative, displayPath: display + "/" + relative)
      documents.append(document)
      diagnostics += found
    }
    var outcome = Outcome(
      diagnostics: diagnostics, documents: documents.count, questions: 0, publicQuestions: 0)
    guard !diagnostics.containsErrors else { return outcome }
    guard documents.contains(where: { $0.grader != nil }) else {
      throw ToolError(
        "'\(source)' has no ```swift grade``` block: nothing to grade the handout with")
    }

    let parent = (URL(fileURLWithPath: output).standardizedFileURL.deletingLastPathComponent().path)
    let staging = parent + "/.\((output as NSString).lastPathComponent).assign-\(getpid())"
    try? FileManager.default.removeItem(atPath: staging)
    defer { try? FileManager.default.removeItem(atPath: staging) }
    func write(_ text: String, _ relative: String) throws(ToolError) {
      let path = staging + "/" + relative
      do {
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      } catch { throw ToolError("cannot create a folder for '\(path)'") }
      guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        throw ToolError("cannot write '\(path)'")
      }
    }
    for document in documents {
      try write(document.student, "student/Content/" + document.relativePath)
      try write(document.solution, "solutions/Content/" + document.relativePath)
      if let grader = document.grader { try write(grader, "grader/" + document.relativePath) }
      if let open = document.publicGrader {
        try write(open, "student/Grader/" + document.relativePath)
      }
    }
    for relative in others {
      for folder in ["student/Content/", "solutions/Content/"] {
        let target = staging + "/" + folder + relative
        do {
          try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
          try FileManager.default.copyItem(atPath: source + "/" + relative, toPath: target)
        } catch { throw ToolError("cannot copy '\(relative)' into '\(output)'") }
      }
    }

    let mapper = SourceMapper(display: display, staging: staging, documents: documents)
    // Three lanes at once, each in a folder of its own: the solutions built and verified; the
    // grader's code run and its asks compiled against the handout's stubs; the autograder.
    let solutionsLane = Lane { () throws(ToolError) -> [Diagnostic] in
      try self.buildSolutions(staging: staging, mapper: mapper)
    }
    let zipLane = Lane { () throws(ToolError) -> [Diagnostic] in
      if let autograder = self.autograder {
        try autograder(staging + "/autograder.zip", staging + "/grader")
      }
      return []
    }
    let checked = Result { () throws(ToolError) in
      try checkGrader(staging: staging, documents: documents, mapper: mapper)
    }
    // Every lane ends before anything is reported (or the staging folder removed).
    let solutionProblems = Result { () throws(ToolError) in try solutionsLane.result() }
    let zipProblems = Result { () throws(ToolError) in try zipLane.result() }
    let graderOutcome = try checked.get()
    outcome.questions = graderOutcome.questions
    outcome.publicQuestions = graderOutcome.publicQuestions
    outcome.diagnostics += try solutionProblems.get() + graderOutcome.diagnostics
    guard !outcome.diagnostics.containsErrors else { return outcome }
    _ = try zipProblems.get()
    try? FileManager.default.removeItem(atPath: staging + "/.cache")
    guard
      FileManager.default.createFile(
        atPath: staging + "/" + Self.marker, contents: Data("written by hw assign\n".utf8))
    else { throw ToolError("cannot write '\(staging)/\(Self.marker)'") }
    try replaceOutput(with: staging)
    return outcome
  }

  /// The solutions' site, built and verified: its problems, in the source.
  private func buildSolutions(staging: String, mapper: SourceMapper) throws(ToolError)
    -> [Diagnostic]
  {
    let solutions = staging + "/solutions/Content"
    let site = try SiteBuilder(
      contentPath: solutions, executor: executor(content: solutions, cache: staging + "/.cache"),
      outputPath: staging + "/solutions/Output"
    ).build(outputPath: staging + "/solutions/Output")
    return site.diagnostics.filter { $0.severity == .error }.map(mapper.solution)
  }

  /// The grader's code run, the public checks run alone, and every ask compiled against the
  /// handout's stubs: the problems, in the source, and the questions counted.
  private func checkGrader(
    staging: String, documents: [Assignment.Document], mapper: SourceMapper
  ) throws(ToolError) -> (diagnostics: [Diagnostic], questions: Int, publicQuestions: Int) {
    var outcome = Outcome(diagnostics: [], documents: 0, questions: 0, publicQuestions: 0)
    // The grader, and its asks against the handout's stubs.
    let (grader, graderProblems) = try Grader.load(directory: staging + "/grader")
    outcome.diagnostics += graderProblems.map(mapper.grader)
    guard !outcome.diagnostics.containsErrors else {
      return (outcome.diagnostics, outcome.questions, outcome.publicQuestions)
    }
    outcome.questions = grader.questions.count
    outcome.publicQuestions =
      Set(
        documents.compactMap(\.publicGrader).isEmpty ? [] : try publicQuestionIDs(staging)
      ).count
    let (judge, judgeProblems) = try Judge.run(
      grader, executor: executor(content: staging + "/grader", cache: staging + "/.cache"))
    outcome.diagnostics += judgeProblems.map(mapper.grader)
    // An ask about a typeset formula must pass on the solutions' formula.
    for document in documents where !judgeProblems.containsErrors {
      outcome.diagnostics += judge.formulaProblems(
        grader, document: document.relativePath,
        formulas: DocumentOutline.read(
          Array(document.solution.utf8), path: "Content/" + document.relativePath
        ).formulas, on: "the solutions"
      ).map(mapper.grader)
    }
    // The public checks run on their own in a student's hands: they must not lean on a hidden
    // block's declarations.
    if documents.contains(where: { $0.publicGrader != nil }) {
      let (publicGrader, _) = try Grader.load(directory: staging + "/student/Grader")
      let (_, publicProblems) = try Judge.run(
        publicGrader,
        executor: executor(content: staging + "/student/Grader", cache: staging + "/.cache"))
      outcome.diagnostics += publicProblems.map { problem in
        var problem = mapper.grader(problem)
        problem.message = "in the public checks, handed out alone: " + problem.message
        return problem
      }
    }
    guard !outcome.diagnostics.containsErrors else {
      return (outcome.diagnostics, outcome.questions, outcome.publicQuestions)
    }
    // The handout's blocks and every ask after them, compiled once per document and never
    // run: what does not compile against the stubs is found without running a stub.
    let handoutExecutor = executor(
      content: staging + "/student/Content", cache: staging + "/.cache")
    for document in documents {
      let questions = grader.questions.indices.filter {
        grader.questions[$0].document == document.relativePath
      }
      guard !questions.isEmpty else { continue }
      let displayPath = "Content/" + document.relativePath
      let outline = DocumentOutline.read(Array(document.student.utf8), path: displayPath)
      var blocks = outline.verifyBlocks
      var asks: [GradeAsk] = []
      var line = outline.lineCount + 10
      for question in questions {
        // An ask about a typeset formula has no code: the grader's program evaluates it.
        for ask in judge.asks[question] where ask.formula == nil {
          let block = VerifyBlock(
            code: AskCode.code(for: ask), codeLine: line, options: VerifyOptions(),
            index: blocks.count)
          line += block.lineCount + 10
          blocks.append(block)
          asks.append(ask)
        }
      }
      let run: DocumentRun
      do {
        run = try handoutExecutor.compileOnly(
          ExecutionRequest(
            displayPath: displayPath, blocks: blocks, appendedCount: asks.count))
      } catch {
        throw ToolError(error.description)
      }
      let studentCount = outline.verifyBlocks.count
      for (position, blockRun) in run.blocks.enumerated() {
        guard case .compileError(let errors) = blockRun.status else { continue }
        if position < studentCount {
          outcome.diagnostics +=
            DocumentOutline.diagnostics(
              of: DocumentRun(blocks: [blockRun]),
              path: staging + "/student/Content/" + document.relativePath, sitePath: displayPath
            ).filter { $0.severity == .error }.map { diagnostic in
              var diagnostic = mapper.student(diagnostic)
              diagnostic.message = "the handout does not build: " + diagnostic.message
              return diagnostic
            }
        } else {
          let ask = asks[position - studentCount]
          let messages = errors.filter { $0.severity == .error }.map(\.message)
          outcome.diagnostics.append(
            mapper.grader(
              .error(
                "the handout cannot answer \(AskCode.signature(ask)): it does not compile "
                  + "against the stubs: " + messages.joined(separator: "; "),
                path: ask.location.path, at: ask.location.location)))
        }
      }
    }
    return (outcome.diagnostics, outcome.questions, outcome.publicQuestions)
  }

  /// The file that marks a folder as `hw assign`'s, which a later run may replace.
  public static let marker = ".hw-assign"

  private func executor(content: String, cache: String) -> Executor {
    var configuration = self.configuration
    configuration.contentDirectory = URL(fileURLWithPath: content).standardizedFileURL.path
    configuration.cacheDirectory = cache
    return Executor(configuration: configuration, warn: warn)
  }

  private func publicQuestionIDs(_ staging: String) throws(ToolError) -> [String] {
    try Grader.load(directory: staging + "/student/Grader").0.questions.map(\.id)
  }

  /// The output folder is missing, empty, or one `hw assign` wrote; not the source or in it.
  private func checkOutput() throws(ToolError) {
    let files = FileManager.default
    let out = URL(fileURLWithPath: output).standardizedFileURL.path
    let src = URL(fileURLWithPath: source).standardizedFileURL.path
    if out == src || out.hasPrefix(src + "/") || src.hasPrefix(out + "/") {
      throw ToolError("the output folder '\(output)' and the source '\(source)' overlap")
    }
    guard files.fileExists(atPath: output) else { return }
    let names = (try? files.contentsOfDirectory(atPath: output)) ?? ["?"]
    if !names.isEmpty, !files.fileExists(atPath: output + "/" + Self.marker) {
      throw ToolError(
        "'\(output)' holds files that hw assign did not write: give an empty or new folder")
    }
  }

  private func replaceOutput(with staging: String) throws(ToolError) {
    let files = FileManager.default
    let old = staging + ".old"
    if files.fileExists(atPath: output) {
      guard rename(output, old) == 0 else { throw ToolError("cannot replace '\(output)'") }
    }
    guard rename(staging, output) == 0 else {
      _ = rename(old, output)
      throw ToolError("cannot write '\(output)'")
    }
    try? files.removeItem(atPath: old)
  }
}

/// Maps what was found in the written files back to the instructor's source.
struct SourceMapper: Sendable {
  var display: String
  var staging: String
  var documents: [Assignment.Document]

  private func document(_ relative: String) -> Assignment.Document? {
    documents.first { $0.relativePath == relative }
  }

  private func relocated(
    _ diagnostic: Diagnostic, prefix: String, lines: (Assignment.Document) -> (Int) -> Int?
  ) -> Diagnostic {
    var diagnostic = diagnostic
    for candidate in [prefix, staging + "/" + prefix] where diagnostic.path.hasPrefix(candidate) {
      let relative = String(diagnostic.path.dropFirst(candidate.count))
      guard let document = document(relative) else { continue }
      diagnostic.path = display + "/" + relative
      if let location = diagnostic.location, let line = lines(document)(location.line) {
        diagnostic.location = SourceLocation(line: line, column: location.column)
      }
      break
    }
    return diagnostic
  }

  func solution(_ diagnostic: Diagnostic) -> Diagnostic {
    relocated(diagnostic, prefix: "solutions/Content/") { document in
      { line in
        line >= 1 && line <= document.solutionLines.count ? document.solutionLines[line - 1] : nil
      }
    }
  }

  func grader(_ diagnostic: Diagnostic) -> Diagnostic {
    // The public checks' files keep the same lines as the grader's.
    let prefix =
      diagnostic.path.contains("student/Grader/") ? "student/Grader/" : "grader/"
    return relocated(diagnostic, prefix: prefix) { document in
      { line in line - document.graderOffset >= 1 ? line - document.graderOffset : nil }
    }
  }

  func student(_ diagnostic: Diagnostic) -> Diagnostic {
    relocated(diagnostic, prefix: "student/Content/") { document in
      { line in
        line >= 1 && line <= document.studentLines.count ? document.studentLines[line - 1] : nil
      }
    }
  }
}

/// Work on a thread of its own, whose result (or error) is waited for.
final class Lane: Sendable {
  private let outcome = Mutex<Result<[Diagnostic], ToolError>?>(nil)
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () throws(ToolError) -> [Diagnostic]) {
    let thread = Thread { [self] in
      let result = Result { () throws(ToolError) -> [Diagnostic] in try work() }
      self.outcome.withLock { $0 = result }
      self.done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The work's result, once it is done.
  func result() throws(ToolError) -> [Diagnostic] {
    done.wait()
    return try outcome.withLock { $0! }.get()
  }
}
