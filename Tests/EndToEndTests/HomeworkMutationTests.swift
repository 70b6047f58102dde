import Foundation
import TestSupport
import Testing

/// The homework's checks can fail: `scripts/mutate-homework` makes small mistakes in its
/// derivation blocks (a sign, a factor, a dropped term), builds each mutant with the built `hw`,
/// and every mutant must fail a check of its own block.
@Suite struct HomeworkMutationTests {
  @Test(.enabled(if: Program.find("python3") != nil, "python3 is not installed"))
  func everyMutantOfADerivationFailsACheckOfItsBlock() throws {
    let python = try #require(Program.find("python3"))
    let script = Repository.root.appendingPathComponent("scripts/mutate-homework").path
    let result = try Program.run(
      python, [script, "--hw", BuiltProducts.hw().path, "--jobs", "2"], in: Repository.root)
    #expect(result.status == 0, "\(result.output)")
    let summary = try #require(
      result.stdout.split(separator: "\n").last { $0.hasSuffix(" mutants killed") })
    let numbers = summary.split(separator: " ").compactMap { Int($0) }
    #expect(numbers.count == 2 && numbers[0] == numbers[1] && numbers[0] >= 30, "\(summary)")
    #expect(!result.stdout.contains("SURVIVED"))
  }
}
