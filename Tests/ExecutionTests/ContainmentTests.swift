import BlockRecords
import Foundation
import Testing

@testable import Execution

@Suite struct ContainmentTests {
  @Test(.enabled(if: SandboxProbe.bubblewrapWorks, "bubblewrap cannot make namespaces here"))
  func runnersSeeOnlyTheLoopbackInterface() throws {
    let request = TestRuntime.request(
      "net",
      [
        (
          2,
          "let table = try String(contentsOfFile: \"/proc/net/dev\", encoding: .utf8)\n"
            + "let names = table.split(separator: \"\\n\").dropFirst(2)"
            + ".map { $0.split(separator: \":\")[0].trimmingCharacters(in: .whitespaces) }\n"
            + "check(names == [\"lo\"], \"only loopback\")"
        )
      ])
    let executor = try TestRuntime.executor()
    #expect(try executor.sandboxLevel().level == .bubblewrap)
    #expect(try executor.sandboxLevel().warning == nil)
    let run = try executor.run(request, useCache: false)
    #expect(run.blocks[0].status == .passed, "\(run.blocks[0])")
  }

  @Test func runnersWorkInAFreshScratchFolderAndCannotWriteHugeFiles() throws {
    let request = TestRuntime.request(
      "files",
      [
        (
          2,
          "let here = FileManager.default.currentDirectoryPath\n"
            + "check(here.hasSuffix(\"/scratch\"), \"scratch folder\")\n"
            + "let entries = try FileManager.default.contentsOfDirectory(atPath: here)\n"
            + "check(entries.isEmpty, \"empty\")\n"
            + "let ok = FileManager.default.createFile(\n"
            + "  atPath: \"big\", contents: Data(count: 3 << 20))\n"
            + "check(!ok, \"a file past the size limit is refused\")"
        )
      ])
    let run = try TestRuntime.executor(limits: ResourceLimits(fileSizeBytes: 2 << 20))
      .run(request, useCache: false)
    #expect(run.blocks[0].status == .passed, "\(run.blocks[0])")
  }

  @Test func aBlockPastTheMemoryLimitCrashesWithTheRuntimeMessage() throws {
    let request = TestRuntime.request(
      "memory", [(2, "let big = [Double](repeating: 1, count: 300_000_000)\nprint(big.count)")])
    let run = try TestRuntime.executor(limits: ResourceLimits(addressSpaceBytes: 1 << 30))
      .run(request, useCache: false)
    guard case .crashed(let message, _) = run.blocks[0].status else {
      Issue.record("expected a crash, got \(run.blocks[0].status)")
      return
    }
    #expect(message.hasPrefix("Fatal error: failed to allocate"))
  }

  @Test func aRunThatFloodsTheRecordPipeIsStoppedBeforeHWsMemory() throws {
    let request = TestRuntime.request(
      "flood",
      [
        (
          2,
          "let label = String(repeating: \"x\", count: 4000)\n"
            + "for _ in 0..<200_000 { check(true, label) }"
        )
      ])
    let run = try TestRuntime.executor().run(request, useCache: false)
    #expect(
      run.blocks[0].status
        == .crashed(
          message: "the run wrote more than 16 MiB of records (checks, values, figures)",
          location: nil))
    #expect(run.blocks[0].checks.count < 200_000)
  }
}
