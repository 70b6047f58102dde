/// The formats `hw verify --format` accepts. The command line's help and the tests go through
/// `allCases`, so a new format is one case here, which `render` and `summary` must then handle.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// Compiler-style lines and a closing count (`TextReport`).
  case text
  /// The documented JSON schema (`JSONReport`).
  case json
  /// JUnit XML for CI (`JUnitReport`).
  case junit

  /// The report of `summary` in this format (`outputPath` is used by the text format only).
  public func render(_ summary: VerificationSummary, outputPath: String = "Output") -> String {
    switch self {
    case .text: return TextReport.render(summary, outputPath: outputPath)
    case .json: return JSONReport.render(summary)
    case .junit: return JUnitReport.render(summary)
    }
  }

  /// What the format holds, in a few words, for `hw verify --help`.
  public var summary: String {
    switch self {
    case .text:
      return "one line per problem, located, and a closing count"
    case .json:
      return "JSON; its schema is Tests/Fixtures/exec-reports/schema.json in the repository"
    case .junit:
      return "JUnit XML, one testcase per check, grouped by document"
    }
  }
}
