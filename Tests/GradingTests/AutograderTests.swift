import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Grading

@Suite struct ZipArchiveTests {
  /// Text that deflates, bytes that do not, an empty file, a script, folders.
  static func sample() -> ZipArchive {
    var archive = ZipArchive()
    archive.add("notes.txt", Array(String(repeating: "the same line again\n", count: 200).utf8))
    var random = SystemRandomNumberGenerator()
    archive.add("data/noise.bin", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
    archive.add("data/empty", [])
    archive.add("bin/run", Array("#!/bin/sh\necho run\n".utf8), mode: 0o755)
    return archive
  }

  @Test(.enabled(if: ZipFiles.readerMissing == nil, "no zip reader (python3 or unzip)"))
  func readsBackWithEveryEntryItsModeAndItsCRC() throws {
    let folder = TemporaryFolder()
    let archive = Self.sample()
    try archive.write(to: folder.path + "/a.zip")
    let entries = try ZipFiles.entries(of: folder.path + "/a.zip")
    #expect(
      entries.map(\.name) == [
        "bin/", "bin/run", "data/", "data/empty", "data/noise.bin", "notes.txt",
      ])
    for entry in entries {
      #expect(entry.date == "1980-01-01 00:00", "\(entry.name)")
      if entry.name.hasSuffix("/") {
        #expect(entry.mode == 0o040755, "\(entry.name)")
      } else {
        let file = try #require(archive.entries[entry.name])
        #expect(entry.bytes == Data(file.bytes), "\(entry.name)")
        #expect(entry.mode == 0o100000 | UInt32(file.mode), "\(entry.name)")
      }
    }
    let methods = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.method) })
    #expect(methods["notes.txt"] == 8)
    #expect(methods["data/noise.bin"] == 0)
    #expect(methods["data/empty"] == 0)
  }

  @Test func theSameFilesGiveTheSameBytesInAnyOrder() throws {
    let archive = Self.sample()
    var reversed = ZipArchive()
    for entry in archive.entries.values.sorted(by: { $0.path > $1.path }) {
      reversed.add(entry.path, entry.bytes, mode: entry.mode)
    }
    #expect(try archive.bytes() == reversed.bytes())
  }

  @Test func writesWholeOrNotAtAll() throws {
    let folder = TemporaryFolder()
    #expect(throws: ToolError.self) {
      try Self.sample().write(to: folder.path + "/missing/a.zip")
    }
    #expect(folder.names() == [])
    try Self.sample().write(to: folder.path + "/a.zip")
    try ZipArchive().write(to: folder.path + "/a.zip")
    #expect(folder.names() == ["a.zip"])
    // An empty archive is its end record alone.
    #expect(FileManager.default.contents(atPath: folder.path + "/a.zip")?.count == 22)
  }
}

