import Foundation
import TestSupport
import Testing

@testable import Execution

@Suite struct ScratchFolderTests {
  /// The PID of a process that has ended.
  private func endedProcess() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func removesOnlyOldFoldersOfProcessesThatAreGone() throws {
    let files = FileManager.default
    let scratch = TemporaryFolder()
    let root = scratch.path
    let gone = try endedProcess()
    let now = Date()
    let old = now.addingTimeInterval(-2 * Executor.abandonedAge)
    let folders: [(name: String, modified: Date, kept: Bool)] = [
      ("hw-run-\(gone)-A", old, false),
      ("hw-run-\(gone)-B", now, true),
      ("hw-run-\(getpid())-C", old, true),
      ("hw-run-D", old, true),
      ("other-\(gone)-E", old, true),
    ]
    for folder in folders {
      let path = root + "/" + folder.name
      try files.createDirectory(atPath: path, withIntermediateDirectories: true)
      try "x".write(toFile: path + "/main.swift", atomically: true, encoding: .utf8)
      try files.setAttributes([.modificationDate: folder.modified], ofItemAtPath: path)
    }
    Executor.removeAbandonedWorkDirectories(in: root, now: now)
    for folder in folders {
      #expect(files.fileExists(atPath: root + "/" + folder.name) == folder.kept, "\(folder.name)")
    }
  }
}
