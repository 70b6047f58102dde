import Diagnostics
import Testing

/// How the compiler's messages about blocks print on a page and in the reports.
@Suite struct DiagnosticTests {
  @Test func printsAsSwiftcDoesWithEachNoteInItsOwnFile() {
    let diagnostic = Diagnostic(
      .error, "cannot convert value of type 'Int' to 'String'", path: "Content/hw.md",
      at: SourceLocation(line: 12, column: 7),
      notes: [
        .init("'x' declared here", at: SourceLocation(line: 9, column: 5)),
        .init("found this candidate", at: SourceLocation(line: 40, column: 3), path: "Swift.f"),
        .init("no place at all"),
      ])
    #expect(
      diagnostic.description == """
        Content/hw.md:12:7: error: cannot convert value of type 'Int' to 'String'
        Content/hw.md:9:5: note: 'x' declared here
        Swift.f:40:3: note: found this candidate
        Content/hw.md: note: no place at all
        """)
  }

  @Test func anUnknownColumnPrintsAsTheLineAlone() {
    let location = SourceLocation(line: 9, column: 0)
    #expect(
      Diagnostic(.remark, "about this block", path: "Content/hw.md", at: location).description
        == "Content/hw.md:9: remark: about this block")
    #expect(
      FileLocation(path: "Content/hw.md", location: location).description == "Content/hw.md:9")
    #expect(
      FileLocation(path: "Content/hw.md", line: 9, column: 4).description == "Content/hw.md:9:4")
  }

  @Test func aDiagnosticWithAPlaceHasAFileLocation() {
    let located = Diagnostic.warning("w", path: "a.md", at: SourceLocation(line: 2, column: 3))
    #expect(located.fileLocation == FileLocation(path: "a.md", line: 2, column: 3))
    #expect(Diagnostic.error("e", path: "a.md", at: nil).fileLocation == nil)
  }
}
