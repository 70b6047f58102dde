import BlockRecords
import Foundation
import Testing

@testable import Execution

/// Where `swift build` put the runtime library, found from this file's path.
enum TestRuntime {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `.build/debug` (or the folder of the running test bundle) when it holds the library.
  static let directory: String? = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path,
      packageRoot.appendingPathComponent(".build/debug").path,
    ]
    return candidates.first { path in
      FileManager.default.fileExists(
        atPath: path + "/" + ExecutorConfiguration.runtimeLibraryName)
        && FileManager.default.fileExists(atPath: path + "/Modules/BlockRuntime.swiftmodule")
    }
  }()

  /// True when runner tests can run; they are skipped (with this message) otherwise.
  static let available = directory != nil
  static let skipMessage = "libHWBlockRuntime not built: run `swift build` before `swift test`"

  /// An executor on the built runtime, without a cache unless one is given.
  static func executor(cache: String? = nil, limits: ResourceLimits = ResourceLimits())
    -> Executor
  {
    Executor(
      configuration: ExecutorConfiguration(
        runtimeDirectory: directory ?? "", cacheDirectory: cache, limits: limits))
  }

  /// A request for `Content/<name>.md` whose blocks start at the given lines.
  static func request(
    _ name: String, _ blocks: [(line: Int, code: String)],
    options: [Int: VerifyOptions] = [:]
  ) -> ExecutionRequest {
    ExecutionRequest(
      displayPath: "Content/\(name).md",
      blocks: blocks.enumerated().map { index, block in
        VerifyBlock(
          code: block.code, codeLine: block.line, options: options[index] ?? VerifyOptions(),
          index: index)
      })
  }

  /// A fresh temporary folder.
  static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "hw-test-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
