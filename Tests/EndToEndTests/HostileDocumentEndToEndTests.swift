import Foundation
import TestSupport
import Testing

/// Documents that once took the whole build down or made it differ from run to run, run through
/// the built `hw` from their fixtures under `Tests/Fixtures/`.
@Suite struct HostileDocumentEndToEndTests {
  static let fixtures = Repository.fixtures

  /// How the names of the scratch folders of runs start.
  static let scratchFolder = "hw-run-"

  /// A fresh folder whose `Content/` holds the Markdown files of `Tests/Fixtures/<fixture>/`.
  static func content(of fixture: String) throws -> TemporaryFolder {
    let folder = TemporaryFolder()
    let source = fixtures.appendingPathComponent(fixture)
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
    where name.hasSuffix(".md") {
      let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
      folder.write("Content/" + name, text)
    }
    return folder
  }

  /// The pages of the built site, by path in the output folder.
  static func pages(in folder: TemporaryFolder) throws -> [String: Data] {
    let output = folder.url.appendingPathComponent("Output")
    var pages: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: output.path)
    where name.hasSuffix(".html") || name == "manifest.json" {
      pages[name] = FileManager.default.contents(
        atPath: output.appendingPathComponent(name).path)
    }
    return pages
  }

  @Test
  func aBlockTheCompilerOrLinkerRejectsFailsItsOwnPageOnly() throws {
    let folder = try Self.content(of: "exec-hostile-compile")
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1, "\(build.stderr)")
    #expect(build.stdout.hasPrefix("Built 4 pages into Output"))
    let errors = build.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(
      errors == [
        "Content/link-error.md:10:1: error: undefined reference to 'hw_no_such_function'",
        "Content/source-location.md:8:1: error: #sourceLocation is not allowed in a verify "
          + "block: hw uses it to point the compiler's messages into this file",
        "Content/unclosed-comment.md:8:1: error: unterminated '/*' comment",
      ])
    #expect(
      build.stderr.contains(
        "Content/unclosed-comment.md:8:1: note: comment started here"))
    for page in ["link-error", "source-location", "unclosed-comment"] {
      let html = try #require(folder.read("Output/\(page).html"), "\(page)")
      #expect(html.contains("✓</span> 1 check passes"), "\(page): the block before ran")
      #expect(html.contains("Does not compile"), "\(page)")
      #expect(html.contains("Not run: an earlier block (line "), "\(page)")
      #expect(!html.contains(Self.scratchFolder), "\(page)")
    }
    #expect(try #require(folder.read("Output/fine.html")).contains("1 check passes"))

    let verify = try CommandLineTests.hw(
      ["verify", "--format", "json", "--report", "report.json"], in: folder.path)
    #expect(verify.status == 1)
    #expect(!verify.stdout.contains("differs"), "\(verify.stdout)")
    #expect(
      verify.stdout.contains(
        "\n4 passed, 3 failed, 3 not run (self-checks, as the student's code reported them)\n"),
      "\(verify.stdout)")
    let report = try #require(folder.read("report.json"))
    for page in ["fine", "link-error", "source-location", "unclosed-comment"] {
      #expect(report.contains("Content/\(page).md"), "\(page)")
    }
  }

  @Test
  func aCrashAndNotesIntoTheRunnerBuildTheSameBytesEveryTime() throws {
    let folder = try Self.content(of: "exec-reproducible")
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1, "\(build.stderr)")
    #expect(!build.stderr.contains(Self.scratchFolder), "\(build.stderr)")
    #expect(
      build.stderr.contains(
        "<runner>:2:8: note: silence these warnings by adopting the upcoming feature "
          + "'InternalImportsByDefault'"))
    let first = try Self.pages(in: folder)
    #expect(
      first.keys.sorted() == ["crash.html", "index.html", "manifest.json", "runner-import.html"])
    let crash = try #require(folder.read("Output/crash.html"))
    #expect(crash.contains("Fatal error: Index out of range\nat Content/crash.md:10:13"))
    #expect(!crash.contains("swift-runtime"))
    let note = try #require(folder.read("Output/runner-import.html"))
    #expect(note.contains("\n&lt;runner&gt;:2:8: note: silence these warnings"))
    #expect(note.contains("\nContent/runner-import.md:8:1: note: imported 'internal' here"))

    // Each `hw verify` runs every block again and compares the pages byte for byte.
    for run in 1...6 {
      let verify = try CommandLineTests.hw(["verify"], in: folder.path)
      #expect(verify.status == 1)
      #expect(!verify.stdout.contains("differs"), "run \(run): \(verify.stdout)")
    }
    try FileManager.default.removeItem(atPath: folder.path + "/.hw-cache")
    #expect(try CommandLineTests.hw(["build"], in: folder.path).status == 1)
    for (name, bytes) in try Self.pages(in: folder) where bytes != first[name] {
      Issue.record("\(name) differs from the first build")
    }
  }
}
