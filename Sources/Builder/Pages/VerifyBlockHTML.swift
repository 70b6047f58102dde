import BlockRecords
import Execution
import Markup

/// The HTML of a `swift verify` block on its page: its code (folded away when `hidden`), what it
/// printed, the values it showed, its figures and its checks, each check with its verdict, its
/// numbers and its line.
struct VerifyBlockHTML {
  /// The page's figures are numbered in order; this is the next number.
  var nextFigure = 1

  /// - Parameter formulaNumbers: the page's formula numbers by label, for the formulas the
  ///   block evaluated.
  mutating func render(
    _ block: CodeBlock, options: VerifyOptions, index: Int, run: BlockRun?,
    formulaNumbers: [String: String] = [:]
  ) -> String {
    let status = run.map { Self.statusClass($0.status) } ?? "not-run"
    let id = Self.elementID(options, index: index)
    var html = "<section class=\"block verify \(status)\" id=\"\(escapeHTML(id))\">\n"
    html += "<p class=\"block-status\">\(Self.statusLine(run, options: options))</p>\n"
    if let run, let line = FormulaMarks.blockLine(run, numbers: formulaNumbers) { html += line }
    let code =
      "<pre><code class=\"language-swift\">\(SwiftHighlighter.html(block.code))</code></pre>"
    if options.flags.contains(.hidden) {
      html += "<details class=\"block-code\"><summary>Code</summary>\n\(code)\n</details>\n"
    } else {
      html += code + "\n"
    }
    guard let run else { return html + "</section>" }

    switch run.status {
    case .compileError(let diagnostics):
      html += "<pre class=\"block-diagnostics\">"
      html += escapeHTML(diagnostics.map(\.description).joined(separator: "\n"))
      html += "</pre>\n"
    case .crashed(let message, let location):
      var text = message
      if let location { text += "\nat \(location)" }
      html += "<pre class=\"block-diagnostics\">\(escapeHTML(text))</pre>\n"
    case .timedOut(let seconds):
      html += "<p class=\"block-diagnostics\">Stopped after \(NumberText.format(seconds)) s.</p>\n"
    case .notRun(let reason):
      html += "<p class=\"block-diagnostics\">Not run: \(escapeHTML(reason)).</p>\n"
    default:
      break
    }
    if !run.stdout.isEmpty {
      html += "<pre class=\"block-stdout\" aria-label=\"Output\">\(escapeHTML(run.stdout))</pre>\n"
    }
    if !run.stderr.isEmpty {
      html += "<pre class=\"block-stderr\" aria-label=\"Errors\">\(escapeHTML(run.stderr))</pre>\n"
    }
    if run.outputTruncated {
      html += "<p class=\"block-note\">Output was cut at 1 MB.</p>\n"
    }
    if !run.values.isEmpty {
      html += "<dl class=\"block-values\">\n"
      for value in run.values {
        html += "<dt>\(escapeHTML(value.label))</dt><dd>\(Self.valueHTML(value.content))</dd>\n"
      }
      html += "</dl>\n"
    }
    for figure in run.figures {
      let figureID = figure.id.isEmpty ? "figure-\(nextFigure)" : figure.id
      html += "<figure class=\"block-figure\" id=\"\(escapeHTML(figureID))\">\n\(figure.svg)\n"
      html += "<figcaption><span class=\"figure-number\">Figure \(nextFigure).</span> "
      html += "\(escapeHTML(figure.caption))</figcaption>\n</figure>\n"
      nextFigure += 1
    }
    if !run.checks.isEmpty {
      html += "<ul class=\"block-checks\">\n"
      for check in run.checks {
        html += Self.checkHTML(check, expectFailure: options.flags.contains(.expectFailure))
      }
      html += "</ul>\n"
    }
    return html + "</section>"
  }

  /// The block's element id on the page: `block-` and its `id=`, or its number.
  static func elementID(_ options: VerifyOptions, index: Int) -> String {
    options.id.map { "block-\($0)" } ?? "block-\(index + 1)"
  }

  static func statusClass(_ status: BlockStatus) -> String {
    switch status {
    case .passed: return "passed"
    case .expectedFailureHeld: return "passed expected-failure"
    case .failed, .expectedFailureDidNotFail: return "failed"
    case .compileError, .crashed, .timedOut: return "error"
    case .notRun: return "not-run"
    }
  }

