import BlockRecords
import Foundation
import TestSupport
import Testing

@Suite struct NumberTextTests {
  @Test(arguments: [
    (0.0, "0"), (-0.0, "0"), (1.0, "1"), (2.5, "2.5"), (-3.25, "-3.25"), (1.0 / 3.0, "0.333333"),
    (123456.0, "123456"), (1234567.0, "1.23457e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
    (1.5e-300, "1.5e-300"), (2.0e100, "2e+100"), (999999.5, "1e+06"), (0.1 + 0.2, "0.3"),
    (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
  ])
  func formatsAtSixSignificantDigits(value: Double, text: String) {
    #expect(NumberText.format(value) == text)
  }

  @Test func agreesWithPrintfG6OnManyValues() {
    var generator = TestRandom(seed: 6)
    for _ in 0..<2000 {
      let value =
        Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
        * (Bool.random(using: &generator) ? 1 : -1)
      #expect(NumberText.format(value) == String(format: "%.6g", value), "\(value)")
    }
  }
}
