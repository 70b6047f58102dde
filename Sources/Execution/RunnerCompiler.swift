import BlockRecords
import Diagnostics
import Foundation

/// Compiles a generated runner with `swiftc` against the block runtime library.
struct RunnerCompiler {
  var toolchain: Toolchain
  var runtimeDirectory: String
  /// Seconds a compile may take before it is stopped and reported at the first block.
  var timeoutSeconds: Double = 120

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

  /// Writes `source` to `<workDirectory>/main.swift` and compiles it to `runner`:
  /// `-Onone -gline-tables-only` (line tables for located backtraces; `-O` measured about
  /// five times slower to compile a ten-block document), Swift 5 language mode (top-level
  /// code is not main-actor isolated, as in a notebook), `-diagnostic-style=llvm`, rpath to the
  /// runtime folder. The compiler's temporary files go to `workDirectory` too, so that they
  /// are removed with it and their paths are recognised as the runner's (`ScratchPaths`).
  func compile(_ source: RunnerSource, in workDirectory: String) throws(ExecutorError) -> Outcome {
    let mainPath = workDirectory + "/main.swift"
    let executable = workDirectory + "/runner"
    guard FileManager.default.createFile(atPath: mainPath, contents: Data(source.text.utf8))
    else { throw .system("cannot write \(mainPath)") }
    let arguments = [
      "-Onone", "-gline-tables-only", "-swift-version", "5", "-diagnostic-style=llvm",
      "-no-color-diagnostics",
      "-module-name", "HWDocument",
      "-I", runtimeDirectory + "/Modules", "-L", runtimeDirectory, "-lHWBlockRuntime",
      "-Xlinker", "-rpath", "-Xlinker", runtimeDirectory,
      mainPath, "-o", executable,
    ]
    let started = Date()
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "dumb"
    environment["TMPDIR"] = workDirectory
    let result = try ChildProcess.run(
      executable: toolchain.swiftc, arguments: arguments, environment: environment,
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
