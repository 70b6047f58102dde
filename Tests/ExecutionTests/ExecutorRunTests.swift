import BlockRecords
import Diagnostics
import Foundation
import Testing

@testable import Execution

@Suite struct ExecutorRunTests {
  @Test func aPassingDocumentReportsEveryCheckValueAndLine() throws {
    let request = TestRuntime.request(
      "pass",
      [
        (10, "let x = 2.0\nprint(\"x is\", x)\ncheck(x > 1, \"x is above one\")"),
        (
          20,
          "checkClose(x * x, 4.0, \"square\")\nshow(\"x\", x)\nshow(\"v\", [1.0, 2.5])\n"
            + "show(\"m\", [[1.0, 0.0], [0.0, 1.0]])"
        ),
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks.map(\.status) == [.passed, .passed])
    #expect(run.blocks[0].stdout == "x is 2.0\n")
    #expect(run.blocks[1].stdout == "")
    #expect(
      run.blocks[0].checks == [
        CheckRecord(
          block: 0, kind: .condition, label: "x is above one", passed: true,
          location: FileLocation(path: "Content/pass.md", line: 12, column: 6))
      ])
    let close = try #require(run.blocks[1].checks.first)
    #expect(close.kind == .close)
    #expect(close.actual == "4" && close.expected == "4" && close.passed)
    #expect(close.location == FileLocation(path: "Content/pass.md", line: 20, column: 11))
    #expect(
      run.blocks[1].values.map(\.content) == [
        .scalar("2"), .vector(["1", "2.5"]), .matrix([["1", "0"], ["0", "1"]]),
      ])
    #expect(run.blocks[1].values.map(\.location.location.line) == [21, 22, 23])
  }

  /// Appended blocks run last, in the function the runner declares before the document's
  /// blocks: they see the final value of a top-level variable, functions and types declared
  /// in any block, and their records, output, compile errors and crashes are their own.
  @Test func appendedBlocksSeeWhatTheDocumentDeclaresAndAnswerForThemselves() throws {
    var request = TestRuntime.request(
      "appended",
      [
        (10, "var total = 1.0\nfunc double(_ v: Double) -> Double { 2 * v }"),
        (20, "struct Pair { var a, b: Double }\ntotal += 2"),
        (40, "print(\"asked\")\nshow(\"answer\", double(total) + Pair(a: 1, b: 0).a)"),
        (50, "show(\"late\", total)"),
      ])
    request.appendedCount = 2
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks.map(\.status) == [.passed, .passed, .passed, .passed])
    #expect(run.blocks[2].stdout == "asked\n")
    #expect(run.blocks[2].values.map(\.content) == [.scalar("7")])
    #expect(run.blocks[2].values.first?.location.location.line == 41)
    #expect(run.blocks[3].values.map(\.content) == [.scalar("3")])

    // An appended block that does not compile is located in its own lines; one that crashes
    // stops after the document's blocks ran.
    request.blocks[2].code = "show(\"answer\", double(\"three\"))"
    request.blocks[3].code = "let v: [Double] = []\nshow(\"late\", v[1])"
    let broken = try TestRuntime.executor().run(request, useCache: false)
    guard case .compileError(let errors) = broken.blocks[2].status else {
      Issue.record("expected a compile error, got \(broken.blocks[2].status)")
      return
    }
    #expect(errors.first?.location?.line == 40)
    request.blocks[2].code = "print(\"asked\")"
    let crashed = try TestRuntime.executor().run(request, useCache: false)
    #expect(crashed.blocks.prefix(3).map(\.status) == [.passed, .passed, .passed])
    guard case .crashed = crashed.blocks[3].status else {
      Issue.record("expected a crash, got \(crashed.blocks[3].status)")
      return
    }
  }
}
