import BlockRecords
import Diagnostics
import Foundation
import Testing

@testable import Execution

@Suite struct ExecutorFaultTests {
  @Test func locatesCompileErrorsInTheMarkdownFileAndStillRunsEarlierBlocks() throws {
    let request = TestRuntime.request(
      "compile",
      [
        (5, "check(true, \"first\")"),
        (12, "let y: Int = 1\nlet z = y + undefinedName"),
        (20, "check(true, \"third\")"),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks[0].status == .passed)
    #expect(run.blocks[0].checks.count == 1)
    guard case .compileError(let diagnostics) = run.blocks[1].status else {
      Issue.record("expected a compile error, got \(run.blocks[1].status)")
      return
    }
    let error = try #require(diagnostics.first)
    #expect(error.severity == .error)
    #expect(error.message == "cannot find 'undefinedName' in scope")
    #expect(error.fileLocation == FileLocation(path: "Content/compile.md", line: 13, column: 13))
    #expect(
      run.blocks[2].status
        == .notRun(reason: "an earlier block (line 12) did not compile"))
  }

  @Test func reportsACrashAtItsLineAndLaterBlocksAsNotRun() throws {
    let request = TestRuntime.request(
      "crash",
      [
        (3, "print(\"before\")\ncheck(true, \"fine\")"),
        (
          8,
          "let values = [1, 2, 3]\nprint(\"about to fail\")\nlet i = values.count\n"
            + "print(values[i])"
        ),
        (15, "check(true, \"never\")"),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks[0].status == .passed)
    #expect(run.blocks[1].stdout == "about to fail\n")
    #expect(
      run.blocks[1].status
        == .crashed(
          message: "Fatal error: Index out of range",
          location: FileLocation(path: "Content/crash.md", line: 11, column: 13)))
    #expect(run.blocks[2].status == .notRun(reason: "an earlier block (line 8) crashed"))
  }

  @Test func locatesFatalErrorCallsFromTheRuntimeMessage() throws {
    let request = TestRuntime.request(
      "fatal", [(4, "func boom() -> Never {\n  fatalError(\"boom\")\n}\nboom()")])
    let run = try TestRuntime.executor().run(request, useCache: false)
    guard case .crashed(let message, let location) = run.blocks[0].status else {
      Issue.record("expected a crash, got \(run.blocks[0].status)")
      return
    }
    #expect(message == "Fatal error: boom")
    #expect(location?.path == "Content/fatal.md")
    #expect(location?.location.line == 5)
    #expect(run.blocks[0].stderr.contains("Fatal error: boom"))
    #expect(!run.blocks[0].stderr.contains("Backtracing"))
  }

