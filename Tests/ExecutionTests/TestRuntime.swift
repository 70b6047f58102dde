import BlockRecords
import Foundation
import TestSupport
import Testing

@testable import Execution

/// The runtime library `swift build` made, and executors and requests on it.
enum TestRuntime {
  /// The folder that holds the runtime library and the module blocks import; throws
  /// `BuiltProducts.NotBuilt`, which fails the test, when `swift build` has not made them.
  static func directory() throws -> String {
    try BuiltProducts.folder(
      holding: [ExecutorConfiguration.runtimeLibraryName, "Modules/BlockRuntime.swiftmodule"],
      for: "the block runtime (libHWBlockRuntime)"
    ).path
  }

  /// An executor on the built runtime, without a cache unless one is given.
  static func executor(cache: String? = nil, limits: ResourceLimits = ResourceLimits()) throws
    -> Executor
  {
    Executor(
      configuration: ExecutorConfiguration(
        runtimeDirectory: try directory(), cacheDirectory: cache, limits: limits))
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
}
