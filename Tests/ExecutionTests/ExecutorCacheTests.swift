import BlockRecords
import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Execution

@Suite struct ExecutorCacheTests {
  @Test func aSecondRunIsACacheHitAndAnEditedBlockIsAMiss() throws {
    let cache = TemporaryFolder()
    let executor = try TestRuntime.executor(cache: cache.path)
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

    var slower = request
    slower.blocks[0].options.timeoutSeconds = 3
    #expect(!(try executor.run(slower, useCache: true)).fromCache)
  }

  @Test func aProseEditThatMovesBlocksIsAHitWithMovedLocations() throws {
    let cache = TemporaryFolder()
    let executor = try TestRuntime.executor(cache: cache.path)
    let request = TestRuntime.request(
      "moved", [(3, "check(true, \"a\")"), (8, "let z: Int = \"no\"")])
    let first = try executor.run(request, useCache: true)
    var moved = request
    moved.blocks[0].codeLine = 5
    moved.blocks[1].codeLine = 13
    let second = try executor.run(moved, useCache: true)
    #expect(second.fromCache)
    #expect(second.blocks.map(\.line) == [5, 13])
    #expect(second.blocks[0].checks[0].location.location.line == 5)
    #expect(first.blocks[0].checks[0].location.location.line == 3)
    guard case .compileError(let diagnostics) = second.blocks[1].status else {
      Issue.record("expected a compile error, got \(second.blocks[1].status)")
      return
    }
    #expect(diagnostics.first?.location?.line == 13)
  }

  @Test func aMovedDocumentWhoseBlockCrashedRunsAgain() throws {
    let cache = TemporaryFolder()
    let executor = try TestRuntime.executor(cache: cache.path)
    let request = TestRuntime.request("crashmove", [(3, "fatalError(\"stop\")")])
    _ = try executor.run(request, useCache: true)
    #expect(try executor.run(request, useCache: true).fromCache)
    var moved = request
    moved.blocks[0].codeLine = 4
    let rerun = try executor.run(moved, useCache: true)
    #expect(!rerun.fromCache)
    #expect(
      rerun.blocks[0].status
        == .crashed(
          message: "Fatal error: stop",
          location: FileLocation(path: "Content/crashmove.md", line: 4, column: 1)))
  }

  @Test func forcingARunIgnoresTheCacheAndDeletingItIsSafe() throws {
    let cache = TemporaryFolder()
    let executor = try TestRuntime.executor(cache: cache.path)
    let request = TestRuntime.request("forced", [(3, "check(true, \"x\")")])
    _ = try executor.run(request, useCache: true)
    #expect(!(try executor.run(request, useCache: false)).fromCache)
    try FileManager.default.removeItem(at: cache.url)
    #expect(!(try executor.run(request, useCache: true)).fromCache)
    #expect(try executor.run(request, useCache: true).fromCache)
  }

  @Test func aMissingRuntimeIsAThrownErrorNotAResult() {
    let executor = Executor(
      configuration: ExecutorConfiguration(runtimeDirectory: "/nonexistent-runtime"))
    #expect(throws: ExecutorError.self) {
      try executor.run(TestRuntime.request("x", [(1, "check(true, \"x\")")]), useCache: false)
    }
  }

  @Test func runsSeveralDocumentsAtOnce() async throws {
    let executor = try TestRuntime.executor()
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
        results[number]?.blocks.first?.checks.first?.location.path == "Content/doc\(number).md")
    }
  }
}
