import BlockRecords
import Foundation
import TestSupport
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct ReportTests {
  static let fixtures = Repository.fixtures.appendingPathComponent("exec-reports")

  /// The golden file of each format.
  static func goldenFile(_ format: ReportFormat) -> String {
    switch format {
    case .text: return "report.txt"
    case .json: return "report.json"
    case .junit: return "report.xml"
    }
  }

  @Test(arguments: ReportFormat.allCases)
  func everyFormatMatchesItsGoldenFile(format: ReportFormat) throws {
    try Golden.check(
      format.render(ReportSamples.summary), "exec-reports/" + Self.goldenFile(format))
  }

  @Test func theSamplesHoldEveryKindOfBlockAndItem() {
    let blocks = ReportSamples.summary.documents.flatMap(\.run.blocks).map(\.status.kind)
    // Every status but `passed`, which the smaller summaries below use: a new status must be
    // added to the samples, and so to the golden files.
    #expect(Set(BlockStatus.Kind.allCases).subtracting(blocks) == [.passed])
    let outcomes = ReportSamples.summary.items.map(\.outcome)
    #expect(Set(outcomes.map(\.kind)) == Set(VerificationItem.Outcome.Kind.allCases))
    let errors = outcomes.compactMap { outcome -> VerificationItem.ErrorKind? in
      if case .error(let kind, _) = outcome { return kind }
      return nil
    }
    #expect(Set(errors) == Set(VerificationItem.ErrorKind.allCases))
  }

  @Test func theSchemaNamesEveryKindTheJSONReportWrites() throws {
    let schemaData = try Data(contentsOf: Self.fixtures.appendingPathComponent("schema.json"))
    let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
    func names(_ path: [String]) -> [String]? {
      var node: Any? = schema
      for key in path { node = (node as? [String: Any])?[key] }
      return (node as? [String: Any])?["enum"] as? [String]
    }
    #expect(
      names(["properties", "output", "properties", "status"])
        == JSONReport.Output.Status.allCases.map(\.rawValue))
    #expect(
      names(["$defs", "block", "properties", "status"])
        == BlockStatus.Kind.allCases.map(\.rawValue))
    #expect(
      names(["$defs", "item", "properties", "outcome"])
        == VerificationItem.Outcome.Kind.allCases.map(\.rawValue))
    #expect(
      names(["$defs", "item", "properties", "kind"])
        == VerificationItem.ErrorKind.allCases.map(\.rawValue))
  }

  @Test func theTextReportHasOneLinePerProblemAndAClosingCount() {
    let text = TextReport.render(ReportSamples.summary)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == "Content/hw.md:12:11: error: check failed: gradient <vs> finite differences "
        + "(actual [0.5, 0.512], expected [0.5, 0.481], tolerance 1e-06, worst index 1, "
        + "scaled error 0.031)")
    #expect(
      lines.contains("Content/hw.md:33:13: error: block crashed: Fatal error: Index out of range"))
    #expect(lines.contains("Content/errata.md:6:13: error: cannot find 'undefinedName' in scope"))
    #expect(lines.contains("Output/errata/index.html: error: page differs from a fresh build"))
    #expect(
      lines.last
        == "2 passed, 5 failed, 1 not run (self-checks, as the student's code reported them)")
  }

  @Test func aMissingOutputFolderIsOneLineAndNotAFailure() {
    let summary = VerificationSummary(
      documents: [
        .init(
          displayPath: "Content/a.md",
          run: DocumentRun(blocks: [
            BlockRun(
              index: 0, line: 3, status: .passed,
              checks: [
                CheckRecord(
                  block: 0, kind: .condition, label: "ok", passed: true,
                  location: ReportSamples.location(3, 6, "Content/a.md"))
              ])
          ]))
      ], outputComparison: .outputFolderMissing(path: "Output"))
    #expect(
      TextReport.render(summary)
        == "note: Output does not exist; only the checks were judged\n1 passed, 0 failed (self-checks, as the student's code reported them)\n"
    )
    #expect(summary.succeeded)
  }

  @Test func theJSONReportFollowsItsSchema() throws {
    let schemaData = try Data(contentsOf: Self.fixtures.appendingPathComponent("schema.json"))
    let schema = try JSONSerialization.jsonObject(with: schemaData)
    let report = try JSONSerialization.jsonObject(
      with: Data(JSONReport.render(ReportSamples.summary).utf8))
    let problems = SchemaCheck(root: schema).problems(report, schema: schema, path: "$")
    #expect(problems == [])
    let object = try #require(report as? [String: Any])
    #expect((object["counts"] as? [String: Int])?["total"] == 8)
    #expect(object["succeeded"] as? Bool == false)
  }

  @Test func anInfiniteToleranceIsWrittenAsTextAndStillFollowsTheSchema() throws {
    let summary = VerificationSummary(documents: [
      .init(
        displayPath: "Content/a.md",
        run: DocumentRun(blocks: [
          BlockRun(
            index: 0, line: 3, status: .passed,
            checks: [
              CheckRecord(
                block: 0, kind: .close, label: "anything goes", passed: true, actual: "1",
                expected: "2", tolerance: .infinity,
                location: ReportSamples.location(3, 11, "Content/a.md"))
            ])
        ]))
    ])
    let text = JSONReport.render(summary)
    #expect(text.contains("\"tolerance\" : \"inf\""))
    let schemaData = try Data(contentsOf: Self.fixtures.appendingPathComponent("schema.json"))
    let schema = try JSONSerialization.jsonObject(with: schemaData)
    let report = try JSONSerialization.jsonObject(with: Data(text.utf8))
    #expect(SchemaCheck(root: schema).problems(report, schema: schema, path: "$") == [])
  }

  @Test func theSchemaCheckCatchesAMissingKey() throws {
    let schemaData = try Data(contentsOf: Self.fixtures.appendingPathComponent("schema.json"))
    let schema = try JSONSerialization.jsonObject(with: schemaData)
    let broken: [String: Any] = ["schemaVersion": 1, "succeeded": true, "documents": []]
    let problems = SchemaCheck(root: schema).problems(broken, schema: schema, path: "$")
    #expect(problems.contains("$: missing counts"))
    #expect(problems.contains("$: missing output"))
  }

  @Test func theJUnitReportIsXMLWithOneTestcasePerItemGroupedByDocument() throws {
    let xml = JUnitReport.render(ReportSamples.summary)
    let document = try XMLDocument(xmlString: xml, options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "testsuites")
    #expect(root.attribute(forName: "tests")?.stringValue == "8")
    let suites = root.elements(forName: "testsuite")
    #expect(
      suites.map { $0.attribute(forName: "name")?.stringValue } == [
        "Content/hw.md", "Content/errata.md",
      ])
    let cases = suites[0].elements(forName: "testcase")
    #expect(cases.count == 5)
    #expect(cases[1].elements(forName: "failure").count == 1)
    #expect(cases[1].attribute(forName: "name")?.stringValue == "gradient <vs> finite differences")
    #expect(cases[1].attribute(forName: "line")?.stringValue == "12")
    #expect(
      cases[3].elements(forName: "error").first?.attribute(forName: "type")?.stringValue
        == "crashed")
    #expect(cases[4].elements(forName: "skipped").count == 1)
    let errata = suites[1].elements(forName: "testcase")
    #expect(
      errata.map { $0.elements(forName: "error").first?.attribute(forName: "type")?.stringValue }
        == [
          "compileError", "timedOut", nil,
        ])
    #expect(errata[2].elements(forName: "failure").count == 1)
  }

  @Test func contentProblemsFailEveryFormat() throws {
    var summary = ReportSamples.summary
    summary.outputComparison = .matches
    summary.contentProblems = ["Content/hw.md:3:12: error: unknown command \\foo"]
    #expect(!summary.succeeded)
    #expect(TextReport.render(summary).contains("Content/hw.md:3:12: error: unknown command"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(JSONReport.render(summary).utf8))
        as? [String: Any])
    #expect(json["succeeded"] as? Bool == false)
    #expect((json["contentProblems"] as? [String])?.count == 1)
    #expect(JUnitReport.render(summary).contains("<error type=\"contentError\""))
  }

  @Test func xmlEscapingRemovesCharactersXMLForbids() {
    #expect(JUnitReport.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot;\u{FFFD}")
  }
}

