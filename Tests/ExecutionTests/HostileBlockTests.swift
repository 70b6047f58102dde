import BlockRecords
import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Execution

/// Blocks that the compiler or the linker rejects in ways it does not place in a block: each is
/// the block's own compile error, and the blocks before it still run.
@Suite
struct HostileBlockTests {
  @Test func refusesSourceLocationWhereverABlockWritesIt() throws {
    let request = TestRuntime.request(
      "moved",
      [
        (3, "check(true, \"first\")"),
        (7, "let a = 1 // #sourceLocation(file: \"x.swift\", line: 1)\nlet b: Int = \"no\""),
        (12, "check(true, \"third\")"),
        (16, "#sourceLocation()"),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    func refused(_ line: Int, _ column: Int) -> BlockStatus {
      .compileError([
        .error(
          VerifyBlock.sourceLocationMessage, path: "Content/moved.md",
          at: SourceLocation(line: line, column: column))
      ])
    }
    #expect(
      run.blocks.map(\.status) == [
        .passed, refused(7, 14), .notRun(reason: "an earlier block (line 7) did not compile"),
        refused(16, 1),
      ])
    #expect(run.blocks[0].checks.map(\.label) == ["first"])
  }

  @Test func aLinkErrorIsAnErrorOfTheBlockThatCallsTheMissingFunction() throws {
    let request = TestRuntime.request(
      "link",
      [
        (3, "check(true, \"first\")"),
        (7, "@_silgen_name(\"hw_test_missing\")\nfunc missing() -> Int32\nprint(missing())"),
        (13, "check(true, \"third\")"),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(
      run.blocks.map(\.status) == [
        .passed,
        .compileError([
          .error(
            "undefined reference to 'hw_test_missing'", path: "Content/link.md",
            at: SourceLocation(line: 9, column: 0))
        ]),
        .notRun(reason: "an earlier block (line 7) did not compile"),
      ])
    #expect(run.blocks[0].checks.map(\.label) == ["first"])
  }

  @Test func aCommentNeverClosedFailsTheBlockWhereItStarts() throws {
    let request = TestRuntime.request(
      "comment",
      [
        (3, "check(true, \"a\")"),
        (7, "check(true, \"b\")"),
        (11, "/* never closed\ncheck(true, \"c\")"),
        (16, "check(true, \"d\")"),
        (20, "check(true, \"e\")"),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    let notRun = BlockStatus.notRun(reason: "an earlier block (line 11) did not compile")
    #expect(
      run.blocks.map(\.status) == [
        .passed, .passed,
        .compileError([
          Diagnostic(
            .error, "unterminated '/*' comment", path: "Content/comment.md",
            at: SourceLocation(line: 11, column: 1),
            notes: [
              .init(
                "comment started here", at: SourceLocation(line: 11, column: 1),
                path: "Content/comment.md")
            ])
        ]),
        notRun, notRun,
      ])
    #expect(run.blocks.flatMap(\.checks).map(\.label) == ["a", "b"])
  }

  @Test func anIfNeverClosedFailsItsOwnBlockNotTheLastOne() throws {
    // The compiler reports it at the end of the file, which the `#sourceLocation` lines it
    // hides map into the last block: blamed alone, that block left the blocks before it
    // failing to compile, and none of them ran.
    let request = TestRuntime.request(
      "conditional",
      [
        (3, "check(true, \"a\")"),
        (7, "#if false\nlet x = 1"),
        (12, "check(true, \"c\")"),
        (16, "check(true, \"d\")"),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    let notRun = BlockStatus.notRun(reason: "an earlier block (line 7) did not compile")
    #expect(
      run.blocks.map(\.status) == [
        .passed,
        .compileError([
          .error(
            "expected #else or #endif at end of conditional compilation block",
            path: "Content/conditional.md", at: SourceLocation(line: 8, column: 0))
        ]),
        notRun, notRun,
      ])
    #expect(run.blocks.flatMap(\.checks).map(\.label) == ["a"])
  }

  @Test func aCompilerThatCannotCompileAnEmptyRunnerIsTheToolsProblem() throws {
    let folder = TemporaryFolder()
    let compiler = folder.path + "/swiftc"
    try "#!/bin/sh\necho 'error: no such module BlockRuntime' >&2\nexit 1\n".write(
      toFile: compiler, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: compiler)
    let executor = Executor(
      configuration: ExecutorConfiguration(
        runtimeDirectory: try TestRuntime.directory(), compilerPath: compiler))
    let request = TestRuntime.request("broken", [(3, "print(1)"), (7, "print(2)")])
    #expect(throws: ExecutorError.toolchainFailed(output: "error: no such module BlockRuntime")) {
      try executor.run(request, useCache: false)
    }
  }
}
