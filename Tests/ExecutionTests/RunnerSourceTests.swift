import BlockRecords
import Diagnostics
import Testing

@testable import Execution

@Suite struct RunnerSourceTests {
  static let blocks = [
    VerifyBlock(code: "let x = 1\nprint(x)\n", codeLine: 12, options: VerifyOptions(), index: 0),
    VerifyBlock(code: "check(x == 1, \"one\")", codeLine: 20, options: VerifyOptions(), index: 1),
  ]

  @Test func wrapsEachBlockInItsSourceLocationWithOneBoundaryCallBetweenTwo() {
    let source = RunnerSource(displayPath: "Content/a \"b\".md", blocks: Self.blocks)
    #expect(
      source.text == """
        // Generated from Content/a "b".md: every `swift verify` block, in order.
        import Foundation
        import BlockRuntime
        BlockRuntime._hwRunnerStart(beginning: 0)
        #sourceLocation(file: "Content/a \\"b\\".md", line: 12)
        let x = 1
        print(x)
        #sourceLocation()
        BlockRuntime._hwBlockBoundary(0, 1)
        #sourceLocation(file: "Content/a \\"b\\".md", line: 20)
        check(x == 1, "one")
        #sourceLocation()
        BlockRuntime._hwBlockEnd(1)

        """)
    #expect(source.generatedLines == [4...9, 9...13])
  }

  /// Appended blocks (a grader's asks) are one function's statements, declared before the
  /// document's blocks (where the compiler looks their names up in few scopes) and called
  /// after the last of them.
  @Test func putsAppendedBlocksInAFunctionDeclaredFirstAndCalledLast() {
    let ask = VerifyBlock(code: "show(x)\n", codeLine: 40, options: VerifyOptions(), index: 2)
    let source = RunnerSource(
      displayPath: "Content/a.md", blocks: Self.blocks + [ask], appendedCount: 1)
    let function = RunnerSource.appendedFunctionName(blocks: Self.blocks + [ask])
    #expect(function.hasPrefix("_hwAppended_") && function.count == 28)
    #expect(
      source.text == """
        // Generated from Content/a.md: every `swift verify` block, in order.
        import Foundation
        import BlockRuntime
        func \(function)() {
        BlockRuntime._hwBlockBegin(2)
        #sourceLocation(file: "Content/a.md", line: 40)
        show(x)
        #sourceLocation()
        BlockRuntime._hwBlockEnd(2)
        }
        BlockRuntime._hwRunnerStart(beginning: 0)
        #sourceLocation(file: "Content/a.md", line: 12)
        let x = 1
        print(x)
        #sourceLocation()
        BlockRuntime._hwBlockBoundary(0, 1)
        #sourceLocation(file: "Content/a.md", line: 20)
        check(x == 1, "one")
        #sourceLocation()
        BlockRuntime._hwBlockEnd(1)
        \(function)()

        """)
    #expect(source.generatedLines == [11...16, 16...20, 5...9])
    #expect(source.blockPosition(forGeneratedLine: 7) == 2)
    #expect(source.blockPosition(forGeneratedLine: 10) == 2)
    #expect(source.blockPosition(forGeneratedLine: 21) == 1)
    // The runner of the document's first block has no appended block left.
    #expect(source.prefix(1).appendedCount == 0)
    #expect(!source.prefix(1).text.contains("_hwAppended_"))
    #expect(source.prefix(3) == source)
  }

  @Test func findsTheBlockOfAMarkdownLineOrAGeneratedLine() {
    let source = RunnerSource(displayPath: "Content/a.md", blocks: Self.blocks)
    #expect(source.blockPosition(forMarkdownLine: 12) == 0)
    #expect(source.blockPosition(forMarkdownLine: 13) == 0)
    #expect(source.blockPosition(forMarkdownLine: 14) == nil)
    #expect(source.blockPosition(forMarkdownLine: 20) == 1)
    #expect(source.blockPosition(forGeneratedLine: 8) == 0)
    #expect(source.blockPosition(forGeneratedLine: 9) == 0)
    #expect(source.blockPosition(forGeneratedLine: 10) == 1)
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
