import BlockRecords
import Diagnostics
import Foundation
import Synchronization

/// Compiles and runs the verification blocks of documents, one runner per document, with
/// caching, time limits and containment.
///
/// Safe to call for several documents at once from different threads: each run uses its own
/// scratch folder and the shared state (compiler lookup, containment probe) is computed once.
public struct Executor: Sendable {
  /// The configuration given at creation.
  public let configuration: ExecutorConfiguration
  /// Told, once per process and level, when runs are contained less than by default (a
  /// fallback, or none asked for).
  let warn: @Sendable (String) -> Void

  /// Creates an executor; nothing is checked until the first run. `warn` hears, once, that
  /// runs are contained less than by default.
  public init(
    configuration: ExecutorConfiguration, warn: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.configuration = configuration
    self.warn = warn
  }

  /// The sandbox level runs use, and one line to print once when it is less than the default
  /// (a fallback, or none asked for); throws when no level the request accepts works here.
  /// Starts a sandbox once per process to see whether bubblewrap works.
  public func sandboxLevel() throws(ExecutorError) -> (level: SandboxLevel, warning: String?) {
    try SandboxProbe.resolve(configuration.sandbox)
  }

  /// The compiler's fingerprint (its path, size and time), for keys of results made elsewhere.
  public func toolchainFingerprint() throws(ExecutorError) -> String {
    try Toolchain.locate(override: configuration.compilerPath).fingerprint
  }

  /// The level for a run, telling `warn` about a lesser one the first time.
  private func level() throws(ExecutorError) -> SandboxLevel {
    let (level, warning) = try sandboxLevel()
    if let warning, Self.warned.withLock({ $0.insert(warning).inserted }) { warn(warning) }
    return level
  }

  private static let warned = Mutex<Set<String>>([])

  /// Checks, without starting anything, that the compiler, the runtime library and the tools
  /// of a sandbox are there (for exit status 2 early), and prepares the runtime image. Whether
  /// bubblewrap works is seen at the first run (a build that compiles nothing starts none).
  public func validate() throws(ExecutorError) {
    try SandboxProbe.check(configuration.sandbox)
    _ = try image(toolchain: Toolchain.locate(override: configuration.compilerPath))
  }

  /// Where run folders and the runtime image go: the configured scratch root or the temporary
  /// folder, unless `hw` is root and some folder on the way is closed to other users (a
  /// `mktemp -d` folder is 0700): the sandbox's uid must reach them, so `/tmp` is used instead.
  private var temporaryRoot: String {
    let preferred = configuration.scratchRoot ?? NSTemporaryDirectory()
    guard SandboxTools.isRoot, configuration.sandbox != .exactly(.none) else { return preferred }
    return DataFiles.reachableByOthers(preferred) ? preferred : "/tmp"
  }

  /// The content folder blocks may read at `level`: none when not configured, or when `hw` is
  /// root and the sandbox's uid could not reach it (a folder on the way is closed to others).
  private func contentView(level: SandboxLevel) -> String? {
    guard let folder = configuration.contentDirectory else { return nil }
    guard SandboxTools.isRoot, level != .none else { return folder }
    return DataFiles.reachableByOthers(folder) ? folder : nil
  }

  /// The runtime image for `toolchain`, made when missing.
  private func image(toolchain: Toolchain) throws(ExecutorError) -> RuntimeImage {
    try RuntimeImage.prepare(
      runtimeDirectory: configuration.runtimeDirectory, runtimeFingerprint: runtimeFingerprint(),
      toolchain: toolchain,
      temporaryRoot: temporaryRoot,
      timeoutSeconds: configuration.compileTimeoutSeconds)
  }

