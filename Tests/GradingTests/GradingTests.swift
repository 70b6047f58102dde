import BlockRecords
import Execution
import Foundation
import Testing

@testable import Grading

@Suite struct GradeOptionsTests {
  @Test func readsQuotedValuesAndEveryOption() throws {
    let options = try #require(
      try GradeOptions.parse(
        infoString:
          #"swift grade document=a/b.md heading="(a) \"Simple\" loss" points=2.5 timeout=3"#))
    #expect(options.document == "a/b.md")
    #expect(options.heading == #"(a) "Simple" loss"#)
    #expect(options.points == 2.5)
    #expect(options.timeoutSeconds == 3)
    #expect(try GradeOptions.parse(infoString: "swift verify") == nil)
  }

  @Test(arguments: [
    ("swift grade document=a.md heading=x points=0", "points must be a number in (0, 1000]", 36),
    ("swift grade document=../a.md heading=x points=1", "document must be", 12),
    ("swift grade document=a.md heading=\"x points=1", "this quote is not closed", 34),
    ("swift grade document=a.md points=1", "a grade block needs heading=", 6),
    ("swift grade document=a.md heading=x points=1 points=2", "'points' is repeated", 45),
    ("swift grade document=a.md heading=x points=1 hidden", "needs a value", 45),
  ])
  func refusesBadOptionsAtTheirColumn(info: String, message: String, column: Int) {
    #expect {
      _ = try GradeOptions.parse(infoString: info)
    } throws: { error in
      guard let error = error as? VerifyOptionsError else { return false }
      return error.message.contains(message) && error.column == column
    }
  }
}

@Suite struct VerdictTests {
  @Test func comparesWithinARelativeAndAbsoluteTolerance() {
    #expect(Verdict.compare(.number(1e6 + 0.5), .number(1e6), tolerance: 1e-6).passed)
    #expect(!Verdict.compare(.number(1e6 + 2), .number(1e6), tolerance: 1e-6).passed)
    #expect(Verdict.compare(.number(1e-7), .number(0), tolerance: 1e-6).passed)
    #expect(Verdict.compare(.integer(3), .number(3), tolerance: 0).passed)
    #expect(Verdict.compare(.vector([1, 2]), .vector([1, 2 + 1e-12]), tolerance: 1e-9).passed)
  }

  @Test func refusesNonFiniteAnswersAndOtherShapes() {
    let nan = Verdict.compare(.vector([1, .nan]), .vector([1, 2]), tolerance: 1)
    #expect(!nan.passed && nan.message.contains("not finite at entry 1"))
    #expect(!Verdict.compare(.number(.infinity), .number(1), tolerance: .infinity).passed)
    let shape = Verdict.compare(.vector([1, 2, 3]), .vector([1, 2]), tolerance: 1)
    #expect(!shape.passed && shape.message.contains("a vector of 3 numbers"))
    #expect(
      !Verdict.compare(
        .matrix(rows: 2, columns: 1, scalars: [1, 2]), .vector([1, 2]), tolerance: 1
      ).passed)
    #expect(!Verdict.compare(.text("1"), .number(1), tolerance: 1).passed)
  }

  @Test func hidesTheReferenceUnlessAskedToShowIt() {
    let outcome = Verdict.compare(.number(0.25), .number(0.75), tolerance: 1e-9)
    #expect(!outcome.message.contains("0.75"))
    #expect(outcome.detail.contains("0.75"))
  }
}

@Suite struct GradeValueTests {
  @Test func refusesAMatrixWhoseEntriesDoNotFillItAndOversizedValues() {
    let decoder = JSONDecoder()
    #expect(
      (try? decoder.decode(
        GradeValue.self,
        from: Data(#"{"kind":"matrix","rows":2,"columns":2,"scalars":[1,2,3]}"#.utf8))) == nil)
    #expect(
      (try? decoder.decode(
        GradeValue.self,
        from: Data(
          #"{"kind":"matrix","rows":4611686018427387904,"columns":4,"scalars":[]}"#.utf8))) == nil)
    let long =
      "[" + Array(repeating: "0", count: GradeValue.maximumCount + 1).joined(separator: ",") + "]"
    #expect(
      (try? decoder.decode(
        GradeValue.self, from: Data((#"{"kind":"vector","scalars":"# + long + "}").utf8)))
        == nil)
  }

  @Test func writesInputsAsExactLiterals() {
    #expect(GradeValue.number(0.1).swiftLiteral == "0.1")
    #expect(GradeValue.vector([1, -0.5]).swiftLiteral == "Vector([1.0, -0.5] as [Double])")
    #expect(GradeValue.text("a\"\\\n").swiftLiteral == #""a\"\\\n""#)
    #expect(GradeValue.number(.nan).swiftLiteral == "Double.nan")
  }
}

@Suite struct GradeReportTests {
  @Test func csvFieldsAreQuotedAndFormulasMadeInert() {
    #expect(GradeReports.field("plain") == "plain")
    #expect(GradeReports.field("a,b") == "\"a,b\"")
    #expect(GradeReports.field("=1+1") == "'=1+1")
    #expect(GradeReports.field("-2.5") == "-2.5")
    #expect(GradeReports.field("@SUM(A1)\"") == "\"'@SUM(A1)\"\"\"")
  }

  @Test func submissionIDsAreSafeFolderNamesAndUnique() {
    #expect(
      ClassGrading.ids(for: ["a/ada", "b/ada", "c/.hidden", "d/x y<z>"])
        == ["ada", "ada-2", "submission.hidden", "x_y_z_"])
  }
}

@Suite struct ReviewedEdgesTests {
  @Test func inputNamesMayNotBeKeywordsOrTheModulesAnAskNames() {
    for name in ["switch", "is", "Swift", "LossEngine", "BlockRuntime", "_hwX", "1x", "a-b"] {
      #expect(!Judge.isIdentifier(name), "\(name)")
    }
    for name in ["beta", "f", "W2", "yBar", "_x"] { #expect(Judge.isIdentifier(name), "\(name)") }
  }

  @Test func theClassFileIsNoSubmissionsName() {
    #expect(ClassGrading.ids(for: ["x/grades.csv"]) == ["submission-grades.csv"])
  }

  @Test func aGradeBlockUnderARepeatedHeadingNamesItsHeadingByID() {
    let source = """
      # A

      ## 1

      ### (a)

      ```swift grade points=1
      ask("f()", expect: 1.0)
      ```

      ## 2

      ### (a)

      ```swift grade points=1
      ask("g()", expect: 1.0)
      ```

      """
    let (document, problems) = Assignment.transform(
      Array(source.utf8), relativePath: "a.md", displayPath: "source/a.md")
    #expect(problems.isEmpty)
    #expect(
      document.grader?.contains(#"heading="a-1" points=1"#) == true, "\(document.grader ?? "")")
    #expect(document.grader?.contains(#"heading="a-2" points=1"#) == true)
  }

  @Test func anUnclosedSolutionBlockHandsOutNoneOfItsLines() {
    let source = "# A\n\n```swift verify solution\nfunc f() -> Double { 1 }\n// use log-sum-exp\n"
    let (document, problems) = Assignment.transform(
      Array(source.utf8), relativePath: "a.md", displayPath: "source/a.md")
    #expect(
      problems.map(\.description) == [
        "source/a.md:3:1: error: this solution block is not closed: end it with a fence"
      ])
    #expect(!document.student.contains("log-sum-exp"))
  }
}