  static func statusLine(_ run: BlockRun?, options: VerifyOptions) -> String {
    guard let run else { return "<span class=\"mark\">•</span> Shown, not run" }
    let checks = run.checks.count
    let failed = run.checks.filter { !$0.passed }.count
    func count(_ n: Int) -> String { n == 1 ? "1 check" : "\(n) checks" }
    switch run.status {
    case .passed:
      if checks == 1 { return "<span class=\"mark\">✓</span> 1 check passes" }
      if checks > 1 { return "<span class=\"mark\">✓</span> \(checks) checks pass" }
      switch run.figures.count {
      case 0: return "<span class=\"mark\">✓</span> Ran, nothing checked"
      case 1: return "<span class=\"mark\">✓</span> Ran, drew a figure"
      default: return "<span class=\"mark\">✓</span> Ran, drew \(run.figures.count) figures"
      }
    case .expectedFailureHeld:
      return
        "<span class=\"mark\">✓</span> Expected failure held: \(failed) of \(count(checks)) "
        + "failed, which shows the claim is wrong"
    case .failed:
      return "<span class=\"mark\">✗</span> \(failed) of \(count(checks)) fail"
    case .expectedFailureDidNotFail:
      return "<span class=\"mark\">✗</span> Expected a failing check, but all \(count(checks)) pass"
    case .compileError:
      return "<span class=\"mark\">✗</span> Does not compile"
    case .crashed:
      return "<span class=\"mark\">✗</span> Crashed"
    case .timedOut:
      return "<span class=\"mark\">✗</span> Timed out"
    case .notRun:
      return "<span class=\"mark\">–</span> Not run"
    }
  }

  /// One check as a list item: verdict, label, numbers and line. A vector of more than
  /// `CheckRecord.longVector` entries is shown by its worst element, and the whole of both
  /// vectors is folded away under the line.
  static func checkHTML(_ check: CheckRecord, expectFailure: Bool) -> String {
    let verdict = check.passed ? "pass" : (expectFailure ? "expected-fail" : "fail")
    let mark = check.passed ? "✓" : "✗"
    var html = "<li class=\"check \(verdict)\"><span class=\"mark\">\(mark)</span> "
    html += "<span class=\"check-label\">\(escapeHTML(check.label))</span>"
    var details: [String] = []
    if let worst = check.worstElementSummary {
      details.append(worst)
    } else {
      if let actual = check.actual { details.append("actual \(actual)") }
      if let expected = check.expected { details.append("expected \(expected)") }
    }
    if let tolerance = check.tolerance {
      details.append("tolerance \(NumberText.format(tolerance))")
    }
    if !check.passed, !check.isLongVector, let index = check.worstIndex {
      details.append("worst at index \(index)")
    }
    if let note = check.note { details.append(note) }
    if !details.isEmpty {
      html += " <span class=\"check-detail\">\(escapeHTML(details.joined(separator: ", ")))</span>"
    }
    html += " <span class=\"check-line\">line \(check.location.location.line)</span>"
    if check.isLongVector, let entries = check.entries {
      html += "\n<details class=\"check-vectors\"><summary>All \(entries) entries</summary>\n<dl>"
      if let actual = check.actual { html += "<dt>actual</dt><dd>\(escapeHTML(actual))</dd>" }
      if let expected = check.expected {
        html += "<dt>expected</dt><dd>\(escapeHTML(expected))</dd>"
      }
      html += "</dl>\n</details>"
    }
    return html + "</li>\n"
  }

  static func valueHTML(_ content: ShownValue.Content) -> String {
    switch content {
    case .scalar(let number): return "<span class=\"number\">\(escapeHTML(number))</span>"
    case .text(let text): return "<span class=\"text\">\(escapeHTML(text))</span>"
    case .vector(let numbers):
      return "<table class=\"value-table\"><tr>"
        + numbers.map { "<td>\(escapeHTML($0))</td>" }.joined() + "</tr></table>"
    case .matrix(let rows):
      return "<table class=\"value-table\">"
        + rows.map { "<tr>" + $0.map { "<td>\(escapeHTML($0))</td>" }.joined() + "</tr>" }
        .joined() + "</table>"
    }
  }
}
