import Foundation
import Testing

@testable import TeXMath

@Suite struct MathStyleTests {
  @Test func pointsTheFontFaceAtTheGivenURL() {
    let css = MathStyle.css(fontURL: "../fonts/latinmodern-math.woff2")
    #expect(css.contains("src: url(\"../fonts/latinmodern-math.woff2\") format(\"woff2\");"))
    #expect(css.contains("font-family: \"Latin Modern Math\", math;"))
    #expect(MathStyle.css.contains("url(\"fonts/latinmodern-math.woff2\")"))
  }

  @Test func alignsCellsWithTheValuesChromiumHonours() {
    #expect(MathStyle.css.contains("mtd.math-r { text-align: -webkit-right; }"))
    #expect(MathStyle.css.contains("mtd.math-l { text-align: -webkit-left; }"))
  }

  @Test func definesEveryClassTheWriterEmits() throws {
    let classes = [
      "math-display", "math-eqno", "math-ref", "math-r", "math-l", "math-align", "math-gather",
      "math-cases", "math-matrix", "math-array", "math-substack", "math-overline", "math-vec",
      "math-boxed",
    ]
    for name in classes { #expect(MathStyle.css.contains(".\(name)"), "\(name)") }
  }

  @Test func neverSetsPlainDisplayBlockOnMath() {
    #expect(!MathStyle.css.contains("math[display=\"block\"] { display: block"))
  }

  @Test func shipsTheFontAsWOFF2WithItsLicence() throws {
    let fonts = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/Builder/Resources/fonts")
    let font = try Data(contentsOf: fonts.appendingPathComponent("latinmodern-math.woff2"))
    #expect(font.prefix(4) == Data("wOF2".utf8))
    #expect(font.count > 300_000, "the whole font, not a subset: \(font.count) bytes")
    let licence = try String(
      contentsOf: fonts.appendingPathComponent("LICENSE-latinmodern-math.txt"), encoding: .utf8)
    #expect(licence.contains("GUST Font License"))
    #expect(licence.contains("Latin Modern Math"))
  }
}
