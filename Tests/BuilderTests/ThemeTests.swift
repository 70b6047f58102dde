import Figures
import Foundation
import TeXMath
import TestSupport
import Testing

@testable import Builder

/// The default theme is the files of `Sources/Builder/Resources/theme/`, and a content folder's
/// `_theme/` replaces each of them on its own.
@Suite struct ThemeTests {
  static let resourceFolder = Repository.file("Sources/Builder/Resources/theme")

  @Test(arguments: Theme.File.allCases)
  func theDefaultThemeIsTheFileInTheResourceFolder(file: Theme.File) throws {
    let source = try String(
      contentsOf: Self.resourceFolder.appendingPathComponent(file.rawValue), encoding: .utf8)
    #expect(DefaultTheme.text(of: file) == source)
  }

  @Test func theStylesheetHoldsTheMathAndPlotStylesAsTheirModulesWriteThem() throws {
    let css = DefaultTheme.stylesheet
    let math = try #require(css.range(of: MathStyle.css(fontURL: SiteResources.mathFontPath)))
    let plots = try #require(css.range(of: PlotStyle.css))
    let errorBoxes = try #require(css.range(of: ".math-nowrap {"))
    let blocks = try #require(css.range(of: ".block {"))
    #expect(math.upperBound <= errorBoxes.lowerBound)
    #expect(errorBoxes.upperBound <= plots.lowerBound)
    #expect(plots.upperBound <= blocks.lowerBound)
  }

  @Test func theStylesheetHasOneRuleForTheBoxOfAFormulaThatDidNotConvert() {
    #expect(DefaultTheme.stylesheet.components(separatedBy: ".math-error {").count == 2)
  }

  /// The site file each theme file becomes, and a replacement for it with what it shows.
  static func sample(_ file: Theme.File) -> (page: String, override: String, shown: String) {
    switch file {
    case .page: return ("a.html", "<p>{{title}}</p>", "<p>T</p>")
    case .index: return ("index.html", "<p>{{site}}</p>", "<p>Homework</p>")
    case .stylesheet: return ("style.css", "p { color: red; }", "p { color: red; }")
    }
  }

  @Test(arguments: Theme.File.allCases)
  func aContentFolderReplacesEachThemeFileOnItsOwn(file: Theme.File) throws {
    let plain = TemporaryFolder()
    plain.write("Content/a.md", "---\ntitle: T\n---\nBody\n")
    let standard = try SiteBuilder(contentPath: plain.path + "/Content").generate()
    let themed = TemporaryFolder()
    themed.write("Content/a.md", "---\ntitle: T\n---\nBody\n")
    themed.write("Content/_theme/" + file.rawValue, Self.sample(file).override)
    let site = try SiteBuilder(contentPath: themed.path + "/Content").generate()
    #expect(site.diagnostics.isEmpty)
    for other in Theme.File.allCases {
      let page = Self.sample(other).page
      let text = String(decoding: try #require(site.files[page]), as: UTF8.self)
      if other == file {
        #expect(text == Self.sample(other).shown)
      } else {
        #expect(site.files[page] == standard.files[page], "\(page)")
      }
    }
    #expect(site.files["_theme/" + file.rawValue] == nil)
  }
}
