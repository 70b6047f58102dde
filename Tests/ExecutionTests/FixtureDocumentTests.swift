import BlockRecords
import Foundation
import TestSupport
import Testing

@testable import Execution

/// Reads the ```` ```swift verify ```` blocks of a fixture document, the way the parser will.
enum FixtureDocument {
  /// The request for `Tests/Fixtures/<path>`, shown as `Content/<file name>`.
  static func request(_ path: String) throws -> ExecutionRequest {
    let url = Repository.fixtures.appendingPathComponent(path)
    let lines = try String(contentsOf: url, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    var blocks: [VerifyBlock] = []
    var open: (info: String, codeLine: Int, code: [Substring])?
    for (offset, line) in lines.enumerated() {
      if line.hasPrefix("```") {
        if let current = open {
          if let options = try VerifyOptions.parse(infoString: current.info) {
            blocks.append(
              VerifyBlock(
                code: current.code.joined(separator: "\n"), codeLine: current.codeLine,
                options: options, index: blocks.count))
          }
          open = nil
        } else {
          open = (String(line.dropFirst(3)), offset + 2, [])
        }
      } else if open != nil {
        open!.code.append(line)
      }
    }
    return ExecutionRequest(displayPath: "Content/" + url.lastPathComponent, blocks: blocks)
  }
}

@Suite struct FixtureDocumentTests {
  @Test func aNotebookDocumentRunsToItsGoldenResults() throws {
    let request = try FixtureDocument.request("exec-notebook/document.md")
    #expect(request.blocks.map(\.codeLine) == [7, 19, 34, 43])
    #expect(request.blocks[0].options.id == "setup")
    let run = try TestRuntime.executor().run(request, useCache: false)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let text = String(decoding: try encoder.encode(run), as: UTF8.self) + "\n"
    try Golden.check(text, "exec-notebook/run.json")
  }

  @Test(
    arguments: [
      ("compile-error.md", [.passed, .compileError, .notRun]),
      ("crash.md", [.passed, .crashed, .notRun]),
      ("timeout.md", [.timedOut, .notRun]),
      ("loud-output.md", [.passed]),
      ("expect-failure.md", [.expectedFailureHeld, .expectedFailureDidNotFail]),
    ] as [(String, [BlockStatus.Kind])])
  func everyFaultDocumentEndsAsExpected(file: String, statuses: [BlockStatus.Kind]) throws {
    let request = try FixtureDocument.request("exec-faults/" + file)
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(run.blocks.map(\.status.kind) == statuses)
    #expect(run.blocks.contains(where: \.outputTruncated) == (file == "loud-output.md"))
  }
}
