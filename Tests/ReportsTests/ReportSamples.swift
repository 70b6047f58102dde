import BlockRecords
import Diagnostics
import Foundation
import Reports

/// A summary with every kind of block result, for the report tests.
enum ReportSamples {
  static func location(_ line: Int, _ column: Int, _ file: String = "Content/hw.md")
    -> FileLocation
  {
    FileLocation(path: file, line: line, column: column)
  }

  static let summary = VerificationSummary(
    documents: [
      .init(
        displayPath: "Content/hw.md",
        run: DocumentRun(blocks: [
          BlockRun(
            index: 0, line: 10, status: .failed, stdout: "E = 1.5\n",
            checks: [
              CheckRecord(
                block: 0, kind: .condition, label: "energy is finite", passed: true,
                location: location(11, 6)),
              CheckRecord(
                block: 0, kind: .close, label: "gradient <vs> finite differences", passed: false,
                actual: "[0.5, 0.512]", expected: "[0.5, 0.481]", tolerance: 1e-6,
                worstIndex: 1, worstError: "0.031", location: location(12, 11)),
            ]),
          BlockRun(
            index: 1, line: 20, status: .expectedFailureHeld,
            checks: [
              CheckRecord(
                block: 1, kind: .close, label: "wrong sign", passed: false, actual: "-1",
                expected: "1", tolerance: 1e-8, worstError: "2", location: location(21, 11))
            ]),
          BlockRun(
            index: 2, line: 30,
            status: .crashed(
              message: "Fatal error: Index out of range", location: location(33, 13)),
            stderr: "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n"),
          BlockRun(
            index: 3, line: 40, status: .notRun(reason: "an earlier block (line 30) crashed")),
        ])),
      .init(
        displayPath: "Content/errata.md",
        run: DocumentRun(blocks: [
          BlockRun(
            index: 0, line: 5,
            status: .compileError([
              Diagnostic.error(
                "cannot find 'undefinedName' in scope", path: "Content/errata.md",
                at: SourceLocation(line: 6, column: 13))
            ])),
          BlockRun(index: 1, line: 9, status: .timedOut(seconds: 10)),
          BlockRun(index: 2, line: 15, status: .expectedFailureDidNotFail),
        ])),
    ],
    outputComparison: .differs(pages: ["errata/index.html"]))
}
