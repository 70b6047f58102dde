/// The formats `hw verify --format` accepts.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// Compiler-style lines and a closing count (`TextReport`).
  case text
  /// The documented JSON schema (`JSONReport`).
  case json
  /// JUnit XML for CI (`JUnitReport`).
  case junit
  /// Gradescope `results.json` (`GradescopeReport`).
  case gradescope

  /// The report of `summary` in this format (`outputPath` is used by the text format only).
  public func render(_ summary: VerificationSummary, outputPath: String = "Output") -> String {
    switch self {
    case .text: return TextReport.render(summary, outputPath: outputPath)
    case .json: return JSONReport.render(summary)
    case .junit: return JUnitReport.render(summary)
    case .gradescope: return GradescopeReport.render(summary)
    }
  }
}
