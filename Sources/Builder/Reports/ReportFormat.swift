/// The formats `hw verify --format` accepts.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text, json, junit, gradescope

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
