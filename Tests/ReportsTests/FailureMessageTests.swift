import BlockRecords
import Diagnostics
import Reports
import Testing

/// The one-line message of a failed check, which the text, JUnit and Gradescope reports print.
@Suite struct FailureMessageTests {
  @Test func aLongVectorIsNamedByItsWorstEntryNotPrintedWhole() {
    let whole = "[" + (0..<25).map { _ in "0.5" }.joined(separator: ", ") + "]"
    let check = CheckRecord(
      block: 0, kind: .close, label: "∂ℓ/∂W", passed: false, actual: whole, expected: whole,
      tolerance: 1e-6, worstIndex: 20, worstError: "0.02", entries: 25, worstActual: "0.51",
      worstExpected: "0.5",
      location: FileLocation(path: "Content/hw.md", line: 9, column: 1))
    #expect(
      VerificationItem.failureMessage(check)
        == "check failed: ∂ℓ/∂W (25 entries, worst at index 20: actual 0.51, expected 0.5, "
        + "scaled error 0.02, tolerance 1e-06)")
  }
}
