import Foundation
import TestSupport
import Testing

/// `hw assign`, `hw check` and `hw grade` on the worked example, `Examples/teaching/`, as an
/// instructor and their students use them.
@Suite(.serialized) struct AssignEndToEndTests {
  static let example = Repository.file("Examples/teaching")

  static func hw(_ arguments: [String], in folder: URL) throws -> Program.Result {
    try Program.run(BuiltProducts.hw(), arguments, in: folder)
  }

  static func text(_ path: String) -> String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  @Test(.enabled(if: GradeEndToEndTests.bubblewrapWorks, "bubblewrap does not work here"))
  func theWholeFlowOnTheWorkedExample() throws {
    let folder = TemporaryFolder()
    let assign = try Self.hw(
      ["assign", Self.example.path, "--output", "out", "--hw-source", Repository.root.path],
      in: folder.url)
    #expect(assign.status == 0, "\(assign.output)")
    #expect(
      assign.stdout
        == "Wrote out: 1 document, 3 questions (2 with public checks), autograder.zip.\n")
    let out = folder.path + "/out"

    // The handout carries none of the solutions and none of the hidden checks.
    let handout = Self.text(out + "/student/Content/energy.md")
    let publicChecks = Self.text(out + "/student/Grader/energy.md")
    for secret in [
      "weights / weights.sum", "f.min", "mass goes to the answer of lowest energy",
      "\\frac{e^{-\\beta F_W(x, y)}}", "that is $-\\frac{1}{\\beta}",
      "G.energyGradient(x, y) - expected",
      "reverse mode", "P(y | x) = e^{", "seed: 91", "seed: 92", "seed: 93", "swift grade",
      "solution", "Loss.nll", "askFormula", "\\frac{\\partial F_W(x, y')}",
    ] {
      #expect(!handout.contains(secret), "the handout shows \(secret)")
      #expect(
        !publicChecks.contains(secret) || secret == "swift grade", "public checks show \(secret)")
    }
    #expect(
      handout.contains(
        "func gibbs(_ f: Vector, beta: Double) -> Vector {\n  notAnswered(\"gibbs\")\n}"))
    #expect(
      handout.contains("Write $P(y \\mid x)$ in terms of the energies and $\\beta$, and its limit.")
    )
    #expect(handout.contains("*Your answer here.*"))
    #expect(publicChecks.contains("Vector([0, 1])"))
    #expect(Self.text(out + "/grader/energy.md").contains("seed: 93"))
    #expect(FileManager.default.fileExists(atPath: out + "/solutions/Output/energy.html"))

    // The handout builds; only what is not answered yet fails.
    let student = folder.url.appendingPathComponent("out/student")
    let build = try Self.hw(["build", "--output", "../site"], in: student)
    #expect(build.status == 1)
    let errors = build.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(
      !errors.isEmpty && errors.allSatisfy { $0.contains("not answered yet") }, "\(build.stderr)")
    let check = try Self.hw(["check"], in: student)
    #expect(check.status == 1)
    #expect(check.stdout.hasSuffix("0 of 2 points on the public checks\n"), "\(check.stdout)")
    #expect(check.stdout.contains("your code calls gibbs, which is not answered yet"))

    // A student who answers everything passes the public checks; the grader gives every point,
    // and takes the points of a wrong answer.
    let right = try String(contentsOfFile: out + "/solutions/Content/energy.md", encoding: .utf8)
    folder.write("class/ada/Content/energy.md", right)
    folder.write("class/ada/Grader/energy.md", publicChecks)
    let checked = try Self.hw(["check"], in: folder.url.appendingPathComponent("class/ada"))
    #expect(checked.status == 0, "\(checked.output)")
    #expect(checked.stdout.hasSuffix("2 of 2 points on the public checks\n"))
    let wrong = right.replacingOccurrences(
      of: "f[label] + log(f.map { exp(-beta * $0) }.sum) / beta",
      with: "f[label] + log(f.map { exp(-beta * $0) }.sum)")
    #expect(wrong != right)
    folder.write("class/bo/Content/energy.md", wrong)
    // Cy answered everything but gibbs, left as handed out: the block of nll still calls it in a
    // check, and nll still counts; what calls gibbs does not.
    let gibbs = """
      func gibbs(_ f: Vector, beta: Double) -> Vector {
        let low = f.min
        let weights = f.map { exp(-beta * ($0 - low)) }
        return weights / weights.sum
      }
      """
    #expect(right.contains(gibbs))
    folder.write(
      "class/cy/Content/energy.md",
      right.replacingOccurrences(
        of: gibbs,
        with: "func gibbs(_ f: Vector, beta: Double) -> Vector {\n  notAnswered(\"gibbs\")\n}"))
    // Dee's code is right, and the gradient she typeset has the seed's extra 1/β: the question
    // on the formula, which the grader evaluates from her TeX, costs her its point.
    let typeset =
      #"- \sum_{y'} P(y' \mid x) \frac{\partial F_W(x, y')}{\partial W} . \label{nll-grad}"#
    #expect(right.contains(typeset))
    let typo = right.replacingOccurrences(
      of: typeset,
      with:
        #"- \frac{1}{\beta} \sum_{y'} P(y' \mid x) \frac{\partial F_W(x, y')}{\partial W} . \label{nll-grad}"#
    )
    folder.write("class/dee/Content/energy.md", typo)
    let graded = try Self.hw(
      [
        "grade", "--checks", "out/grader", "--output", "grades", "class/ada", "class/bo",
        "class/cy", "class/dee",
      ], in: folder.url)
    #expect(graded.status == 0, "\(graded.output)")
    #expect(graded.stdout.contains("ada: 10 of 10\n"), "\(graded.stdout)")
    #expect(graded.stdout.contains("bo: 8 of 10\n"), "\(graded.stdout)")
    #expect(graded.stdout.contains("cy: 4 of 10, with problems"), "\(graded.stdout)")
    #expect(graded.stdout.contains("dee: 9 of 10\n"), "\(graded.stdout)")

    // The autograder, unpacked as Gradescope lays out /autograder/, grades the same way.
    if ZipFiles.readerMissing == nil, let env = Program.find("env") {
      for (name, document, score) in [("ada", right, 10.0), ("bo", wrong, 8.0), ("dee", typo, 9.0)]
      {
        let root = TemporaryFolder()
        try FileManager.default.createDirectory(
          atPath: root.path + "/source", withIntermediateDirectories: true)
        try ZipFiles.extract(out + "/autograder.zip", into: root.path + "/source")
        root.write("submission/Content/energy.md", document)
        try FileManager.default.createDirectory(
          atPath: root.path + "/results", withIntermediateDirectories: true)
        let run = try Program.run(
          env,
          [
            "AUTOGRADER_ROOT=" + root.path, "HW=" + (try BuiltProducts.hw().path),
            root.path + "/source/run_autograder",
          ], in: root.url)
        #expect(run.status == 0, "\(run.output)")
        let data = try #require(
          FileManager.default.contents(atPath: root.path + "/results/results.json"))
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(results["score"] as? Double == score, "\(name): \(results)")
        #expect((results["tests"] as? [[String: Any]])?.count == 3)
      }
    }

    // The student's page, as the PDF they hand in with their sources.
    if PDFEndToEndTests.canPrint, let pdftotext = PDFEndToEndTests.pdftotext {
      let pdf = try Self.hw(
        ["pdf", "--content", "class/ada/Content", "--output", "ada.pdf"], in: folder.url)
      #expect(pdf.status == 0, "\(pdf.output)")
      let text = try Program.run(pdftotext, [folder.path + "/ada.pdf", "-"])
      #expect(text.stdout.contains("2. The negative log-likelihood loss"), "\(text.stdout)")
    }

    // Assigning again replaces what it wrote; a folder of other files is refused.
    #expect(
      try Self.hw(
        ["assign", Self.example.path, "--output", "out", "--no-autograder"], in: folder.url
      ).status == 0)
    folder.write("mine/notes.txt", "mine\n")
    let refused = try Self.hw(
      ["assign", Self.example.path, "--output", "mine", "--no-autograder"], in: folder.url)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("holds files that hw assign did not write"))
  }

  @Test func problemsInTheSourceAreLocatedAndNothingIsWritten() throws {
    let folder = TemporaryFolder()
    folder.write(
      "source/a.md",
      """
      # A

      ```swift verify solution
      func f() -> Double { 1 }
      struct Hidden {}
      ```

      <!-- solution -->
      open
      """)
    folder.write(
      "source/b.md",
      """
      Text first.

      ```swift grade points=1
      ask("g()", expect: 1.0)
      ```
      <!-- end solution -->

      """)
    let result = try Self.hw(
      ["assign", "source", "--output", "out", "--no-autograder"], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr == """
        source/a.md:5:1: error: a solution block may declare functions and typed constants only; move this struct to a block that is handed out
        source/a.md:8:1: error: this solution region is not closed: end it with '<!-- end solution -->'
        source/b.md:3:4: error: a grade block outside any question: put it under the heading of the question it checks
        source/b.md:6:1: error: '<!-- end solution -->' without '<!-- solution -->' before it

        """)
    #expect(result.stdout == "Nothing written: the source has problems.\n")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
  }

  /// An ask for a typeset formula must pass on the solutions' formula: one that does not has
  /// wrong bindings or a wrong reference, an error located at the ask in the source.
  @Test func aFormulaAskThatFailsOnTheSolutionsIsLocatedInTheSource() throws {
    let folder = TemporaryFolder()
    folder.write(
      "source/a.md",
      #"""
      # A

      ## Q

      <!-- solution -->
      $$ s(u) = \log(1 + e^{u}) \label{softplus} $$
      <!-- end solution -->

      ```swift grade points=1
      askFormula("softplus", bindings: ["u": 0], expect: log(2.0), tolerance: 1e-12)
      askFormula("softplus", bindings: ["u": 1], expect: 1.0)
      ```

      """#)
    let result = try Self.hw(
      ["assign", "source", "--output", "out", "--no-autograder"], in: folder.url)
    #expect(result.status == 1, "\(result.output)")
    #expect(
      result.stderr.contains(
        "source/a.md:11:11: error: the display formula labelled 'softplus', its right-hand side "
          + "fails on the solutions"), "\(result.stderr)")
    #expect(!result.stderr.contains("source/a.md:10:"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
  }

  @Test(.enabled(if: GradeEndToEndTests.bubblewrapWorks, "bubblewrap does not work here"))
  func anAskThatTheStubsCannotAnswerIsLocatedInTheSource() throws {
    let folder = TemporaryFolder()
    folder.write(
      "source/a.md",
      """
      # A

      ## Q

      ```swift verify solution
      func f() -> Double { 1 }
      ```

      ```swift grade points=1 public
      ask("f(2)", expect: 1.0)
      ```

      """)
    let result = try Self.hw(
      ["assign", "source", "--output", "out", "--no-autograder"], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "source/a.md:10:4: error: the handout cannot answer `f(2)`, expecting a number: it does "
          + "not compile against the stubs"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
  }
}
