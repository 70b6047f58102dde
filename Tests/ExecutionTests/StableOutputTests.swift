import Diagnostics
import Testing

@testable import Execution

/// What is kept of a compile or a run names no scratch folder and no thread, so that pages,
/// reports and the manifest are the same bytes on every run.
@Suite struct StableOutputTests {
  static let folder = "/tmp/hw-run-4242-6795ABF0-6747-431B-99A0-E1B1AE265923"

  @Test(arguments: [
    (folder + "/main.swift:4:1: error: x", "<runner>:4:1: error: x"),
    ("cannot open '\(folder)/scratch/data.csv'", "cannot open '<scratch>/data.csv'"),
    ("\(folder)/scratch", "<scratch>"),
    (
      "\(folder)/prefix-2/TemporaryDirectory.a1B2c3/main-4d5e6f.o:(.text+0x1c): error",
      "<runner>:(.text+0x1c): error"
    ),
    (
      "hw-run-4242-6795ABF0-6747-431B-99A0-E1B1AE265923 and \(folder)/runner",
      "<runner> and <runner>"
    ),
    ("/tmp/hw-run-4242-not-a-uuid/main.swift", "/tmp/hw-run-4242-not-a-uuid/main.swift"),
  ])
  func replacesScratchPathsByTheirRole(text: String, stable: String) {
    #expect(ScratchPaths.stable(text) == stable)
  }

  @Test func notesIntoTheGeneratedRunnerAreShownThere() {
    let block = VerifyBlock(
      code: "internal import Foundation", codeLine: 8, options: VerifyOptions(), index: 0)
    let source = RunnerSource(displayPath: "Content/a.md", blocks: [block])
    let output = """
      \(Self.folder)/main.swift:2:8: error: ambiguous implicit access level for import of 'Foundation'
      import Foundation
             ^
      \(Self.folder)/main.swift:2:8: note: silence these warnings by adopting the upcoming feature
      Content/a.md:8:1: note: imported 'internal' here
      """
    let diagnostics = CompilerDiagnostics(
      output: output, source: source, generatedPath: Self.folder + "/main.swift")
    #expect(
      diagnostics.byBlock[0] == [
        Diagnostic(
          .error, "ambiguous implicit access level for import of 'Foundation'",
          path: "Content/a.md", at: SourceLocation(line: 8, column: 0),
          notes: [
            .init(
              "silence these warnings by adopting the upcoming feature",
              at: SourceLocation(line: 2, column: 8), path: "<runner>"),
            .init(
              "imported 'internal' here", at: SourceLocation(line: 8, column: 1),
              path: "Content/a.md"),
          ])
      ])
    #expect(diagnostics.unattributed.isEmpty)
  }

  @Test func errorsInNoBlockGoToTheBlockAtFaultWithTheirOwnPlaceInTheMessage() {
    let blocks = [3, 7].enumerated().map { index, line in
      VerifyBlock(code: "print(\(index))", codeLine: line, options: VerifyOptions(), index: index)
    }
    let source = RunnerSource(displayPath: "Content/a.md", blocks: blocks)
    let output = """
      elsewhere.swift:1:14: error: cannot convert value of type 'String' to specified type 'Int'
      error: link command failed with exit code 1 (use -v to see invocation)
      \(Self.folder)/main.swift:3:1: error: no such module 'BlockRuntime'
      Content/a.md:40:2: error: unterminated '/*' comment
      Content/a.md:7:1: note: comment started here
      clang: error: linker command failed with exit code 1 (use -v to see invocation)
      """
    let diagnostics = CompilerDiagnostics(
      output: output, source: source, generatedPath: Self.folder + "/main.swift")
    // A comment never closed is reported at the end of the file, wherever the last
    // `#sourceLocation` it did not swallow maps that: it goes to the block where it starts.
    let comment = Diagnostic(
      .error, "unterminated '/*' comment", path: "Content/a.md",
      at: SourceLocation(line: 7, column: 1),
      notes: [
        .init(
          "comment started here", at: SourceLocation(line: 7, column: 1),
          path: "Content/a.md")
      ])
    #expect(diagnostics.byBlock == [1: [comment]])
    let place = SourceLocation(line: 7, column: 0)
    #expect(
      diagnostics.errors(attributedTo: 1, of: source) == [
        comment,
        .error(
          "elsewhere.swift:1:14: cannot convert value of type 'String' to specified type 'Int'",
          path: "Content/a.md", at: place),
        .error(
          "link command failed with exit code 1 (use -v to see invocation)",
          path: "Content/a.md", at: place),
        .error("no such module 'BlockRuntime'", path: "Content/a.md", at: place),
        .error(
          "clang: linker command failed with exit code 1 (use -v to see invocation)",
          path: "Content/a.md", at: place),
      ])
  }

  @Test func theLinkerNamesALineOfTheDocumentWithoutAColumn() {
    let block = VerifyBlock(
      code: "@_silgen_name(\"f\") func f()\nf()", codeLine: 5, options: VerifyOptions(), index: 0)
    let source = RunnerSource(displayPath: "Content/a.md", blocks: [block])
    let diagnostics = CompilerDiagnostics(
      output: "Content/a.md:6: error: undefined reference to 'f'\nother.c:6: error: not ours",
      source: source, generatedPath: Self.folder + "/main.swift")
    #expect(
      diagnostics.byBlock[0] == [
        .error(
          "undefined reference to 'f'", path: "Content/a.md", at: SourceLocation(line: 6, column: 0)
        )
      ])
    #expect(diagnostics.unattributed.map(\.message) == ["not ours"])
  }

  @Test func aCrashKeepsItsMessageAndDropsWhatTheRuntimeSaysAboutItself() {
    let stderr = """
      Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range
      swift-runtime: failed to suspend thread 31534 while processing a crash; backtraces will be missing information

      *** Signal 4: Backtracing from 0x7f499e56df7f... done ***


      """
    #expect(
      RunAssembly.withoutCrashReporting(stderr)
        == "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n")
    #expect(RunAssembly.withoutCrashReporting("plain output\n") == "plain output\n")
  }

  @Test func findsEachSourceLocationDirectiveAtItsUTF8Column() {
    let block = VerifyBlock(
      code: "let é = 1; #sourceLocation()\n\n/* #sourceLocation */ \"#sourceLocation\"",
      codeLine: 10, options: VerifyOptions(), index: 0)
    #expect(
      block.sourceLocationErrors(displayPath: "Content/a.md").map(\.location) == [
        SourceLocation(line: 10, column: 13), SourceLocation(line: 12, column: 4),
        SourceLocation(line: 12, column: 24),
      ])
  }
}
