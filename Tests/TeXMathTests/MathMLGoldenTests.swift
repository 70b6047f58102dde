import TestSupport
import Testing

@testable import TeXMath

@Suite struct MathMLGoldenTests {
  static let groups = [
    "scripts", "fractions", "operators", "delimiters", "environments", "accents", "fonts",
    "symbols", "spacing", "numbering", "macros",
  ]

  @Test(arguments: groups)
  func rendersEveryFormulaOfTheCorpusAsRecorded(group: String) throws {
    let page = MathPage(formulas: try Fixtures.formulas(group), macros: try Fixtures.macros(group))
    try Golden.check(Fixtures.render(page), "math-\(group)/expected.txt")
  }

  @Test(arguments: groups)
  func rendersTheWholeCorpusWithoutErrors(group: String) throws {
    let page = MathPage(formulas: try Fixtures.formulas(group), macros: try Fixtures.macros(group))
    let failures = page.results.filter { if case .failure = $0 { true } else { false } }
    #expect(failures.isEmpty, "\(group): \(failures)")
  }

  @Test func rendersTheSameMarkupEveryTime() throws {
    let formulas = try MathMLGoldenTests.groups.flatMap { try Fixtures.formulas($0) }
    let macros = try Fixtures.macros("macros")
    let first = Fixtures.render(MathPage(formulas: formulas, macros: macros))
    let second = Fixtures.render(MathPage(formulas: formulas, macros: macros))
    #expect(first == second)
  }
}
