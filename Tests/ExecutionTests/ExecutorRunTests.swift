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
}
