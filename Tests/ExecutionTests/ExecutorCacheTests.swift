import BlockRecords
import Foundation
import Testing

@testable import Execution

@Suite(.enabled(if: TestRuntime.available, Comment(rawValue: TestRuntime.skipMessage)))
struct ExecutorCacheTests {
  @Test func aSecondRunIsACacheHitAndAnEditedBlockIsAMiss() throws {
    let cache = TestRuntime.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let executor = TestRuntime.executor(cache: cache)
    let request = TestRuntime.request("cached", [(3, "show(\"a\", 1.0)")])
    let first = try executor.run(request, useCache: true)
    #expect(!first.fromCache)
    let second = try executor.run(request, useCache: true)
    #expect(second.fromCache)
    #expect(second.blocks == first.blocks)

    var edited = request
    edited.blocks[0].code = "show(\"a\", 2.0)"
    let third = try executor.run(edited, useCache: true)
    #expect(!third.fromCache)
    #expect(third.blocks[0].values.map(\.content) == [.scalar("2")])

    var moved = request
    moved.blocks[0].options.timeoutSeconds = 3
    #expect(!(try executor.run(moved, useCache: true)).fromCache)
  }

  @Test func forcingARunIgnoresTheCacheAndDeletingItIsSafe() throws {
    let cache = TestRuntime.temporaryFolder()
    let executor = TestRuntime.executor(cache: cache)
    let request = TestRuntime.request("forced", [(3, "check(true, \"x\")")])
    _ = try executor.run(request, useCache: true)
    #expect(!(try executor.run(request, useCache: false)).fromCache)
    try FileManager.default.removeItem(atPath: cache)
    #expect(!(try executor.run(request, useCache: true)).fromCache)
    #expect(try executor.run(request, useCache: true).fromCache)
    try? FileManager.default.removeItem(atPath: cache)
  }

  @Test func aMissingRuntimeIsAThrownErrorNotAResult() {
    let executor = Executor(
      configuration: ExecutorConfiguration(runtimeDirectory: "/nonexistent-runtime"))
    #expect(throws: ExecutorError.self) {
      try executor.run(TestRuntime.request("x", [(1, "check(true, \"x\")")]), useCache: false)
    }
  }

  @Test func runsSeveralDocumentsAtOnce() async throws {
    let executor = TestRuntime.executor()
    let results = try await withThrowingTaskGroup(of: (Int, DocumentRun).self) { group in
      for number in 0..<3 {
        group.addTask {
          let request = TestRuntime.request(
            "doc\(number)", [(2, "checkClose(Double(\(number)) * 2, \(number * 2).0, \"twice\")")])
          return (number, try executor.run(request, useCache: false))
        }
      }
      var results: [Int: DocumentRun] = [:]
      for try await (number, run) in group { results[number] = run }
      return results
    }
    for number in 0..<3 {
      #expect(results[number]?.blocks.first?.status == .passed)
      #expect(
        results[number]?.blocks.first?.checks.first?.location.file == "Content/doc\(number).md")
    }
  }
}
