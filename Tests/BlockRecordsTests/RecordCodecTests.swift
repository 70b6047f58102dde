import BlockRecords
import Diagnostics
import Foundation
import Testing

@Suite struct RecordCodecTests {
  static let location = FileLocation(path: "Content/hw.md", line: 12, column: 6)

  static let records: [BlockRecord] = [
    .started(block: 0),
    .check(
      CheckRecord(
        block: 0, kind: .close, label: "grad", passed: false, actual: "[1, 2]",
        expected: "[1, 3]", tolerance: 1e-8, worstIndex: 1, worstError: "0.333333",
        location: location)),
    .value(ShownValue(block: 0, label: "m", content: .matrix([["1", "0"]]), location: location)),
    .value(ShownValue(block: 0, label: "s", content: .text("hi\n\"there\""), location: location)),
    .figure(FigureRecord(block: 0, id: "f", caption: "c", svg: "<svg/>", location: location)),
    .finished(block: 0),
  ]

  @Test func everyRecordSurvivesARoundTripThroughJSONLines() {
    let bytes = Self.records.flatMap(RecordCodec.line(for:))
    let (decoded, consumed) = RecordCodec.records(in: bytes)
    #expect(decoded == Self.records)
    #expect(consumed == bytes.count)
  }

  @Test func aRecordLineIsOneFlatObjectWithARecordKey() {
    let line = String(decoding: RecordCodec.line(for: .started(block: 3)), as: UTF8.self)
    #expect(line == "{\"block\":3,\"record\":\"started\"}\n")
  }

  @Test func aLocationIsOneFlatObjectThatNamesTheFile() {
    let value = ShownValue(block: 0, label: "x", content: .scalar("1"), location: Self.location)
    let line = String(decoding: RecordCodec.line(for: .value(value)), as: UTF8.self)
    #expect(
      line
        == "{\"block\":0,\"content\":{\"kind\":\"scalar\",\"value\":\"1\"},\"label\":\"x\","
        + "\"location\":{\"column\":6,\"file\":\"Content/hw.md\",\"line\":12},\"record\":\"value\"}\n"
    )
  }

  @Test func anUnfinishedLastLineIsLeftForTheNextReadAndATornLineIsSkipped() {
    let whole = RecordCodec.line(for: .started(block: 0))
    let torn = Array("{\"record\":\"che".utf8) + [0x0A]
    let partial = Array(RecordCodec.line(for: .finished(block: 0)).dropLast(3))
    let (decoded, consumed) = RecordCodec.records(in: whole + torn + partial)
    #expect(decoded == [.started(block: 0)])
    #expect(consumed == whole.count + torn.count)
  }

  @Test(arguments: [
    BlockStatus.passed, .failed, .expectedFailureHeld, .expectedFailureDidNotFail,
    .compileError([
      Diagnostic(
        .error, "m", path: location.path, at: location.location,
        notes: [
          .init("n", at: SourceLocation(line: 3, column: 0), path: "Swift.swiftinterface"),
          .init("same file"),
        ])
    ]),
    .crashed(message: "Fatal error: x", location: location), .crashed(message: "y", location: nil),
    .timedOut(seconds: 2.5), .notRun(reason: "r"),
  ])
  func everyBlockStatusSurvivesARoundTrip(status: BlockStatus) throws {
    let run = DocumentRun(blocks: [BlockRun(index: 0, line: 3, status: status)])
    let data = try JSONEncoder().encode(run)
    #expect(try JSONDecoder().decode(DocumentRun.self, from: data) == run)
  }
}