@Suite struct AutograderTests {
  /// A grader folder from the grading fixture, without its `content:` line (the instructor's
  /// content does not travel in the autograder).
  static func grader(in folder: TemporaryFolder) throws -> String {
    let checks = try String(
      contentsOf: Repository.fixtures.appendingPathComponent("grading/checks.md"), encoding: .utf8)
    folder.write(
      "grader/checks.md",
      checks.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("content:") }.joined(separator: "\n"))
    folder.write("grader/data/table.csv", "1,2\n")
    folder.write("grader/.hidden", "left out\n")
    return folder.path + "/grader"
  }

  @Test(.enabled(if: ZipFiles.readerMissing == nil, "no zip reader (python3 or unzip)"))
  func holdsTheScriptsTheGraderAndHWsSourcesOnly() throws {
    let folder = TemporaryFolder()
    let grader = try Self.grader(in: folder)
    try Autograder.write(
      to: folder.path + "/autograder.zip", graderDirectory: grader,
      hwSourceDirectory: Repository.root.path)
    let entries = try ZipFiles.entries(of: folder.path + "/autograder.zip")
    let files = entries.filter { !$0.name.hasSuffix("/") }
    let modes = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.mode) })
    #expect(modes["setup.sh"] == 0o100755)
    #expect(modes["run_autograder"] == 0o100755)
    #expect(modes["grader/checks.md"] == 0o100644)
    #expect(modes["grader/data/table.csv"] == 0o100644)
    #expect(modes["hw/Package.swift"] == 0o100644)

    let sources = Set(
      (FileManager.default.enumerator(atPath: Repository.file("Sources").path)?.allObjects
        as? [String] ?? [])
        .filter {
          var isFolder: ObjCBool = false
          return FileManager.default.fileExists(
            atPath: Repository.file("Sources/" + $0).path, isDirectory: &isFolder)
            && !isFolder.boolValue
        }
        .map { "hw/Sources/" + $0 })
    #expect(!sources.isEmpty)
    #expect(
      Set(files.map(\.name))
        == sources.union([
          "setup.sh", "run_autograder", "grader/checks.md", "grader/data/table.csv",
          "hw/Package.swift",
        ]))
    let source = try #require(files.first { $0.name == "hw/Sources/Grading/Autograder.swift" })
    #expect(
      source.bytes
        == FileManager.default.contents(
          atPath: Repository.file(
            "Sources/Grading/Autograder.swift"
          ).path))
    #expect(
      entries.map(\.name)
        == entries.map(\.name).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  @Test func twoRunsWriteTheSameBytes() throws {
    let folder = TemporaryFolder()
    let grader = try Self.grader(in: folder)
    for name in ["a.zip", "b.zip"] {
      try Autograder.write(
        to: folder.path + "/" + name, graderDirectory: grader,
        hwSourceDirectory: Repository.root.path)
    }
    let a = try #require(FileManager.default.contents(atPath: folder.path + "/a.zip"))
    #expect(a == FileManager.default.contents(atPath: folder.path + "/b.zip"))
  }

  @Test func refusesAGraderThatCannotGradeOrNamesContentOutsideIt() throws {
    let folder = TemporaryFolder()
    let grader = try Self.grader(in: folder)
    let checks = try #require(folder.read("grader/checks.md"))
    // The fixture as it is: its content folder would stay behind.
    folder.write("reference/Content/hw.md", "# Squares\n\n## Sum\n")
    folder.write(
      "grader/checks.md",
      checks.replacingOccurrences(
        of: "visibility: after_published",
        with: "visibility: after_published\ncontent: ../reference/Content"))
    #expect {
      try Autograder.write(
        to: folder.path + "/a.zip", graderDirectory: grader,
        hwSourceDirectory: Repository.root.path)
    } throws: { error in
      (error as? ToolError)?.description.contains("content: ../reference/Content") == true
    }
    folder.write("grader/checks.md", checks.replacingOccurrences(of: "points=1", with: "points=0"))
    #expect {
      try Autograder.write(
        to: folder.path + "/a.zip", graderDirectory: grader,
        hwSourceDirectory: Repository.root.path)
    } throws: { error in
      (error as? ToolError)?.description.contains("points must be a number") == true
    }
    folder.write("grader/checks.md", checks)
    #expect(throws: ToolError.self) {
      try Autograder.write(
        to: folder.path + "/a.zip", graderDirectory: grader, hwSourceDirectory: folder.path)
    }
    #expect(!folder.exists("a.zip"))
  }

  @Test func findsHWsPackageAboveItsBuildFolder() {
    let folder = TemporaryFolder()
    folder.write("hw/Package.swift", "let package = Package(\n  name: \"hw\",\n  targets: [])\n")
    folder.write("other/Package.swift", "let package = Package(name: \"other\")\n")
    let root = folder.url.resolvingSymlinksInPath().path
    for build in [".build/release", ".build/x86_64-unknown-linux-gnu/debug", ".build-ci/debug"] {
      #expect(
        Autograder.sourceDirectory(executableDirectory: root + "/hw/" + build)
          == root + "/hw", "\(build)")
    }
    #expect(Autograder.sourceDirectory(executableDirectory: root + "/hw/bin") == nil)
    #expect(Autograder.sourceDirectory(executableDirectory: root + "/hw/a/b/c/d") == nil)
    #expect(Autograder.sourceDirectory(executableDirectory: root + "/other/.build/debug") == nil)
    #expect(Autograder.sourceDirectory(executableDirectory: "/usr/local/bin") == nil)
  }
}

/// The scripts as Gradescope runs them: `setup.sh` needs the network and root on Ubuntu, so
/// here it is parsed and linted only; `run_autograder` runs end to end in
/// `AutograderEndToEndTests`.
@Suite struct AutograderScriptTests {
  static let scripts = [
    ("setup.sh", AutograderScripts.setup), ("run_autograder", AutograderScripts.runAutograder),
  ]

  static func write(_ folder: TemporaryFolder) -> [String] {
    scripts.map { name, text in
      folder.write(name, text)
      return folder.path + "/" + name
    }
  }

  @Test func parseInBash() throws {
    let folder = TemporaryFolder()
    let bash = try #require(Program.find("bash"))
    for path in Self.write(folder) {
      let result = try Program.run(bash, ["-n", path])
      #expect(result.status == 0, "\(path): \(result.output)")
    }
  }

  @Test(.enabled(if: Program.find("shellcheck") != nil, "shellcheck is not installed"))
  func passShellcheck() throws {
    let folder = TemporaryFolder()
    let shellcheck = try #require(Program.find("shellcheck"))
    for path in Self.write(folder) {
      let result = try Program.run(shellcheck, ["--shell=bash", "--severity=style", path])
      #expect(result.status == 0, "\(path): \(result.output)")
    }
  }

  @Test func pinASwiftReleaseForUbuntu2204AndBuildHWInRelease() {
    let setup = AutograderScripts.setup
    #expect(setup.hasPrefix("#!/usr/bin/env bash\n"))
    #expect(setup.contains("swift_version=\"\(AutograderScripts.swiftVersion)\""))
    #expect(setup.contains("https://download.swift.org/swift-$swift_version-release/ubuntu2204"))
    #expect(setup.contains("sha256sum --check"))
    for package in ["libcmark-dev", "libopenblas-dev", "bubblewrap", "util-linux"] {
      #expect(setup.contains(package), "\(package)")
    }
    #expect(setup.contains("swift build -c release --product hw"))
    #expect(setup.contains("${AUTOGRADER_ROOT:-/autograder}"))
    #expect(AutograderScripts.runAutograder.contains("${AUTOGRADER_ROOT:-/autograder}"))
  }
}
