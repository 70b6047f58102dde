import BlockRecords
import Testing

@testable import Execution

/// What the runtime records for a vector `checkClose`, passing or failing.
@Suite struct VectorCheckRecordTests {
  @Test func aPassingVectorCheckRecordsItsWorstEntryAndTheWholeOfBothVectors() throws {
    let code =
      "let a = (0..<25).map { Double($0) }; var b = a; b[11] += 1e-10; "
      + "checkClose(a, b, \"close\")"
    let request = TestRuntime.request("long-vector", [(3, code)])
    let run = try TestRuntime.executor().run(request, useCache: false)
    let check = try #require(run.blocks.first?.checks.first)
    #expect(check.passed)
    #expect(check.entries == 25 && check.worstIndex == 11)
    let b = 11.0 + 1e-10
    #expect(check.worstActual == "11" && check.worstExpected == "11")
    #expect(check.worstError == NumberText.format((11 - b).magnitude / b))
    #expect(check.actual == "[" + (0..<25).map { "\($0)" }.joined(separator: ", ") + "]")
    #expect(check.isLongVector)
  }

  @Test func aVectorCheckOfTwoLengthsNamesNoWorstEntry() throws {
    let request = TestRuntime.request(
      "lengths", [(3, "checkClose([1.0, 2.0], [1.0], \"lengths\")")])
    let run = try TestRuntime.executor().run(request, useCache: false)
    let check = try #require(run.blocks.first?.checks.first)
    #expect(!check.passed && check.entries == 2 && check.worstIndex == nil)
    #expect(check.note == "length 2 differs from expected length 1")
  }
}
