import Foundation
import TestSupport
import Testing

/// `hw grade` asking for a student's typeset formula (`askFormula`, `Tests/Fixtures/
/// grading-formulas/`): the grader's program evaluates the TeX that `hw` read from the
/// submission, so the formula is graded as typeset, whatever the student's code does.
@Suite(.serialized) struct FormulaGradeEndToEndTests {
  static let fixtures = Repository.fixtures.appendingPathComponent("grading-formulas")
  static let bubblewrapWorks = GradeEndToEndTests.bubblewrapWorks

  static func right() throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent("hw.md"), encoding: .utf8)
  }

  /// `right()` with `old`, found exactly once, replaced.
  static func edited(_ old: String, _ new: String) throws -> String {
    let page = try right()
    #expect(page.components(separatedBy: old).count == 2, "\(old)")
    return page.replacingOccurrences(of: old, with: new)
  }

  /// A class graded with the fixture's checks: submission name → document.
  struct Class {
    let folder = TemporaryFolder()
    var names: [String] = []

    init(_ submissions: [(String, String)], checks: String? = nil) throws {
      folder.write(
        "Grader/checks.md",
        try checks
          ?? String(
            contentsOf: FormulaGradeEndToEndTests.fixtures.appendingPathComponent("checks.md"),
            encoding: .utf8))
      folder.write("reference/Content/hw.md", try FormulaGradeEndToEndTests.right())
      for (name, document) in submissions {
        names.append(name)
        folder.write("class/\(name)/Content/hw.md", document)
      }
    }

    func grade() throws -> Program.Result {
      try Program.run(
        BuiltProducts.hw(),
        ["grade", "--checks", "Grader", "--output", "out", "--jobs", "2"]
          + names.map { "class/" + $0 }, in: folder.url)
    }

    func result(_ name: String) throws -> [String: Any] {
      let data = try #require(
        FileManager.default.contents(atPath: folder.path + "/out/\(name)/result.json"))
      return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Each question's score, by heading.
    func scores(_ name: String) throws -> [String: Double] {
      let questions = try #require(try result(name)["questions"] as? [[String: Any]])
      var scores: [String: Double] = [:]
      for question in questions {
        scores[question["title"] as? String ?? ""] = question["score"] as? Double
      }
      return scores
    }

    /// Every ask message and problem of `name`, one a line.
    func messages(_ name: String) throws -> String {
      let questions = try #require(try result(name)["questions"] as? [[String: Any]])
      var lines: [String] = []
      for question in questions {
        for ask in question["asks"] as? [[String: Any]] ?? [] {
          lines.append((ask["message"] as? String) ?? "")
        }
        lines += question["problems"] as? [String] ?? []
      }
      return lines.joined(separator: "\n")
    }
  }

  @Test(.enabled(if: bubblewrapWorks, "bubblewrap does not work here"))
  func theFormulaIsGradedAsTypesetNotAsCoded() throws {
    let setup = try Class([
      ("right", try Self.right()),
      // The code is right, the formula has a sign typo: only the formula's asks fail.
      ("typo", try Self.edited(#"\log(1 + e^{u})"#, #"\log(1 + e^{-u})"#)),
      // The formula is right, the code is not: only the code's ask fails.
      ("code", try Self.edited("log(1 + exp(u)) }", "log(1 + exp(-u)) }")),
      // No formula labelled `gibbs`: its question scores 0, the others do not move.
      ("unlabelled", try Self.edited(#"\label{gibbs}"#, "")),
      // A symbol the grader does not bind: located at the token.
      ("unbound", try Self.edited(#"e^{-\beta f_y}"#, #"e^{-\beta g_y}"#)),
      // Sums that would run for years: an error at the sum, after 5 million terms.
      (
        "bomb",
        try Self.edited(
          #"\log(1 + e^{u})"#,
          #"\sum_{k=1}^{1000000} \sum_{j=1}^{1000000} 0 + \log(1 + e^{u})"#)
      ),
      // A call of the grader's slow function that would keep its program past the time limit:
      // the ask is charged, and the other question is still asked (the grader's program runs
      // again without evaluating it).
      ("stall", try Self.edited(#"\log(1 + e^{u})"#, #"W(10^{12}) + \log(1 + e^{u})"#)),
      // The same at the first of the three points only: the two others are still answered.
      (
        "stall-once",
        try Self.edited(
          #"\log(1 + e^{u})"#, #"W(10^{12} \mathbb{1}[u < -1]) + \log(1 + e^{u})"#)
      ),
    ])
    let result = try setup.grade()
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stdout.contains("right: 5 of 5\n"), "\(result.stdout)")
    #expect(try setup.scores("typo") == ["Softplus": 1, "Energies": 2])
    #expect(try setup.messages("typo").contains("is not within the tolerance"))
    #expect(try setup.scores("code") == ["Softplus": 2, "Energies": 2])
    #expect(try setup.scores("unlabelled") == ["Softplus": 3, "Energies": 0])
    #expect(
      try setup.messages("unlabelled").contains(
        "Content/hw.md: error: the page has no display formula labelled 'gibbs'"))
    #expect(try setup.scores("unbound") == ["Softplus": 3, "Energies": 0])
    // Line 25 of the page, column 24: the g of g_y.
    let unbound = try setup.messages("unbound")
    #expect(
      unbound.contains("Content/hw.md:25:24: error: formula 'gibbs': g_y is not bound"),
      "\(unbound)")
    #expect(try setup.scores("bomb") == ["Softplus": 1, "Energies": 2])
    #expect(
      try setup.messages("bomb").contains(
        "Content/hw.md:12:29: error: formula 'softplus': the formula takes more than 5000000 "
          + "terms"))
    #expect(try setup.scores("stall") == ["Softplus": 1, "Energies": 2])
    #expect(try setup.messages("stall").contains("evaluating your formula did not finish"))
    // Two of the formula's three asks (2 points) and the code's ask (1 point).
    let once = try #require(try setup.scores("stall-once")["Softplus"])
    let onceMessages = try setup.messages("stall-once")
    #expect(abs(once - (1 + 2.0 * 2 / 3)) < 1e-9, "\(onceMessages)")
    #expect(try setup.scores("stall-once")["Energies"] == 2)
  }

  /// The student's own program cannot answer a formula ask: a block that records answers and
  /// asks of its own, and rewrites the formula it was handed, changes no score.
  @Test(.enabled(if: bubblewrapWorks, "bubblewrap does not work here"))
  func aStudentsProgramCannotAnswerForTheFormula() throws {
    let forged =
      try Self.edited(#"\log(1 + e^{u})"#, #"\log(1 + e^{-u})"#) + """

        ```swift verify
        import Foundation
        for _ in 0..<6 { BlockRuntime._hwGradeAnswer(log(1 + exp(0.3))) }
        askFormula("softplus", bindings: ["u": .value(0.3)], expect: log(1 + exp(0.3)))
        if let path = ProcessInfo.processInfo.environment["HW_FORMULAS"] {
          try? "{}".write(toFile: path, atomically: false, encoding: .utf8)
        }
        ```

        """
    let setup = try Class([("forged", forged)])
    let result = try setup.grade()
    #expect(result.status == 0, "\(result.output)")
    #expect(try setup.scores("forged") == ["Softplus": 1, "Energies": 2])
  }

  /// A formula ask that fails on the instructor's own content has wrong bindings or a wrong
  /// reference: an error in the grader's file, and nothing is graded.
  @Test(.enabled(if: bubblewrapWorks, "bubblewrap does not work here"))
  func aFormulaAskThatFailsOnTheReferenceIsTheGradersError() throws {
    let checks = """
      ---
      content: ../reference/Content
      ---

      ```swift grade document=hw.md heading=Softplus points=1
      askFormula("softplus", bindings: ["u": .value(1.0)], expect: 2.0)
      askFormula("no-such-label", bindings: [:], expect: 1.0)
      ```

      """
    let setup = try Class([("right", try Self.right())], checks: checks)
    let result = try setup.grade()
    #expect(result.status == 1, "\(result.output)")
    #expect(
      result.stderr.contains(
        "Grader/checks.md:6:11: error: the display formula labelled "
          + "'softplus', its right-hand side fails on the instructor's content"),
      "\(result.stderr)")
    #expect(result.stderr.contains("Grader/checks.md:7:11: error:"), "\(result.stderr)")
    #expect(result.stderr.contains("no display formula labelled 'no-such-label'"))
    #expect(!FileManager.default.fileExists(atPath: setup.folder.path + "/out/right"))
  }
}
