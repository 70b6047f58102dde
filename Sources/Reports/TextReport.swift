/// The plain-text report `hw verify` prints: one line per problem, compiler style, then the
/// output comparison, then `N passed, N failed`.
///
/// ```
/// Content/hw.md:42:17: error: check failed: gradient (actual 0.5, expected 0.48, …)
/// Content/hw.md:57:13: error: block crashed: Fatal error: Index out of range
/// Content/hw.md:70: note: block not run: an earlier block (line 57) crashed
/// Output/hw/index.html: error: page differs from a fresh build
/// Content/hw.md:88: note: formula 'nll-grad' evaluated as typeset; its checks pass
/// 12 passed, 2 failed (self-checks, as the student's code reported them)
/// ```
/// The closing line adds `, N not run` when blocks were skipped, and says what the counts are:
/// checks the student's own code reported, not a grade (`hw grade` decides grades outside it). Failures that are errors
/// (compile, crash, timeout) count as failed in the closing line.
public enum TextReport {
  /// The report text, ending in a newline. `outputPath` is how the output folder is shown in
  /// page lines (e.g. `Output`).
  public static func render(_ summary: VerificationSummary, outputPath: String = "Output")
    -> String
  {
    var lines: [String] = []
    for item in summary.items {
      switch item.outcome {
      case .passed:
        continue
      case .failed(let message):
        lines.append("\(item.location): error: \(message)")
      case .error(let kind, let message):
        // Compile errors are the compiler's own located lines (with their notes).
        lines.append(kind == .compileError ? message : "\(item.location): error: \(message)")
      case .skipped(let reason):
        lines.append("\(item.location): note: \(reason)")
      }
    }
    switch summary.outputComparison {
    case .notCompared, .matches:
      break
    case .outputFolderMissing(let path):
      lines.append("note: \(path) does not exist; only the checks were judged")
    case .differs(let pages):
      for page in pages {
        lines.append("\(outputPath)/\(page): error: page differs from a fresh build")
      }
    }
    lines += summary.contentProblems
    lines += formulaLines(summary)
    let counts = summary.counts
    var closing = "\(counts.passed) passed, \(counts.failed + counts.errors) failed"
    if counts.skipped > 0 { closing += ", \(counts.skipped) not run" }
    closing += Self.label
    lines.append(closing)
    return lines.joined(separator: "\n") + "\n"
  }

  /// A note per formula a block evaluated as typeset (`formula("label")`), with what its checks
  /// said, so a reader sees which formulas were checked and not only which code was.
  static func formulaLines(_ summary: VerificationSummary) -> [String] {
    var lines: [String] = []
    for document in summary.documents {
      for block in document.run.blocks {
        for label in block.formulas {
          let verdict: String
          switch block.status {
          case .passed: verdict = "its checks pass"
          case .expectedFailureHeld: verdict = "shown wrong, as expected"
          default: verdict = "its checks do not pass"
          }
          lines.append(
            "\(document.displayPath):\(block.line): note: formula '\(label)' evaluated as "
              + "typeset; \(verdict)")
        }
      }
    }
    return lines
  }

  /// What the closing line's counts are.
  public static let label = " (self-checks, as the student's code reported them)"
}