  /// Runs every block of `request` (or returns the cached results when `useCache` is true and
  /// nothing that could change them changed) and returns one `BlockRun` per block, in order.
  ///
  /// Content problems (compile errors, crashes, timeouts, failed checks) are results, never
  /// thrown; a missing compiler or runtime library is thrown.
  public func run(_ request: ExecutionRequest, useCache: Bool) throws(ExecutorError)
    -> DocumentRun
  {
    guard !request.blocks.isEmpty else { return DocumentRun(blocks: []) }
    let toolchain = try Toolchain.locate(override: configuration.compilerPath)
    let runtime = try runtimeFingerprint()
    let source = RunnerSource(
      displayPath: request.displayPath, blocks: request.blocks, formulas: request.formulas,
      appendedCount: request.appendedCount)
    let cache = configuration.cacheDirectory.map { ResultCache(directory: $0) }
    let level = try level()
    let key = ResultCache.key(
      request: request, runtimeFingerprint: runtime, toolchainFingerprint: toolchain.fingerprint,
      limits: configuration.limits, sandbox: level,
      dataFingerprint: contentView(level: level).map { DataFiles.fingerprint(of: $0) } ?? "")
    if useCache, let cache,
      var cached = cache.load(key: key, blocks: request.blocks, displayPath: request.displayPath)
    {
      cached.fromCache = true
      return cached
    }
    let image = try image(toolchain: toolchain)
    let result = try contained(level: level) { sandbox, workDirectory throws(ExecutorError) in
      try runUncached(
        source, toolchain: toolchain, image: image, sandbox: sandbox,
        workDirectory: workDirectory)
    }
    let cacheable = !result.blocks.contains {
      if case .timedOut = $0.status { return true }
      return false
    }
    if let cache, cacheable { cache.store(result, blocks: request.blocks, key: key) }
    return result
  }

  /// Compiles every block of `request`, contained as a run is, and runs none: a block that
  /// does not compile has its errors (every block the compiler places errors in, when it
  /// places them), the others are not run. For checking code against declarations, as
  /// `hw assign` checks a grader's asks against a handout's stubs.
  public func compileOnly(_ request: ExecutionRequest) throws(ExecutorError) -> DocumentRun {
    guard !request.blocks.isEmpty else { return DocumentRun(blocks: []) }
    let toolchain = try Toolchain.locate(override: configuration.compilerPath)
    let source = RunnerSource(
      displayPath: request.displayPath, blocks: request.blocks,
      appendedCount: request.appendedCount)
    let level = try level()
    let image = try image(toolchain: toolchain)
    let errors = try contained(level: level) {
      sandbox, workDirectory throws(ExecutorError) -> [Int: [Diagnostic]] in
      let compiler = RunnerCompiler(
        toolchain: toolchain, image: image, sandbox: sandbox,
        timeoutSeconds: configuration.compileTimeoutSeconds)
      let compiled = try compiler.compile(source, in: workDirectory)
      guard compiled.executable == nil else { return [:] }
      return try CompileFailure.locate(
        in: source, diagnostics: compiled.diagnostics, compiler: compiler,
        workDirectory: workDirectory
      ).errors
    }
    return DocumentRun(
      blocks: source.blocks.enumerated().map { position, block in
        BlockRun(
          index: block.index, line: block.codeLine,
          status: errors[position].map { .compileError($0) }
            ?? .notRun(reason: "compiled only"))
      })
  }

  /// Runs `body` with a sandbox's uid taken (when `hw` is root and the level has one) and a
  /// scratch folder of its own, both given back after it.
  private func contained<T>(
    level: SandboxLevel,
    _ body: (SandboxContext, String) throws(ExecutorError) -> T
  ) throws(ExecutorError) -> T {
    let uid =
      level != .none && SandboxTools.isRoot
      // Every hw of the machine agrees on one lock folder, whatever its own temporary folder.
      ? try SandboxUsers.take(
        lockFolder: RuntimeImage.folder(temporaryRoot: "/tmp"), cleaning: level == .user)
      : nil
    defer { if let uid { SandboxUsers.give(uid, cleaning: level == .user) } }
    let workDirectory = try makeWorkDirectory()
    defer { try? FileManager.default.removeItem(atPath: workDirectory) }
    return try body(SandboxContext(level: level, uid: uid), workDirectory)
  }

