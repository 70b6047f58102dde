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
      "math-cases", "math-matrix", "math-array", "math-substack", "math-vec",
      "math-boxed",
    ]
    for name in classes { #expect(MathStyle.css.contains(".\(name)"), "\(name)") }
  }

  @Test func neverSetsPlainDisplayBlockOnMath() {
    #expect(!MathStyle.css.contains("math[display=\"block\"] { display: block"))
  }
}
