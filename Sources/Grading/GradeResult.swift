import BlockRecords
import Foundation

/// What grading one submission gave: a score per question, the student's own checks (unscored)
/// and the problems found, each located in the submission.
public struct SubmissionResult: Codable, Sendable, Equatable {
  /// One ask of a question: the grader's expression, and what the student's code gave.
  public struct Ask: Codable, Sendable, Equatable {
    /// The expression evaluated in the student's program.
    public var expression: String
    /// The inputs' names and types, and the kind of answer expected, e.g.
    /// `f: Vector, beta: Double → a vector of 5 numbers`.
    public var signature: String
    /// What the student's code gave, when it gave a value.
    public var answer: GradeValue?
    /// Whether the answer matched.
    public var passed: Bool
    /// Why it did not (or that it did), without the reference unless it is shown.
    public var message: String
    /// The hidden inputs and the reference: only with `--show-expected`.
    public var inputs: [GradeInput]?
    /// The reference: only with `--show-expected`.
    public var expected: GradeValue?
  }

  /// One question.
  public struct Question: Codable, Sendable, Equatable {
    /// `document#heading`, as in the grader.
    public var id: String
    /// The heading's text.
    public var title: String
    /// The document of the submission.
    public var document: String
    /// Points given.
    public var score: Double
    /// Points possible.
    public var maxScore: Double
    /// How Gradescope shows it.
    public var visibility: String
    /// Each ask, in order.
    public var asks: [Ask]
    /// What kept this question from being asked in full (located lines), if anything.
    public var problems: [String]
  }

  /// A check the student's own code made: shown, never scored.
  public struct SelfCheck: Codable, Sendable, Equatable {
    /// The check's label.
    public var label: String
    /// Whether it held, as the student's program reported it.
    public var passed: Bool
    /// Where it was made, `Content/hw.md:12:3`.
    public var location: String
  }

  /// The submission's id: its folder's name.
  public var id: String
  /// The student's name and email, from Gradescope's `submission_metadata.json` when present.
  public var name: String?
  /// The student's email.
  public var email: String?
  /// Points given in all.
  public var score: Double
  /// Points possible in all.
  public var maxScore: Double
  /// Each question of the grader, in order.
  public var questions: [Question]
  /// The student's own checks, reported by the student's code.
  public var selfChecks: [SelfCheck]
  /// Problems with the submission, one located line each (`Content/hw.md:3:1: error: …`).
  public var problems: [String]

  /// True when grading found a problem (beyond wrong answers).
  public var hasProblems: Bool {
    !problems.isEmpty || questions.contains { !$0.problems.isEmpty }
  }
}

/// Points as text: whole numbers without decimals, others with up to two.
public func pointsText(_ value: Double) -> String {
  let rounded = (value * 100).rounded() / 100
  if rounded == rounded.rounded() { return String(Int(rounded)) }
  var text = String(format: "%.2f", rounded)
  while text.hasSuffix("0") { text.removeLast() }
  return text
}