  /// Compiles and runs `source`. A block that cannot be compiled is reported at its place and
  /// stops the document there: the blocks before it run, the ones after it do not.
  private func runUncached(
    _ source: RunnerSource, toolchain: Toolchain, image: RuntimeImage, sandbox: SandboxContext,
    workDirectory: String
  ) throws(ExecutorError) -> DocumentRun {
    let compiler = RunnerCompiler(
      toolchain: toolchain, image: image, sandbox: sandbox,
      timeoutSeconds: configuration.compileTimeoutSeconds)
    // A block with its own `#sourceLocation` is not compiled at all, nor are the ones after it.
    var refused: [Int: [Diagnostic]] = [:]
    for (position, block) in source.blocks.enumerated() {
      let errors = block.sourceLocationErrors(displayPath: source.displayPath)
      if !errors.isEmpty { refused[position] = errors }
    }
    let compilable = refused.keys.min() ?? source.blocks.count
    let candidate = source.prefix(compilable)
    var failure = CompileFailure(position: compilable, errors: refused)
    var warnings: [Int: [Diagnostic]] = [:]
    if !candidate.blocks.isEmpty {
      let compiled = try compiler.compile(candidate, in: workDirectory)
      warnings = Self.warningsOnly(compiled.diagnostics.byBlock)
      if let executable = compiled.executable {
        failure.runnablePrefix = (executable, workDirectory, warnings)
      } else {
        let found = try CompileFailure.locate(
          in: candidate, diagnostics: compiled.diagnostics, compiler: compiler,
          workDirectory: workDirectory)
        failure.position = found.position
        failure.runnablePrefix = found.runnablePrefix
        failure.errors.merge(found.errors) { $1 + $0 }
      }
    }
    // The blocks before the one blamed must compile without it. When they do not, what they
    // leave open (a comment, an `#if`) was reported at the end of the file, which maps into
    // whichever later block its last unswallowed `#sourceLocation` names: the fault is among
    // them, and is looked for again there.
    while configuration.runsBlocksBeforeACompileError, failure.position > 0,
      failure.runnablePrefix == nil
    {
      let prefix = source.prefix(failure.position)
      let directory = workDirectory + "/before-\(failure.position)"
      let compiled = try compiler.compile(prefix, inNewFolder: directory)
      if let executable = compiled.executable {
        failure.runnablePrefix = (
          executable, directory, Self.warningsOnly(compiled.diagnostics.byBlock)
        )
        break
      }
      var found = try CompileFailure.locate(
        in: prefix, diagnostics: compiled.diagnostics, compiler: compiler,
        workDirectory: directory)
      found.errors.merge(refused) { $0 + $1 }
      failure = found
    }
    var runs = try runPrefix(
      of: source, before: failure, compiler: compiler, workDirectory: workDirectory)
    guard failure.position < source.blocks.count else { return DocumentRun(blocks: runs) }
    let failingBlock = source.blocks[failure.position]
    for position in failure.position..<source.blocks.count {
      let block = source.blocks[position]
      let errors = failure.errors[position] ?? []
      let status: BlockStatus =
        errors.isEmpty
        ? .notRun(reason: "an earlier block (line \(failingBlock.codeLine)) did not compile")
        : .compileError(errors)
      runs.append(
        BlockRun(
          index: block.index, line: block.codeLine, status: status,
          warnings: warnings[position] ?? []))
    }
    return DocumentRun(blocks: runs)
  }

  /// Runs the blocks of `source` before the one at fault, with the runner compiled for them on
  /// the way.
  private func runPrefix(
    of source: RunnerSource, before failure: CompileFailure, compiler: RunnerCompiler,
    workDirectory: String
  ) throws(ExecutorError) -> [BlockRun] {
    guard failure.position > 0 else { return [] }
    guard configuration.runsBlocksBeforeACompileError || failure.position == source.blocks.count
    else {
      return source.blocks.prefix(failure.position).map {
        BlockRun(
          index: $0.index, line: $0.codeLine,
          status: .notRun(reason: "a later block did not compile"))
      }
    }
    // `runUncached` compiled the blocks before the one at fault on the way.
    guard let (executable, directory, warnings) = failure.runnablePrefix else { return [] }
    return try execute(
      executable, source: source.prefix(failure.position), warnings: warnings,
      compiler: compiler, workDirectory: directory)
  }

