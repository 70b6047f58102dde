import Foundation
import Testing

/// Runs the built `hw` executable the way a user does, and checks what it prints and its exit
/// status.
@Suite struct EndToEndTests {
  static let executable: URL = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/hw")
  }()

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func hw(_ arguments: [String], in folder: String) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
  func exitsZeroOneOrTwo() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# Fine\n")
    let good = try Self.hw(["build"], in: folder.path)
    #expect(good.status == 0)
    #expect(good.stdout == "Built 1 page into Output.\n")

    folder.write("Content/b.md", "---\ntitle: [x\n---\n")
    let bad = try Self.hw(["build"], in: folder.path)
    #expect(bad.status == 1)
    #expect(bad.stderr.hasPrefix("Content/b.md:"))
    #expect(bad.stderr.contains(": error: front matter is not valid YAML"))

    let missing = try Self.hw(["build", "--content", "Nowhere"], in: folder.path)
    #expect(missing.status == 2)
    #expect(
      missing.stderr == "hw: error: no content folder at 'Nowhere' (give one with --content DIR)\n")

    let usage = try Self.hw(["build", "--bogus"], in: folder.path)
    #expect(usage.status == 2)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path)))
  func rendersAFragmentLikeCmark() throws {
    let folder = TemporaryFolder()
    folder.write("a.md", "Hello *there*\n\n> quote\n")
    let run = try Self.hw(["render", "a.md", "--fragment"], in: folder.path)
    #expect(run.status == 0)
    #expect(
      run.stdout == "<p>Hello <em>there</em></p>\n<blockquote>\n<p>quote</p>\n</blockquote>\n")
  }
}
