import Diagnostics
import Foundation

/// Where a document stops compiling: the first block that cannot be compiled, and why.
struct CompileFailure {
  /// Position of the block at fault (the number of blocks when every block compiles).
  var position: Int
  /// The errors of the block at fault and of any later block found wrong; a later block
  /// without errors is not run.
  var errors: [Int: [Diagnostic]]
  /// A runner of the blocks before `position` already compiled on the way, in its folder,
  /// with the warnings of its compile.
  var runnablePrefix: (executable: String, directory: String, warnings: [Int: [Diagnostic]])?

  /// Finds the block at fault in `source`, whose compile gave `diagnostics` and no runner.
  ///
  /// Errors that the compiler places in blocks name the first of them. Errors it places in no
  /// block (a link error without a line, an error past the end of every block) are the
  /// document's problem too: growing prefixes of the blocks are compiled, by bisection, and the
  /// first that fails names the block, with that compile's errors, located at the block. A
  /// toolchain that cannot compile a runner without any block is the tool's problem, and is
  /// thrown. Takes about log₂(blocks) compiles, in folders `prefix-<count>` of `workDirectory`.
  static func locate(
    in source: RunnerSource, diagnostics: CompilerDiagnostics, compiler: RunnerCompiler,
    workDirectory: String
  ) throws(ExecutorError) -> CompileFailure {
    var attributed: [Int: [Diagnostic]] = [:]
    for (position, found) in diagnostics.byBlock {
      let errors = found.filter { $0.severity == .error }
      if !errors.isEmpty { attributed[position] = errors }
    }
    if let first = attributed.keys.min() {
      return CompileFailure(position: first, errors: attributed)
    }

    func compile(_ count: Int) throws(ExecutorError) -> (
      directory: String, outcome: RunnerCompiler.Outcome
    ) {
      let directory = workDirectory + "/prefix-\(count)"
      return (directory, try compiler.compile(source.prefix(count), inNewFolder: directory))
    }
    // The first `passing` blocks compile (no block at all is assumed to, and checked last);
    // the first `failing` do not.
    var passing = 0
    var failing = source.blocks.count
    var failingDiagnostics = diagnostics
    var runnablePrefix: (String, String, [Int: [Diagnostic]])?
    while failing - passing > 1 {
      let middle = (passing + failing) / 2
      let (directory, outcome) = try compile(middle)
      if let executable = outcome.executable {
        passing = middle
        runnablePrefix = (
          executable, directory, Executor.warningsOnly(outcome.diagnostics.byBlock)
        )
      } else {
        failing = middle
        failingDiagnostics = outcome.diagnostics
      }
    }
    if passing == 0 {
      let empty = try compile(0).outcome
      guard empty.executable != nil else {
        let lines = empty.diagnostics.unattributedErrors
        throw .toolchainFailed(
          output: lines.isEmpty ? empty.output : lines.joined(separator: "\n"))
      }
    }
    let position = failing - 1
    return CompileFailure(
      position: position,
      errors: [position: failingDiagnostics.errors(attributedTo: position, of: source)],
      runnablePrefix: runnablePrefix)
  }
}
