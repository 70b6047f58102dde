import Testing

@testable import TeXMath

@Suite struct MathMLGoldenTests {
  static let groups = [
    "scripts", "fractions", "operators", "delimiters", "environments", "accents", "fonts",
    "symbols", "spacing", "numbering",
  ]

  @Test(arguments: groups)
  func rendersEveryFormulaOfTheCorpusAsRecorded(group: String) throws {
    let page = MathPage(formulas: try Fixtures.formulas(group), macros: MacroTable())
    try Fixtures.expectGolden(Fixtures.render(page), group: group)
  }

  @Test(arguments: groups)
  func rendersTheWholeCorpusWithoutErrors(group: String) throws {
    let page = MathPage(formulas: try Fixtures.formulas(group), macros: MacroTable())
    let failures = page.results.filter { if case .failure = $0 { true } else { false } }
    #expect(failures.isEmpty, "\(group): \(failures)")
  }

  @Test func rendersTheSameMarkupEveryTime() throws {
    let formulas = try MathMLGoldenTests.groups.flatMap { try Fixtures.formulas($0) }
    let first = Fixtures.render(MathPage(formulas: formulas, macros: MacroTable()))
    let second = Fixtures.render(MathPage(formulas: formulas, macros: MacroTable()))
    #expect(first == second)
  }
}
