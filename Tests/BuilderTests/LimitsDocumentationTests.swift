import Foundation
import Markup
import Testing

@testable import TeXMath

/// The README's "Limits" table states the numbers the code enforces.
@Suite struct LimitsDocumentationTests {
  static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

  /// `12345678` as `12,345,678`.
  static func grouped(_ number: Int) -> String {
    var digits = String(number)
    var groups: [Substring] = []
    while digits.count > 3 {
      groups.insert(Substring(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(Substring(digits), at: 0)
    return groups.joined(separator: ",")
  }

  @Test func theReadmeStatesEachLimitWithItsNumber() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    let rows: [(input: String, limit: String)] = [
      ("a Markdown document", InputLimits.describe(bytes: InputLimits.documentBytes)),
      (
        "YAML: one front matter block, or `site.yml`",
        InputLimits.describe(bytes: InputLimits.yamlBytes)
      ),
      ("nesting of YAML mappings and sequences", "\(InputLimits.yamlDepth) levels"),
      (
        "nesting of template sections (`{{#name}}`, `{{^name}}`)",
        "\(InputLimits.templateDepth) levels"
      ),
      (
        "what a template writes for one page",
        "\(InputLimits.templateOutputFactor) × (the template + all the text it is given) + "
          + InputLimits.describe(bytes: InputLimits.templateOutputSlack)
      ),
      (
        "nesting in a formula (groups, fractions, scripts, environments, style switches)",
        "\(Parser.maximumDepth) levels"
      ),
      ("macro expansions in one formula", Self.grouped(Parser.maximumExpansions)),
      (
        "tokens that macro expansion reads, writes and moves in one page",
        Self.grouped(Parser.maximumExpansionWork)
      ),
    ]
    for row in rows {
      #expect(text.contains("\n| \(row.input) | \(row.limit) |"), "\(row.input)")
    }
    #expect(text.contains("its \(Self.grouped(InputLimits.documentBytes + 1))th byte"))
  }
}