  private func execute(
    _ executable: String, source: RunnerSource, warnings: [Int: [Diagnostic]],
    compiler: RunnerCompiler, workDirectory: String
  ) throws(ExecutorError) -> [BlockRun] {
    let process = RunnerProcess(
      executable: executable, blocks: source.blocks, formulas: source.formulas,
      limits: configuration.limits,
      sandbox: compiler.sandbox,
      readOnly: [compiler.image.root] + compiler.toolchain.runtimeFolders,
      contentDirectory: contentView(level: compiler.sandbox.level))
    let outcome = try process.run(in: workDirectory)
    let assembly = RunAssembly(
      displayPath: source.displayPath, blocks: source.blocks, limits: configuration.limits,
      workDirectory: workDirectory)
    let runs = assembly.blockRuns(from: outcome, warnings: warnings)
    // A runner without line tables has a backtrace that names no line of a block. A crash whose
    // message named none either (a trap in the standard library, the engine's precondition) is
    // placed by compiling the program again with them and running it again.
    let unplaced = runs.contains {
      if case .crashed(_, nil) = $0.status { return true }
      return false
    }
    guard !compiler.lineTables, unplaced,
      FileManager.default.fileExists(atPath: workDirectory + "/backtrace.txt")
    else { return runs }
    var placing = compiler
    placing.lineTables = true
    // A name the run could not have made ahead (at the `user` level the run's uid owns the
    // folder it ran in, and could have left a link there).
    let directory = workDirectory + "/placed-" + UUID().uuidString
    let compiled = try placing.compile(source, inNewFolder: directory)
    guard let executable = compiled.executable else { return runs }
    return try execute(
      executable, source: source, warnings: warnings, compiler: placing,
      workDirectory: directory)
  }

  static func warningsOnly(_ byBlock: [Int: [Diagnostic]]) -> [Int: [Diagnostic]] {
    byBlock.mapValues { $0.filter { $0.severity != .error } }
  }

  private func makeWorkDirectory() throws(ExecutorError) -> String {
    let root = temporaryRoot
    Self.removeAbandonedWorkDirectories(in: root)
    let path = (root as NSString).appendingPathComponent(
      "\(Self.workDirectoryPrefix)\(getpid())-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch { throw .system("cannot create the scratch folder \(path)") }
    return path
  }

  /// A scratch folder is named `hw-run-<pid of hw>-<UUID>`.
  static let workDirectoryPrefix = "hw-run-"

  /// How old a scratch folder of a process that is gone must be before it is removed (a process
  /// in another PID namespace may share the folder's parent and look gone).
  static let abandonedAge: TimeInterval = 10 * 60

  /// Removes the scratch folders that an `hw` killed mid-run left in `root`: those named for a
  /// process that no longer runs, untouched for `abandonedAge`.
  static func removeAbandonedWorkDirectories(in root: String, now: Date = Date()) {
    let files = FileManager.default
    guard let names = try? files.contentsOfDirectory(atPath: root) else { return }
    for name in names where name.hasPrefix(workDirectoryPrefix) {
      let rest = name.dropFirst(workDirectoryPrefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0,
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      let path = (root as NSString).appendingPathComponent(name)
      guard let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
        now.timeIntervalSince(modified) > abandonedAge
      else { continue }
      try? files.removeItem(atPath: path)
    }
  }

  /// Fingerprints (path, size, mtime) of the runtime library and every module file beside it.
  private func runtimeFingerprint() throws(ExecutorError) -> String {
    let directory = configuration.runtimeDirectory
    let library = directory + "/" + ExecutorConfiguration.runtimeLibraryName
    guard FileManager.default.fileExists(atPath: library) else {
      throw .runtimeMissing(directory: directory, missing: ExecutorConfiguration.runtimeLibraryName)
    }
    let modules = directory + "/Modules"
    guard FileManager.default.fileExists(atPath: modules + "/BlockRuntime.swiftmodule") else {
      throw .runtimeMissing(directory: directory, missing: "Modules/BlockRuntime.swiftmodule")
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: modules)) ?? [])
      .filter { $0.hasSuffix(".swiftmodule") }.sorted()
    return ([library] + names.map { modules + "/" + $0 }).map(FileFingerprint.describe)
      .joined(separator: "\n")
  }
}
