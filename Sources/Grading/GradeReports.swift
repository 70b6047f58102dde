import BlockRecords
import Foundation
import Markup

/// The files grading writes: Gradescope's `results.json`, a feedback page, the class's
/// `grades.csv`.
public enum GradeReports {
  /// Gradescope's `results.json` for one submission: each question a test with its
  /// `max_score` and visibility; the reference only with `--show-expected`.
  public static func gradescope(_ result: SubmissionResult) -> Data {
    var tests: [[String: Any]] = []
    for question in result.questions {
      var lines: [String] = []
      for ask in question.asks {
        var line = (ask.passed ? "✓ " : "✗ ") + ask.signature + ": " + ask.message
        if let answer = ask.answer { line += " (your value: \(answer.shortDescription))" }
        if let expected = ask.expected { line += " (expected: \(expected.shortDescription))" }
        lines.append(line)
      }
      lines += question.problems
      tests.append([
        "name": question.title,
        "score": rounded(question.score),
        "max_score": rounded(question.maxScore),
        "status": question.score >= question.maxScore ? "passed" : "failed",
        "visibility": question.visibility,
        "output": lines.joined(separator: "\n"),
      ])
    }
    var output = [
      "\(pointsText(result.score)) of \(pointsText(result.maxScore)) points."
    ]
    if !result.problems.isEmpty { output.append("Problems:") }
    output += result.problems
    let selfFailed = result.selfChecks.filter { !$0.passed }.count
    if !result.selfChecks.isEmpty {
      output.append(
        "Your own checks (reported by your code, not scored): \(result.selfChecks.count - selfFailed) "
          + "of \(result.selfChecks.count) held.")
    }
    let object: [String: Any] = [
      "score": rounded(result.score),
      "output": output.joined(separator: "\n"),
      "tests": tests,
    ]
    return
      (try? JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      .map { $0 + Data("\n".utf8) } ?? Data()
  }

  /// The result as JSON (`hw grade`'s own form).
  public static func json(_ result: SubmissionResult) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return ((try? encoder.encode(result)) ?? Data()) + Data("\n".utf8)
  }

  /// Reads back what `json(_:)` wrote.
  public static func result(from data: Data) -> SubmissionResult? {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try? decoder.decode(SubmissionResult.self, from: data)
  }

  /// The feedback page: a page of its own, no script (its policy forbids any), every text of
  /// the student's escaped.
  public static func feedback(_ result: SubmissionResult) -> String {
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'none'; img-src 'none'; form-action 'none'; base-uri 'none'">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Feedback: \(escapeHTML(result.id))</title>
      <style>\(style)</style>
      </head>
      <body>
      <main>
      <h1>Feedback: \(escapeHTML(result.name ?? result.id))</h1>

      """
    if let email = result.email { html += "<p class=\"who\">\(escapeHTML(email))</p>\n" }
    html +=
      "<p class=\"total\">\(pointsText(result.score)) of \(pointsText(result.maxScore)) points</p>\n"
    if !result.problems.isEmpty {
      html += "<section class=\"problems\">\n<h2>Problems</h2>\n<ul>\n"
      for problem in result.problems { html += "<li><code>\(escapeHTML(problem))</code></li>\n" }
      html += "</ul>\n</section>\n"
    }
    for question in result.questions {
      let state = question.score >= question.maxScore ? "full" : "partial"
      html += "<section class=\"question \(state)\">\n"
      html +=
        "<h2>\(escapeHTML(question.title)) <span class=\"points\">\(pointsText(question.score)) / "
        + "\(pointsText(question.maxScore))</span></h2>\n"
      html += "<p class=\"document\">\(escapeHTML(question.document))</p>\n<ul class=\"asks\">\n"
      for ask in question.asks {
        html += "<li class=\"\(ask.passed ? "pass" : "fail")\">"
        html += "<span class=\"mark\">\(ask.passed ? "✓" : "✗")</span> "
        html += "<code>\(escapeHTML(ask.signature))</code>: \(escapeHTML(ask.message))"
        if let answer = ask.answer {
          html += "<br>your value: <code>\(escapeHTML(answer.shortDescription))</code>"
        }
        if let inputs = ask.inputs, !inputs.isEmpty {
          html +=
            "<br>inputs: <code>"
            + escapeHTML(
              inputs.map { "\($0.name) = \($0.value.shortDescription)" }.joined(separator: ", "))
            + "</code>"
        }
        if let expected = ask.expected {
          html += "<br>expected: <code>\(escapeHTML(expected.shortDescription))</code>"
        }
        html += "</li>\n"
      }
      html += "</ul>\n"
      if !question.problems.isEmpty {
        html += "<ul class=\"problems\">\n"
        for problem in question.problems {
          html += "<li><code>\(escapeHTML(problem))</code></li>\n"
        }
        html += "</ul>\n"
      }
      html += "</section>\n"
    }
    html +=
      "<section class=\"self\">\n<h2>Your own checks</h2>\n<p>Reported by your own code; not "
      + "scored.</p>\n"
    if result.selfChecks.isEmpty {
      html += "<p>None.</p>\n"
    } else {
      html += "<ul>\n"
      for check in result.selfChecks {
        html +=
          "<li class=\"\(check.passed ? "pass" : "fail")\"><span class=\"mark\">"
          + "\(check.passed ? "✓" : "✗")</span> \(escapeHTML(check.label)) "
          + "<span class=\"where\">\(escapeHTML(check.location))</span></li>\n"
      }
      html += "</ul>\n"
    }
    html += "</section>\n</main>\n</body>\n</html>\n"
    return html
  }

  /// `grades.csv`: one row per submission (id, name, email, one column per question, total),
  /// in the order given. Fields that a spreadsheet would take for a formula are prefixed with
  /// `'`.
  public static func csv(_ results: [SubmissionResult], questions: [Grader.Question]) -> String {
    var lines = [
      (["id", "name", "email"] + questions.map { "\($0.title) (\(pointsText($0.points)))" }
        + ["total"]).map(field).joined(separator: ",")
    ]
    for result in results {
      let scores = result.questions.map { pointsText($0.score) }
      lines.append(
        ([result.id, result.name ?? "", result.email ?? ""] + scores + [pointsText(result.score)])
          .map(field).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// One CSV field: quoted when it holds a comma, quote or line break; a leading `=`, `+`,
  /// `-`, `@`, tab or carriage return made inert with `'` unless the field is a number.
  static func field(_ text: String) -> String {
    var text = text
    if let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil {
      text = "'" + text
    }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

  private static let style = """
    body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b;background:#fff}\
    main{max-width:50rem;margin:0 auto;padding:1.5rem}\
    code{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-word}\
    .total{font-size:1.4rem;font-weight:600}.points{float:right;font-weight:600}\
    .question{border-top:1px solid #ccc;padding-top:.5rem}.document,.where,.who{color:#666}\
    ul{padding-left:1.2rem}li{margin:.3rem 0}.mark{font-weight:700}\
    .pass .mark{color:#1a7f37}.fail .mark{color:#c62828}.problems code{color:#c62828}\
    @media (prefers-color-scheme:dark){body{background:#161616;color:#e6e6e6}\
    .document,.where,.who{color:#aaa}.pass .mark{color:#57d97a}.fail .mark,.problems code{color:#ff7b72}}\
    @media print{.points{float:none;margin-left:1rem}}
    """
}
