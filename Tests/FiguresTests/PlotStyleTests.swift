import Foundation
import TestSupport
import Testing

@testable import Figures

@Suite("Plot style")
struct PlotStyleTests {
  /// WCAG 2 contrast ratio (L₁ + 0.05) / (L₂ + 0.05) of two "#RRGGBB" colours.
  static func contrast(_ a: String, _ b: String) -> Double {
    func luminance(_ hex: String) -> Double {
      let v = Int(hex.dropFirst(), radix: 16)!
      let channels = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map { c -> Double in
        let s = Double(c) / 255
        return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
      }
      return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  @Test(arguments: 0..<8)
  func seriesColoursHaveAtLeastThreeToOneContrastInBothThemes(index: Int) {
    #expect(Self.contrast(Palette.light[index], "#FFFFFF") >= 3)
    #expect(Self.contrast(Palette.dark[index], "#1B1B1F") >= 3)
  }

  @Test func textHasAtLeastFourAndAHalfToOneContrastInBothThemes() {
    #expect(Self.contrast(Palette.textLight, "#FFFFFF") >= 4.5)
    #expect(Self.contrast(Palette.textDark, "#1B1B1F") >= 4.5)
    #expect(Self.contrast(Palette.axisLight, "#FFFFFF") >= 3)
    #expect(Self.contrast(Palette.axisDark, "#1B1B1F") >= 3)
  }

  @Test func theStylesheetMatchesItsGoldenFile() throws {
    try Golden.check(PlotStyle.css, "figure-css/expected.css")
  }
}
