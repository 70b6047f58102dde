import Builder
import Diagnostics
import Execution
import Foundation

/// How the commands run verify blocks: with the runtime library built beside `hw`, a cache
/// beside the content folder, and the sandbox asked for (or the best one the machine allows).
enum Runners {
  /// The folder, beside the content folder, where results are cached. Safe to delete.
  static func cachePath(contentPath: String) -> String {
    URL(fileURLWithPath: contentPath).standardizedFileURL.deletingLastPathComponent()
      .appendingPathComponent(".hw-cache").path
  }

  /// An executor, checked to be usable; says once on standard error when runners cannot be
  /// contained.
  static func executor(contentPath: String, sandbox: SandboxRequest) throws(ToolError)
    -> Executor
  {
    let executor = Executor(
      configuration: ExecutorConfiguration(
        runtimeDirectory: ExecutorConfiguration.executableDirectory,
        cacheDirectory: cachePath(contentPath: contentPath), sandbox: sandbox,
        contentDirectory: contentPath),
      warn: { FileHandle.standardError.write(Data("hw: warning: \($0)\n".utf8)) })
    do {
      try executor.validate()
    } catch {
      throw ToolError(error.description)
    }
    return executor
  }
}
