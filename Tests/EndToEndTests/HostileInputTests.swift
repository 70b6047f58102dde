import Foundation
import TestSupport
import Testing

/// Inputs that once crashed `hw`, took it to gigabytes of memory or to minutes of time, run end
/// to end through the built tool. Each run is a child process with a cap on its address space and
/// a time limit, so that a regression fails the test instead of taking the machine down.
@Suite(.serialized)
struct HostileInputTests {
  static let fixtures = Repository.fixtures.appendingPathComponent("hostile-input")

  /// Copies `Tests/Fixtures/hostile-input/<name>` to `relative` in `folder`.
  static func copyFixture(_ name: String, to relative: String, in folder: TemporaryFolder) throws {
    let target = folder.url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contentsOf: fixtures.appendingPathComponent(name)).write(to: target)
  }

  struct Run {
    var status: Int32
    var timedOut: Bool
    var stdout: Data
    var stderr: String

    /// What `hw` printed on both streams (`verify` prints its problems with its report).
    var printed: String { stderr + String(decoding: stdout, as: UTF8.self) }
  }

  /// Runs the built `hw` in `folder` with its address space capped (`ulimit -v`, in KiB) and a
  /// time limit; its output goes to files, so that neither stream can block it.
  static func hw(
    _ arguments: [String], in folder: TemporaryFolder, memoryKiB: Int = 2_000_000,
    timeout: TimeInterval = 120
  ) throws -> Run {
    let out = folder.url.appendingPathComponent(".stdout")
    let err = folder.url.appendingPathComponent(".stderr")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments =
      ["-c", "ulimit -v \(memoryKiB) && exec \"$0\" \"$@\"", (try BuiltProducts.hw()).path]
      + arguments
    process.currentDirectoryURL = folder.url
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let stdout = try FileHandle(forWritingTo: out)
    let stderr = try FileHandle(forWritingTo: err)
    defer {
      try? stdout.close()
      try? stderr.close()
    }
    process.standardOutput = stdout
    process.standardError = stderr
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    let timedOut = done.wait(timeout: .now() + timeout) == .timedOut
    if timedOut {
      process.terminate()
      done.wait()
    }
    return Run(
      status: process.terminationStatus, timedOut: timedOut,
      stdout: try Data(contentsOf: out),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }

  @Test func deeplyNestedFrontMatterIsALocatedErrorInEveryCommand() throws {
    let folder = TemporaryFolder()
    try Self.copyFixture("deep-yaml.md", to: "Content/x.md", in: folder)
    let error = "Content/x.md:2:35: error: front matter nests more than 32 levels deep\n"
    for arguments in [["render", "Content/x.md"], ["build"], ["verify"]] {
      let run = try Self.hw(arguments, in: folder)
      #expect(run.status == 1, "\(arguments)")
      #expect(run.printed.contains(error), "\(arguments): \(run.printed)")
    }
  }

  @Test func deeplyNestedSiteSettingsStillGiveAReport() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A page\n")
    folder.write(
      "Content/site.yml",
      "title: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n")
    let run = try Self.hw(["verify", "--format", "json", "--report", "report.json"], in: folder)
    #expect(run.status == 1)
    #expect(
      run.printed.contains(
        "Content/site.yml:1:39: error: site.yml nests more than 32 levels deep\n"),
      "\(run.printed)")
    let report = try #require(folder.read("report.json"))
    #expect(report.contains("site.yml nests more than 32 levels deep"))
  }

  @Test func theBillionLaughsAreRefusedInLittleMemory() throws {
    let folder = TemporaryFolder()
    try Self.copyFixture("billion-laughs.md", to: "Content/x.md", in: folder)
    let run = try Self.hw(["build"], in: folder, memoryKiB: 1_000_000)
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "Content/x.md:2:5: error: front matter may not use YAML anchors: write the value out "
        + "(quote text that starts with '&')\n")
  }

  @Test func headingsTakeTimeInProportionToTheirNumber() throws {
    // 100,000 sections of 7.6 MB took minutes when each heading copied the page so far.
    let folder = TemporaryFolder()
    var markdown = ""
    for index in 0..<100_000 {
      markdown +=
        "# Heading \(index)\n\nA paragraph of text under heading \(index) of the page.\n\n"
    }
    folder.write("x.md", markdown)
    let run = try Self.hw(["render", "x.md"], in: folder, timeout: 60)
    #expect(!run.timedOut)
    #expect(run.status == 0)
    let page = String(decoding: run.stdout, as: UTF8.self)
    #expect(page.contains("<h1 id=\"heading-99999\">Heading 99999</h1>"))
  }

  @Test func aTemplateThatRepeatsTheBodyIsCutAtItsLimit() throws {
    let folder = TemporaryFolder()
    var markdown = ""
    for index in 0..<1_700 {
      markdown += "Paragraph \(index) with some words to fill the line up nicely.\n\n"
    }
    folder.write("Content/x.md", markdown)
    folder.write("Content/_theme/page.html", String(repeating: "{{{body}}}", count: 12_000))
    let run = try Self.hw(["verify"], in: folder)
    #expect(run.status == 1)
    // The limit depends on the size of the page's body: the message is checked around it.
    let error = try #require(
      run.printed.split(separator: "\n").first { $0.hasPrefix("Content/_theme/page.html:") })
    #expect(error.hasPrefix("Content/_theme/page.html:1:"), "\(run.printed)")
    #expect(error.contains(" error: x.html would be longer than "))
    #expect(
      error.hasSuffix(
        " bytes (4 times this template and the text it is given, plus 1 MiB): it is cut at this tag"
      ))
  }

  @Test func deeplyNestedTemplateSectionsAreALocatedError() throws {
    let folder = TemporaryFolder()
    folder.write("Content/x.md", "# A page\n")
    folder.write(
      "Content/_theme/page.html",
      String(repeating: "{{#a}}", count: 100_000) + String(repeating: "{{/a}}", count: 100_000))
    let run = try Self.hw(["build"], in: folder)
    #expect(run.status == 1)
    #expect(
      run.stderr.hasPrefix(
        "Content/_theme/page.html:1:193: error: template sections nest more than 32 deep\n"))
  }

  @Test func aNulInMathNeverReachesThePage() throws {
    let folder = TemporaryFolder()
    try Self.copyFixture("nul-in-math.md", to: "x.md", in: folder)
    for arguments in [["render", "x.md"], ["render", "x.md", "--fragment"]] {
      let run = try Self.hw(arguments, in: folder)
      #expect(run.status == 1)
      #expect(
        run.stderr == "x.md:3:15: error: control character U+0000 is not allowed in math\n")
      #expect(!run.stdout.contains(0))
      #expect(String(decoding: run.stdout, as: UTF8.self).contains("<code>a\u{FFFD}b</code>"))
    }
  }

  @Test func aDocumentPastItsSizeLimitIsCutAtALine() throws {
    let folder = TemporaryFolder()
    let line = String(repeating: "word ", count: 20) + "\n"
    folder.write("x.md", String(repeating: line, count: 90_000))
    let run = try Self.hw(["render", "x.md", "--fragment"], in: folder)
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "x.md:83056:1: error: the document is longer than 8 MiB (9090000 bytes): "
        + "it is cut before this line\n")
    #expect(run.stdout.count < 8 << 20)
  }
}