  @Test func killsABlockPastItsTimeoutAndDoesNotRunTheRest() throws {
    let request = TestRuntime.request(
      "slow",
      [
        (2, "check(true, \"quick\")"),
        (6, "print(\"spinning\")\nwhile true { usleep(1000) }"),
        (10, "check(true, \"after\")"),
      ],
      options: [1: VerifyOptions(timeoutSeconds: 0.5)])
    let started = Date()
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(run.blocks[0].status == .passed)
    #expect(run.blocks[1].status == .timedOut(seconds: 0.5))
    #expect(run.blocks[1].stdout == "spinning\n")
    #expect(
      run.blocks[2].status
        == .notRun(reason: "an earlier block (line 6) ran past its time limit of 0.5 s"))
  }

  @Test func cutsOutputPastTheLimitWithANote() throws {
    let request = TestRuntime.request(
      "loud",
      [
        (
          2,
          "let line = String(repeating: \"x\", count: 1023)\n"
            + "for _ in 0..<1100 { print(line) }\ncheck(true, \"still running\")"
        )
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    let block = run.blocks[0]
    #expect(block.status == .passed)
    #expect(block.outputTruncated)
    #expect(block.stdout.utf8.count < (1 << 20) + 200)
    #expect(block.stdout.hasSuffix("[stdout cut: the block wrote more than 1048576 bytes]\n"))
  }

  @Test func anExpectFailureBlockHoldsWhenACheckFails() throws {
    let request = TestRuntime.request(
      "errata",
      [
        (3, "checkClose(2.0 + 2.0, 5.0, \"the wrong formula\")"),
        (7, "checkClose([1.0, 2.0], [1.0, 2.0], \"agrees\")"),
      ],
      options: [0: VerifyOptions(flags: .expectFailure), 1: VerifyOptions(flags: .expectFailure)])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks[0].status == .expectedFailureHeld)
    #expect(run.blocks[1].status == .expectedFailureDidNotFail)
    let failed = try #require(run.blocks[0].checks.first)
    #expect(!failed.passed && failed.actual == "4" && failed.expected == "5")
    #expect(failed.worstError == "0.2")
  }

  @Test func aFailedVectorCheckNamesTheWorstIndex() throws {
    let request = TestRuntime.request(
      "vector", [(3, "checkClose([1.0, 2.0, 3.5], [1.0, 2.0, 3.0], tolerance: 1e-6, \"grad\")")])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks[0].status == .failed)
    let check = try #require(run.blocks[0].checks.first)
    #expect(check.worstIndex == 2)
    #expect(check.worstError == "0.166667")
    #expect(check.actual == "[1, 2, 3.5]")
  }

  @Test func blocksShareDeclarationsLikeANotebook() throws {
    let request = TestRuntime.request(
      "notebook",
      [
        (3, "func square(_ x: Double) -> Double { x * x }\nvar total = 0.0"),
        (9, "total += square(3)\nstruct Point { var x: Double }"),
        (14, "let p = Point(x: total)\ncheckClose(p.x, 9, \"shared state\")"),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks.map(\.status) == [.passed, .passed, .passed])
    #expect(run.blocks[2].checks.map(\.passed) == [true])
  }

  @Test func anUnclosedBraceIsAnErrorOfTheBlockThatOpenedIt() throws {
    let request = TestRuntime.request(
      "brace",
      [(3, "check(true, \"a\")"), (8, "func f() {\n  print(1)\n"), (14, "check(true, \"c\")")])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks[0].status == .passed)
    guard case .compileError(let diagnostics) = run.blocks[1].status else {
      Issue.record("expected a compile error, got \(run.blocks[1].status)")
      return
    }
    #expect(
      diagnostics.first?.fileLocation
        == FileLocation(path: "Content/brace.md", line: 9, column: 0))
    let note = diagnostics.first?.notes.first
    #expect(note?.path == "Content/brace.md")
    #expect(note?.location == SourceLocation(line: 8, column: 10))
    #expect(run.blocks[2].status == .notRun(reason: "an earlier block (line 8) did not compile"))
  }

  @Test func outputWrittenJustBeforeACrashIsKept() throws {
    let request = TestRuntime.request(
      "partial", [(3, "print(\"partial\", terminator: \"\")\nlet zero = 0\nprint(1 / zero)")])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks[0].stdout == "partial")
    #expect(
      run.blocks[0].status
        == .crashed(
          message: "Fatal error: Division by zero",
          location: FileLocation(path: "Content/partial.md", line: 5, column: 9)))
  }

  @Test func aBlockThatExitsOrThrowsEndsTheDocumentLikeACrash() throws {
    let request = TestRuntime.request(
      "exits", [(3, "exit(0)"), (8, "check(true, \"never\")")])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(
      run.blocks.map(\.status) == [
        .crashed(message: "the block ended the program (exit status 0)", location: nil),
        .notRun(reason: "an earlier block (line 3) crashed"),
      ])
    let throwing = TestRuntime.request("throws", [(3, "struct Oops: Error {}\nthrow Oops()")])
    let thrown = try TestRuntime.executor().run(throwing, useCache: false)
    guard case .crashed(let message, _) = thrown.blocks[0].status else {
      Issue.record("expected a crash, got \(thrown.blocks[0].status)")
      return
    }
    #expect(message == "Fatal error: Error raised at top level: HWDocument.Oops()")
  }

  @Test func aCompileThatRunsTooLongIsAnErrorAtTheFirstBlock() throws {
    let executor = Executor(
      configuration: ExecutorConfiguration(
        runtimeDirectory: try TestRuntime.directory(), compileTimeoutSeconds: 0.05))
    let request = TestRuntime.request("slowbuild", [(4, "check(true, \"a\")"), (9, "print(1)")])
    let run = try executor.run(request, useCache: false)
    #expect(
      run.blocks.map(\.status) == [
        .compileError([
          .error(
            "the compiler did not finish within 0.05 s", path: "Content/slowbuild.md",
            at: SourceLocation(line: 4, column: 0))
        ]),
        .notRun(reason: "an earlier block (line 4) did not compile"),
      ])
  }
}
