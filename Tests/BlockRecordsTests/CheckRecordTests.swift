import BlockRecords
import Diagnostics
import Testing

/// How a vector check names its worst element, and how records from before that decode.
@Suite struct CheckRecordTests {
  static let location = FileLocation(path: "Content/hw.md", line: 12, column: 6)

  static func vectorCheck(entries: Int, passed: Bool = true) -> CheckRecord {
    CheckRecord(
      block: 0, kind: .close, label: "gradient", passed: passed, actual: "[…]",
      expected: "[…]", tolerance: 1e-8, worstIndex: 7, worstError: "3.2e-12", entries: entries,
      worstActual: "0.5", worstExpected: "0.5", location: location)
  }

  @Test func aVectorOfMoreThanEightEntriesIsSummarisedByItsWorstElement() {
    let long = Self.vectorCheck(entries: 25)
    #expect(long.isLongVector)
    #expect(
      long.worstElementSummary
        == "25 entries, worst at index 7: actual 0.5, expected 0.5, scaled error 3.2e-12")
    let short = Self.vectorCheck(entries: 8)
    #expect(!short.isLongVector)
    #expect(short.worstElementSummary == nil)
  }

  @Test func aRecordWrittenBeforeTheVectorFieldsDecodesWithThemNil() throws {
    let line =
      "{\"record\":\"check\",\"block\":0,\"kind\":\"close\",\"label\":\"grad\",\"passed\":false,"
      + "\"actual\":\"[1, 2]\",\"expected\":\"[1, 3]\",\"tolerance\":1e-08,\"worstIndex\":1,"
      + "\"worstError\":\"0.333333\",\"location\":{\"file\":\"Content/hw.md\",\"line\":12,"
      + "\"column\":6}}\n"
    let (records, _) = RecordCodec.records(in: Array(line.utf8))
    guard case .check(let check) = try #require(records.first) else {
      Issue.record("not a check: \(records)")
      return
    }
    #expect(check.worstIndex == 1 && check.worstError == "0.333333")
    #expect(check.entries == nil && check.worstActual == nil && check.worstExpected == nil)
    #expect(!check.isLongVector)
  }

  @Test func theVectorFieldsSurviveARoundTripAndAreLeftOutWhenNil() {
    let record = BlockRecord.check(Self.vectorCheck(entries: 25, passed: false))
    let line = RecordCodec.line(for: record)
    #expect(RecordCodec.records(in: line).records == [record])
    let scalar = BlockRecord.check(
      CheckRecord(
        block: 0, kind: .close, label: "x", passed: true, actual: "1", expected: "1",
        tolerance: 1e-8, location: Self.location))
    let text = String(decoding: RecordCodec.line(for: scalar), as: UTF8.self)
    #expect(!text.contains("entries") && !text.contains("worst"))
  }
}

/// A check record read from a block is put on one line before anything prints it.
@Suite struct OneLineCheckTests {
  @Test func makesEveryLineBreakOfEveryTextASpace() {
    var record = CheckRecord(
      block: 0, kind: .condition, label: "a\nb\rc\u{2028}d", passed: false,
      location: FileLocation(path: "Content/t.md\nx", line: 1, column: 1))
    record.note = "n\u{85}o"
    let line = record.onOneLine
    #expect(line.label == "a b c d")
    #expect(line.note == "n o")
    #expect(line.location.path == "Content/t.md x")
    #expect(
      CheckRecord(
        block: 0, kind: .condition, label: "ok", passed: true,
        location: FileLocation(path: "p", line: 1, column: 1)
      ).onOneLine.label == "ok")
  }
}
