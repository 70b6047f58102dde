import BlockRecords
import Diagnostics
import Testing

@testable import Builder

/// A check's line on the page: a long vector by its worst entry, the whole folded away.
@Suite struct VerifyBlockHTMLTests {
  static let location = FileLocation(path: "Content/hw.md", line: 40, column: 3)

  static func vector(_ count: Int) -> String {
    "[" + (0..<count).map { "\($0)" }.joined(separator: ", ") + "]"
  }

  @Test func aLongVectorShowsItsWorstEntryInTheLineAndFoldsBothVectorsAway() {
    let check = CheckRecord(
      block: 0, kind: .close, label: "∂ℓ/∂W", passed: true, actual: Self.vector(25),
      expected: Self.vector(25), tolerance: 1e-8, worstIndex: 3, worstError: "0",
      entries: 25, worstActual: "3", worstExpected: "3", location: Self.location)
    let html = VerifyBlockHTML.checkHTML(check, expectFailure: false)
    #expect(
      html
        == "<li class=\"check pass\"><span class=\"mark\">✓</span> "
        + "<span class=\"check-label\">∂ℓ/∂W</span> <span class=\"check-detail\">25 entries, "
        + "worst at index 3: actual 3, expected 3, scaled error 0, tolerance 1e-08</span> "
        + "<span class=\"check-line\">line 40</span>\n"
        + "<details class=\"check-vectors\"><summary>All 25 entries</summary>\n<dl>"
        + "<dt>actual</dt><dd>\(Self.vector(25))</dd>"
        + "<dt>expected</dt><dd>\(Self.vector(25))</dd></dl>\n</details></li>\n")
  }

  @Test func aShortVectorIsShownWholeAndNamesItsWorstIndexOnlyWhenItFails() {
    var check = CheckRecord(
      block: 0, kind: .close, label: "P", passed: true, actual: "[1, 2, 3.5]",
      expected: "[1, 2, 3]", tolerance: 1e-6, worstIndex: 2, worstError: "0.125",
      entries: 3, worstActual: "3.5", worstExpected: "3", location: Self.location)
    let passing = VerifyBlockHTML.checkHTML(check, expectFailure: false)
    #expect(passing.contains("actual [1, 2, 3.5], expected [1, 2, 3], tolerance 1e-06</span>"))
    #expect(!passing.contains("details") && !passing.contains("worst"))
    check.passed = false
    let failing = VerifyBlockHTML.checkHTML(check, expectFailure: false)
    #expect(failing.contains("tolerance 1e-06, worst at index 2</span>"))
  }
}