/// A small JSON Schema check: `type`, `required`, `properties`, `additionalProperties: false`,
/// `items`, `enum` and local `$ref`s, which is all `schema.json` uses.
struct SchemaCheck {
  var root: Any

  func problems(_ value: Any, schema: Any, path: String) -> [String] {
    guard var rules = schema as? [String: Any] else { return [] }
    if let reference = rules["$ref"] as? String {
      let name = reference.replacingOccurrences(of: "#/$defs/", with: "")
      rules = ((root as? [String: Any])?["$defs"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }
    var found: [String] = []
    if let type = rules["type"] as? String, !matches(value, type) {
      return ["\(path): expected \(type)"]
    }
    if let types = rules["type"] as? [String], !types.contains(where: { matches(value, $0) }) {
      return ["\(path): expected one of \(types)"]
    }
    if let allowed = rules["enum"] as? [Any],
      !allowed.contains(where: { "\($0)" == "\(value)" })
    {
      found.append("\(path): \(value) not allowed")
    }
    if let object = value as? [String: Any] {
      for key in (rules["required"] as? [String]) ?? [] where object[key] == nil {
        found.append("\(path): missing \(key)")
      }
      let properties = rules["properties"] as? [String: Any] ?? [:]
      for (key, child) in object {
        if let rule = properties[key] {
          found += problems(child, schema: rule, path: "\(path).\(key)")
        } else if rules["additionalProperties"] as? Bool == false {
          found.append("\(path): unexpected \(key)")
        }
      }
    }
    if let array = value as? [Any], let itemRule = rules["items"] {
      for (index, element) in array.enumerated() {
        found += problems(element, schema: itemRule, path: "\(path)[\(index)]")
      }
    }
    return found.sorted()
  }

  private func matches(_ value: Any, _ type: String) -> Bool {
    switch type {
    case "object": return value is [String: Any]
    case "array": return value is [Any]
    case "string": return value is String
    case "boolean": return isBoolean(value)
    case "integer", "number":
      guard !isBoolean(value), let number = value as? Double else { return false }
      return type == "number" || number == number.rounded()
    default: return true
    }
  }

  /// JSON booleans, which Foundation hands out as a boolean NSNumber (or a Swift `Bool`).
  private func isBoolean(_ value: Any) -> Bool {
    Swift.type(of: value) == Bool.self || "\(Swift.type(of: value))".contains("Boolean")
  }
}
