import Foundation
import TestSupport
import Testing

/// `hw grade`, run as an instructor does, on a small homework (`Tests/Fixtures/grading/`): a
/// right copy, a wrong one, broken ones, and a hostile student's attacks. Every attack is made
/// on the wrong copy (or the right one where the attack is about losing points), so a score
/// above the honest one would show it worked.
@Suite(.serialized) struct GradeEndToEndTests {
  static let fixtures = Repository.fixtures.appendingPathComponent("grading")

  /// Whether `hw grade` can run here: it needs bubblewrap unless told otherwise.
  static let bubblewrapWorks: Bool = {
    guard let hw = try? BuiltProducts.hw(),
      let result = try? Program.run(
        hw, ["verify", "--sandbox", "bwrap", "--content", "/nonexistent"])
    else { return false }
    return !result.stderr.contains("bubblewrap")
  }()

  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
  }

  /// The right document, the wrong one (squares doubled instead of squared).
  static func right() throws -> String { try fixture("hw.md") }
  static func wrong() throws -> String {
    try right().replacingOccurrences(of: "v.map { $0 * $0 }", with: "v.map { 2 * $0 }")
  }

  /// A class folder: `Grader/checks.md`, `reference/Content/hw.md`, and one submission per
  /// entry of `submissions` (name → document; nil for a submission without `Content/`).
  struct Class {
    let folder = TemporaryFolder()
    var names: [String] = []

    init(_ submissions: [(String, String?)]) throws {
      folder.write("Grader/checks.md", try GradeEndToEndTests.fixture("checks.md"))
      folder.write("reference/Content/hw.md", try GradeEndToEndTests.right())
      for (name, document) in submissions {
        names.append(name)
        if let document {
          folder.write("class/\(name)/Content/hw.md", document)
        } else {
          folder.write("class/\(name)/notes.txt", "no content here\n")
        }
      }
    }

    func grade(_ extra: [String] = [], jobs: Int = 2) throws -> Program.Result {
      try Program.run(
        BuiltProducts.hw(),
        ["grade", "--checks", "Grader", "--output", "out", "--jobs", "\(jobs)"] + extra
          + names.map { "class/" + $0 }, in: folder.url)
    }

    /// The result of submission `name`.
    func result(_ name: String) throws -> [String: Any] {
      let data = try #require(
        FileManager.default.contents(atPath: folder.path + "/out/\(name)/result.json"))
      return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func score(_ name: String) throws -> Double {
      try #require(try result(name)["score"] as? Double)
    }

    /// Each question's score, by question id.
    func questionScores(_ name: String) throws -> [String: Double] {
      let questions = try #require(try result(name)["questions"] as? [[String: Any]])
      var scores: [String: Double] = [:]
      for question in questions {
        scores[question["id"] as? String ?? ""] = question["score"] as? Double
      }
      return scores
    }

    func text(_ relative: String) -> String {
      FileManager.default.contents(atPath: folder.path + "/" + relative).map {
        String(decoding: $0, as: UTF8.self)
      } ?? ""
    }
  }

  /// The wrong document with the attack `name` appended, its placeholders filled.
  static func attack(_ name: String, on document: String, in folder: String) throws -> String {
    var text = document + "\n" + (try fixture("attacks/\(name).md"))
    for (placeholder, value) in [
      ("@GRADER@", folder + "/Grader"), ("@REFERENCE@", folder + "/reference/Content"),
      ("@OTHER@", folder + "/class/right"), ("@OUTPUT@", folder + "/out"),
    ] {
      text = text.replacingOccurrences(of: placeholder, with: value)
    }
    return text
  }

  @Test(.enabled(if: bubblewrapWorks, "bubblewrap does not work here"))
  func attacksChangeNoScore() throws {
    let right = try Self.right()
    let wrong = try Self.wrong()
    // The folder's path is needed inside the attacks, so the class is made in two steps.
    var setup = try Class([("right", right), ("wrong", wrong)])
    let path = setup.folder.path
    let attacks = ["exploit", "channel", "shadow", "printing", "exit", "late", "reach"]
    for name in attacks {
      setup.names.append(name)
      setup.folder.write("class/\(name)/Content/hw.md", try Self.attack(name, on: wrong, in: path))
    }
    // Losing nothing: a crash after every answer, a block that runs forever, bad TeX.
    for name in ["crash-after", "timeout", "bad-tex"] {
      setup.names.append(name)
      setup.folder.write("class/\(name)/Content/hw.md", try Self.attack(name, on: right, in: path))
    }
    // A build cache shipped with the submission: made by building the right copy, then the
    // document swapped for the wrong one.
    setup.folder.write("class/cached/Content/hw.md", right)
    let build = try Program.run(
      BuiltProducts.hw(),
      ["build", "--content", "Content", "--output", "site", "--sandbox", "none"],
      in: setup.folder.url.appendingPathComponent("class/cached"))
    #expect(build.status == 0, "\(build.output)")
    setup.folder.remove("class/cached/site")
    setup.folder.write("class/cached/Content/hw.md", wrong)
    setup.names.append("cached")
    let before = setup.folder.files(under: "class")

    let result = try setup.grade(["--block-timeout", "2"])
    #expect(result.status == 0, "\(result.output)")
    #expect(try setup.score("right") == 3)
    #expect(try setup.score("wrong") == 1)
    for name in attacks + ["cached"] {
      #expect(
        try setup.score(name) == 1, "attack \(name): \(setup.text("out/\(name)/result.json"))")
    }
    for name in ["crash-after", "timeout", "bad-tex"] {
      #expect(try setup.score(name) == 3, "\(name): \(setup.text("out/\(name)/result.json"))")
    }
    // What the attacks reported of themselves (self-checks: the student's own word, which
    // here is the test's).
    let reach = try #require(try setup.result("reach")["selfChecks"] as? [[String: Any]])
    for label in [
      "the grader's file cannot be read", "the instructor's content cannot be read",
      "another submission cannot be read", "the gradebook cannot be written",
      "the cache cannot be written", "the judge's cache cannot be listed",
      "the sandbox's own processes are listed", "no process of hw grade is in sight",
    ] {
      #expect(
        reach.contains { $0["label"] as? String == label && $0["passed"] as? Bool == true },
        "\(label)")
    }
    #expect(!setup.text("out/grades.csv").contains("forged"))
    #expect(!FileManager.default.fileExists(atPath: path + "/out/.cache/forged.json"))
    // Grading wrote nothing into the submissions.
    #expect(setup.folder.files(under: "class") == before)
    // Broken parts are reported, located, and cost only what they break.
    let timeout = try #require(try setup.result("timeout")["problems"] as? [String])
    #expect(timeout.contains { $0.hasPrefix("Content/hw.md:") && $0.contains("time limit of 2 s") })
    let badTeX = try #require(try setup.result("bad-tex")["problems"] as? [String])
    #expect(badTeX.contains { $0.hasPrefix("Content/hw.md:") && $0.contains("error:") })
    // The student's HTML is inert on the feedback page.
    let feedback = setup.text("out/exploit/feedback.html")
    #expect(feedback.contains("script-src 'none'"))
    #expect(!feedback.contains("<script>"))
    #expect(feedback.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // Nothing the attacks started is left running.
    let leftovers = try Program.run(URL(fileURLWithPath: "/usr/bin/pgrep"), ["-f", "sleep 64"])
    #expect(leftovers.stdout.isEmpty, "\(leftovers.stdout)")
  }

  @Test(.enabled(if: bubblewrapWorks, "bubblewrap does not work here"))
  func oneQuestionsFailureCostsOneQuestion() throws {
    let right = try Self.right()
    var setup = try Class([
      ("right", right),
      // `squares` takes an array: the grader's call does not compile; `total` still scores.
      (
        "signature",
        right.replacingOccurrences(
          of: "func squares(_ v: Vector) -> Vector { v.map { $0 * $0 } }",
          with: "func squares(_ v: [Double]) -> [Double] { v.map { $0 * $0 } }"
        ).replacingOccurrences(
          of: "checkClose(squares([1, 2]), [1, 4]",
          with: "checkClose(Vector(squares([1, 2])), [1, 4]")
      ),
      // The block of `total` does not compile: reported, and the questions asked without it.
      (
        "broken",
        right.replacingOccurrences(of: "check(total(1, 2) == 3", with: "check(total(1, 2) == \"3\"")
      ),
      // `total` crashes when the grader calls it.
      (
        "crash",
        right.replacingOccurrences(
          of: "{ a + b }", with: "{\n  if a == 2.5 { fatalError(\"not today\") }\n  return a + b\n}"
        )
      ),
      ("empty", nil),
    ])
    // Links that lead out of a submission are not followed: a Content/ that is another
    // submission's, a document that is the instructor's.
    setup.folder.link("class/linked/Content", to: setup.folder.path + "/class/right/Content")
    setup.folder.link(
      "class/borrowed/Content/hw.md", to: setup.folder.path + "/reference/Content/hw.md")
    setup.names += ["linked", "borrowed"]
    // Gradescope's metadata names the student; a name a spreadsheet would run is made inert.
    setup.folder.write(
      "class/right/submission_metadata.json",
      #"{"users": [{"name": "=HYPERLINK(\"http://x\")", "email": "ada@example.org"}]}"#)

    let result = try setup.grade(jobs: 1)
    #expect(result.status == 0, "\(result.output)")
    #expect(try setup.questionScores("signature") == ["hw.md#squares": 0, "hw.md#sum": 1])
    let signature = setup.text("out/signature/result.json")
    #expect(signature.contains("does not compile against your code"))
    #expect(signature.contains("squares(v)` with v: Vector, expecting a vector of 4 numbers"))
    #expect(try setup.questionScores("broken") == ["hw.md#squares": 2, "hw.md#sum": 0])
    let broken = try #require(try setup.result("broken")["problems"] as? [String])
    #expect(
      broken.contains { $0.hasPrefix("Content/hw.md:20:") && $0.contains("error:") }, "\(broken)")
    #expect(try setup.questionScores("crash") == ["hw.md#squares": 2, "hw.md#sum": 0])
    #expect(setup.text("out/crash/result.json").contains("not today"))
    #expect(try setup.score("empty") == 0)
    #expect(setup.text("out/empty/result.json").contains("no Content/ folder"))
    #expect(try setup.score("linked") == 0)
    #expect(setup.text("out/linked/result.json").contains("leads outside the submission"))
    #expect(try setup.score("borrowed") == 0)
    #expect(setup.text("out/borrowed/result.json").contains("leads outside the submission"))

    // Gradescope's file: each question a test with its points and the grader's visibility.
    let data = try #require(
      FileManager.default.contents(atPath: setup.folder.path + "/out/right/results.json"))
    let gradescope = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(gradescope["score"] as? Double == 3)
    let tests = try #require(gradescope["tests"] as? [[String: Any]])
    #expect(tests.map { $0["max_score"] as? Double } == [2, 1])
    #expect(tests.allSatisfy { $0["visibility"] as? String == "after_published" })
    // The references stay hidden without --show-expected.
    #expect(!setup.text("out/crash/result.json").contains("\"expected\""))

    let csv = setup.text("out/grades.csv")
    #expect(csv.hasPrefix("id,name,email,Squares (2),Sum (1),total\r\n"))
    #expect(csv.contains("right,\"'=HYPERLINK(\"\"http://x\"\")\",ada@example.org,2,1,3\r\n"))
    #expect(
      result.stdout.hasSuffix("7 graded, mean 1.14 of 3, 6 with problems\n"), "\(result.stdout)")

    // Unchanged submissions are not graded again; a changed one is.
    setup.folder.write("class/crash/Content/hw.md", right)
    let again = try setup.grade(["--show-expected"], jobs: 1)
    #expect(again.status == 0)
    #expect(again.stdout.contains("crash: 3 of 3\n"), "\(again.stdout)")
    #expect(!again.stdout.contains("crash: 3 of 3 (unchanged)"))
    let third = try setup.grade(["--show-expected"], jobs: 1)
    #expect(third.stdout.contains("crash: 3 of 3 (unchanged)"), "\(third.stdout)")
    #expect(setup.text("out/crash/result.json").contains("\"expected\""))
  }

  @Test func aBrokenGraderIsLocatedAndGradesNothing() throws {
    let setup = try Class([("right", try Self.right())])
    setup.folder.write(
      "Grader/checks.md",
      """
      ---
      content: ../reference/Content
      ---
      ```swift grade document=hw.md heading=Squares points=lots
      ask("squares(v)", given: ["v": Vector([1])], expect: Vector([1]))
      ```

      ```swift grade document=hw.md heading="No such heading" points=1
      ask("total(1, 2)", expect: 3.0)
      ```

      ```swift grade document=other.md heading=Sum points=1
      ask("total(1, 2)", expect: 3.0)
      ```

      """)
    let result = try setup.grade()
    #expect(result.status == 1)
    #expect(result.stderr.contains("Grader/checks.md:4:"), "\(result.stderr)")
    #expect(result.stderr.contains("points must be a number in (0, 1000], not 'lots'"))
    #expect(result.stderr.contains("Grader/checks.md:8:4: error: no heading 'No such heading'"))
    #expect(result.stderr.contains("Grader/checks.md:12:4: error: no document 'other.md'"))
    #expect(!FileManager.default.fileExists(atPath: setup.folder.path + "/out/grades.csv"))
  }

  @Test(.enabled(if: bubblewrapWorks, "bubblewrap does not work here"))
  func aReferenceThatDoesNotCompileIsLocated() throws {
    let setup = try Class([("right", try Self.right())])
    setup.folder.write(
      "Grader/checks.md",
      """
      ```swift grade document=hw.md heading=Sum points=1
      ask("total(1, 2)", expect: undefinedReference)
      ```

      """)
    let result = try setup.grade()
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("Grader/checks.md:2:") && result.stderr.contains("undefinedReference"),
      "\(result.stderr)")
  }

  /// The homework itself, graded by its grader (`Grader/`): a right copy gets every point, a
  /// copy with the seed's wrong NLL gradient (an extra 1/β) in its code, or in its typeset
  /// formula alone, loses that question's points for it only, and the exploit that once scored
  /// a wrong answer in full changes nothing.
  @Test(.enabled(if: bubblewrapWorks, "bubblewrap does not work here"))
  func theHomeworkIsGradedByItsGrader() throws {
    let folder = TemporaryFolder()
    let page = try String(
      contentsOf: Repository.file("Content/ebm-homework.md"), encoding: .utf8)
    let right = "return G.energyGradient(x, y) - expected\n"
    #expect(page.components(separatedBy: right).count == 2)
    let wrong = page.replacingOccurrences(
      of: right, with: "return G.energyGradient(x, y) - (1 / beta) * expected\n")
    // The seed's extra 1/β in the typeset gradient, the code right.
    let typeset =
      #"- \sum_{y'} P(y' \mid x) \, \frac{\partial F_W(x, y')}{\partial W} . \label{nll-grad}"#
    #expect(page.components(separatedBy: typeset).count == 2)
    let typo = page.replacingOccurrences(
      of: typeset,
      with: typeset.replacingOccurrences(of: "- \\sum", with: "- \\frac{1}{\\beta} \\sum"))
    folder.write("class/right/Content/ebm-homework.md", page)
    folder.write("class/wrong/Content/ebm-homework.md", wrong)
    folder.write("class/typo/Content/ebm-homework.md", typo)
    folder.write(
      "class/exploit/Content/ebm-homework.md",
      wrong + "\n" + (try Self.fixture("attacks/exploit.md")))
    let result = try Program.run(
      BuiltProducts.hw(),
      [
        "grade", "--checks", Repository.file("Grader").path, "--output", "out", "--jobs", "2",
        "class/right", "class/wrong", "class/exploit", "class/typo",
      ], in: folder.url)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stdout.contains("right: 23 of 23\n"), "\(result.stdout)")
    #expect(result.stdout.contains("wrong: 20 of 23\n"), "\(result.stdout)")
    #expect(result.stdout.contains("exploit: 20 of 23\n"), "\(result.stdout)")
    #expect(result.stdout.contains("typo: 22 of 23\n"), "\(result.stdout)")
    let csv = String(
      decoding: try #require(FileManager.default.contents(atPath: folder.path + "/out/grades.csv")),
      as: UTF8.self)
    // Its typeset gradient is right: (iii) keeps the point of `Grader/typeset.md`.
    #expect(csv.contains("\r\nwrong,,,1,2,1,3,1,2,3,3,3,1,20\r\n"), "\(csv)")
    // Its code is right and its typeset gradient is not: (iii) loses that point alone.
    #expect(csv.contains("\r\ntypo,,,1,2,1,3,3,2,3,3,3,1,22\r\n"), "\(csv)")
  }

  @Test func refusesAnOutputFolderThatOverlapsWhatIsGraded() throws {
    let setup = try Class([("right", try Self.right())])
    let inside = try Program.run(
      BuiltProducts.hw(),
      ["grade", "--checks", "Grader", "--output", "class/right/out", "class/right"],
      in: setup.folder.url)
    #expect(inside.status == 2)
    #expect(inside.stderr.contains("overlap"), "\(inside.stderr)")
    let zeroJobs = try Program.run(
      BuiltProducts.hw(), ["grade", "--checks", "Grader", "--jobs", "0", "class/right"],
      in: setup.folder.url)
    #expect(zeroJobs.status == 2)
    #expect(zeroJobs.stderr.contains("--jobs must be 1 to 64"))
  }
}
