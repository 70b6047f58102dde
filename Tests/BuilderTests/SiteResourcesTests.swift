import Foundation
import TestSupport
import Testing

/// The files `hw` ships beside itself and copies into every site.
@Suite struct SiteResourcesTests {
  @Test func shipsTheFontAsWOFF2WithItsLicence() throws {
    let fonts = Repository.file("Sources/Builder/Resources/fonts")
    let font = try Data(contentsOf: fonts.appendingPathComponent("latinmodern-math.woff2"))
    #expect(font.prefix(4) == Data("wOF2".utf8))
    #expect(font.count > 300_000, "the whole font, not a subset: \(font.count) bytes")
    let licence = try String(
      contentsOf: fonts.appendingPathComponent("LICENSE-latinmodern-math.txt"), encoding: .utf8)
    #expect(licence.contains("GUST Font License"))
    #expect(licence.contains("Latin Modern Math"))
  }
}
