import BlockRecords
import Diagnostics
import Foundation

/// Compiles a generated runner with `swiftc` against the block runtime library.
struct RunnerCompiler {
  var toolchain: Toolchain
  /// The runtime and module cache the runner is compiled against.
  var image: RuntimeImage
  /// How the compiler is contained.
  var sandbox: SandboxContext
  /// Seconds a compile may take before it is stopped and reported at the first block.
  var timeoutSeconds: Double = 120
  /// Whether the runner gets line tables, which a backtrace needs to name a line of a block.
  /// Without them the front end does about a seventh less work on a long page; a crash whose
  /// message names no line is run again with them (`Executor`).
  var lineTables = false

  /// The outcome of one compile.
  struct Outcome {
    /// Path of the executable when the compile succeeded.
    var executable: String?
    /// Diagnostics sorted by block.
    var diagnostics: CompilerDiagnostics
    /// What the compiler printed, as it printed it (for a toolchain that fails).
    var output: String
    /// Seconds the compiler took (wall clock).
    var seconds: Double
  }

  /// The compiler's options, the same for the module cache's warm-up and every runner:
  /// `-Onone` (`-O` measured about five times slower to compile a ten-block document),
  /// `-gline-tables-only` when `lineTables` (for located backtraces; the module cache is
  /// warmed both ways, since its modules differ by it), Swift 5 language mode (top-level code
  /// is not main-actor isolated, as in a notebook), `-diagnostic-style=llvm`, the image's
  /// module cache, rpath to the image's runtime.
  static func flags(image: RuntimeImage, lineTables: Bool) -> [String] {
    ["-Onone"] + (lineTables ? ["-gline-tables-only"] : []) + [
      "-swift-version", "5", "-diagnostic-style=llvm",
      "-no-color-diagnostics", "-module-name", "HWDocument",
      "-module-cache-path", image.moduleCache,
      "-I", image.libraryDirectory + "/Modules", "-L", image.libraryDirectory, "-lHWBlockRuntime",
      "-Xlinker", "-rpath", "-Xlinker", image.libraryDirectory,
    ]
  }

  /// Compiles `source` in `directory`, made first (a folder of its own inside the work
  /// folder, for a runner of some of the blocks).
  func compile(_ source: RunnerSource, inNewFolder directory: String) throws(ExecutorError)
    -> Outcome
  {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch { throw .system("cannot create the scratch folder \(directory)") }
    return try compile(source, in: directory)
  }

  /// Writes `source` to `<workDirectory>/main.swift` and compiles it to `runner`, contained as
  /// `sandbox` says. The compiler's temporary files go to `workDirectory` too, so that they
  /// are removed with it and their paths are recognised as the runner's (`ScratchPaths`).
  func compile(_ source: RunnerSource, in workDirectory: String) throws(ExecutorError) -> Outcome {
    let mainPath = workDirectory + "/main.swift"
    let executable = workDirectory + "/runner"
    guard FileManager.default.createFile(atPath: mainPath, contents: Data(source.text.utf8))
    else { throw .system("cannot write \(mainPath)") }
    let arguments = Self.flags(image: image, lineTables: lineTables) + [mainPath, "-o", executable]
    let started = Date()
    var environment =
      sandbox.level == .none
      ? ProcessInfo.processInfo.environment : ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    environment["TERM"] = "dumb"
    environment["TMPDIR"] = workDirectory
    environment["HOME"] = workDirectory
    sandbox.handOver(workDirectory)
    let command = try SandboxCommand(
      level: sandbox.level, uid: sandbox.uid, readOnly: [toolchain.sandboxFolder, image.root],
      directory: workDirectory, writable: true, scratch: nil, environment: environment,
      limits: sandbox.compileLimits(timeoutSeconds: timeoutSeconds)
    ).arguments(program: [toolchain.swiftc] + arguments)
    let result = try ChildProcess.run(
      executable: command[0], arguments: Array(command.dropFirst()), environment: environment,
      directory: workDirectory, timeoutSeconds: timeoutSeconds)
    let seconds = Date().timeIntervalSince(started)
    if result.timedOut {
      let message = "the compiler did not finish within \(NumberText.format(timeoutSeconds)) s"
      var diagnostics = CompilerDiagnostics(output: "", source: source, generatedPath: mainPath)
      if let first = source.blocks.first {
        diagnostics.byBlock[0] = [
          Diagnostic.error(
            message, path: source.displayPath,
            at: SourceLocation(line: first.codeLine, column: 0))
        ]
      }
      return Outcome(executable: nil, diagnostics: diagnostics, output: message, seconds: seconds)
    }
    let output = result.stderr + (result.stdout.isEmpty ? "" : "\n" + result.stdout)
    // The linker names a block's line only from line tables: a link that failed without them
    // is done again with them, so that its errors are placed.
    if result.termination != .exited(0), !lineTables, output.contains("link command failed") {
      var placing = self
      placing.lineTables = true
      return try placing.compile(source, in: workDirectory)
    }
    var diagnostics = CompilerDiagnostics(
      output: output, source: source, generatedPath: mainPath)
    let succeeded = result.termination == .exited(0)
    if !succeeded, diagnostics.unattributedErrors.isEmpty,
      !diagnostics.byBlock.values.contains(where: { $0.contains { $0.severity == .error } })
    {
      diagnostics.unattributedErrors.append(
        output.isEmpty ? "swiftc: \(result.termination.description)" : output)
      diagnostics.unattributed.append(
        .error(
          "the compiler ended with \(result.termination.description) and no error message",
          path: "swiftc", at: nil))
    }
    return Outcome(
      executable: succeeded ? executable : nil, diagnostics: diagnostics, output: output,
      seconds: seconds)
  }
}
