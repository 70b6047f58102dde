/// The JUnit XML report of `hw verify --format junit`: one `<testsuite>` per document, one
/// `<testcase>` per `VerificationItem` (`classname` = document path, `file` and `line` = its
/// location). A failed check is a `<failure type="CheckFailed">`; a block that did not compile,
/// crashed or timed out is an `<error type="compileError|crashed|timedOut">`; a block not run
/// is `<skipped>`. No timestamps or times, so the file is reproducible.
public enum JUnitReport {
  /// The XML text, ending in a newline.
  public static func render(_ summary: VerificationSummary) -> String {
    let total = summary.counts
    var lines = [
      #"<?xml version="1.0" encoding="UTF-8"?>"#,
      "<testsuites name=\"hw verify\"\(countAttributes(total))>",
    ]
    if !summary.contentProblems.isEmpty {
      let count = summary.contentProblems.count
      lines.append(
        "  <testsuite name=\"content\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">")
      lines.append("    <testcase classname=\"content\" name=\"content has no errors\">")
      lines.append(
        "      <error type=\"contentError\" message=\"\(count) problem\(count == 1 ? "" : "s")\">"
          + escape(summary.contentProblems.joined(separator: "\n")) + "</error>")
      lines.append("    </testcase>")
      lines.append("  </testsuite>")
    }
    for document in summary.documents {
      let items = VerificationItem.items(of: document.run, displayPath: document.displayPath)
      let counts = VerificationCounts(items)
      let path = escape(document.displayPath)
      lines.append(
        "  <testsuite name=\"\(path)\" file=\"\(path)\"\(countAttributes(counts))>")
      for item in items {
        let opening =
          "    <testcase classname=\"\(path)\" name=\"\(escape(item.name))\" "
          + "file=\"\(escape(item.location.path))\" line=\"\(item.location.location.line)\""
        switch item.outcome {
        case .passed:
          lines.append(opening + "/>")
        case .failed(let message):
          lines.append(opening + ">")
          lines.append(
            "      <failure type=\"CheckFailed\" message=\"\(escape(firstLine(message)))\">"
              + "\(escape("\(item.location): \(message)"))</failure>")
          lines.append("    </testcase>")
        case .error(let kind, let message):
          lines.append(opening + ">")
          let body = item.output.isEmpty ? message : message + "\n\n" + item.output
          lines.append(
            "      <error type=\"\(kind.rawValue)\" message=\"\(escape(firstLine(message)))\">"
              + "\(escape(body))</error>")
          lines.append("    </testcase>")
        case .skipped(let reason):
          lines.append(opening + ">")
          lines.append("      <skipped message=\"\(escape(reason))\"/>")
          lines.append("    </testcase>")
        }
      }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func countAttributes(_ counts: VerificationCounts) -> String {
    " tests=\"\(counts.total)\" failures=\"\(counts.failed)\" errors=\"\(counts.errors)\""
      + " skipped=\"\(counts.skipped)\""
  }

  private static func firstLine(_ text: String) -> String {
    String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
  }

  /// Escapes XML markup characters; characters XML 1.0 forbids become U+FFFD.
  static func escape(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
