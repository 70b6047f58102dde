import BlockRecords
import Diagnostics
import Testing

@testable import Execution

@Suite struct RunnerSourceTests {
  static let blocks = [
    VerifyBlock(code: "let x = 1\nprint(x)\n", codeLine: 12, options: VerifyOptions(), index: 0),
    VerifyBlock(code: "check(x == 1, \"one\")", codeLine: 20, options: VerifyOptions(), index: 1),
  ]

  @Test func wrapsEachBlockInItsSourceLocationAndBoundaryCalls() {
    let source = RunnerSource(displayPath: "Content/a \"b\".md", blocks: Self.blocks)
    #expect(
      source.text == """
        // Generated from Content/a "b".md: every `swift verify` block, in order.
        import Foundation
        import BlockRuntime
        BlockRuntime._hwRunnerStart()
        BlockRuntime._hwBlockBegin(0)
        #sourceLocation(file: "Content/a \\"b\\".md", line: 12)
        let x = 1
        print(x)
        #sourceLocation()
        BlockRuntime._hwBlockEnd(0)
        BlockRuntime._hwBlockBegin(1)
        #sourceLocation(file: "Content/a \\"b\\".md", line: 20)
        check(x == 1, "one")
        #sourceLocation()
        BlockRuntime._hwBlockEnd(1)

        """)
    #expect(source.generatedLines == [5...10, 11...15])
  }

  @Test func findsTheBlockOfAMarkdownLineOrAGeneratedLine() {
    let source = RunnerSource(displayPath: "Content/a.md", blocks: Self.blocks)
    #expect(source.blockPosition(forMarkdownLine: 12) == 0)
    #expect(source.blockPosition(forMarkdownLine: 13) == 0)
    #expect(source.blockPosition(forMarkdownLine: 14) == nil)
    #expect(source.blockPosition(forMarkdownLine: 20) == 1)
    #expect(source.blockPosition(forGeneratedLine: 9) == 0)
    #expect(source.blockPosition(forGeneratedLine: 40) == 1)
    #expect(source.blockPosition(forGeneratedLine: 2) == nil)
  }

  @Test func parsesCompilerOutputIntoLocatedDiagnosticsWithNotes() {
    let source = RunnerSource(displayPath: "Content/a.md", blocks: Self.blocks)
    let output = """
      Content/a.md:20:7: error: binary operator '==' cannot be applied
      check(x == "1", "one")
            ^
      Content/a.md:12:5: note: 'x' declared here
      let x = 1
          ^
      Content/a.md:13:1: warning: something minor
      /tmp/w/main.swift:2:8: error: no such module 'Missing'
      error: fatalError
      """
    let diagnostics = CompilerDiagnostics(
      output: output, source: source, generatedPath: "/tmp/w/main.swift")
    #expect(
      diagnostics.byBlock[1] == [
        Diagnostic(
          .error, "binary operator '==' cannot be applied", path: "Content/a.md",
          at: SourceLocation(line: 20, column: 7),
          notes: [
            .init(
              "'x' declared here", at: SourceLocation(line: 12, column: 5),
              path: "Content/a.md")
          ])
      ])
    #expect(diagnostics.byBlock[0]?.map(\.severity) == [.warning])
    #expect(
      diagnostics.unattributedErrors == [
        "/tmp/w/main.swift:2:8: error: no such module 'Missing'", "error: fatalError",
      ])
  }
}
