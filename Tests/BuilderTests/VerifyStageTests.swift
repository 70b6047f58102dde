import BlockRecords
import Diagnostics
import Testing

@testable import Builder

/// What `hw build` prints about a run: the document named as the user named it.
@Suite struct VerifyStageTests {
  @Test func namesTheDocumentAsTheUserDidAndShowsUnknownColumnsAsOne() {
    let compileError = Diagnostic(
      .error, "expected '}' at end of brace statement", path: "Content/hw.md",
      at: SourceLocation(line: 9, column: 0),
      notes: [
        .init("to match this opening '{'", at: SourceLocation(line: 8, column: 10)),
        .init("declared here", at: SourceLocation(line: 3, column: 0), path: "Content/hw.md"),
        .init("found this candidate", at: SourceLocation(line: 40, column: 3), path: "Swift.f"),
      ])
    let run = DocumentRun(blocks: [
      BlockRun(index: 0, line: 8, status: .compileError([compileError])),
      BlockRun(
        index: 1, line: 14,
        status: .crashed(
          message: "Fatal error: boom",
          location: FileLocation(path: "Content/hw.md", line: 15, column: 0))),
      BlockRun(index: 2, line: 20, status: .crashed(message: "killed", location: nil)),
    ])
    let shown = VerifyStage.diagnostics(
      of: run, path: "../hw/Content/hw.md", sitePath: "Content/hw.md")
    #expect(
      shown.map(\.description) == [
        """
        ../hw/Content/hw.md:9:1: error: expected '}' at end of brace statement
        ../hw/Content/hw.md:8:10: note: to match this opening '{'
        ../hw/Content/hw.md:3:1: note: declared here
        Swift.f:40:3: note: found this candidate
        """,
        "../hw/Content/hw.md:15:1: error: the block crashed: Fatal error: boom",
        "../hw/Content/hw.md:20:1: error: the block crashed: killed",
      ])
  }
}
