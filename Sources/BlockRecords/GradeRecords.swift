import Diagnostics

/// One named input of a grader's question, handed to the student's program.
public struct GradeInput: Codable, Sendable, Equatable {
  /// The name the ask's expression uses (a Swift identifier).
  public var name: String
  /// Its value.
  public var value: GradeValue

  /// Creates an input.
  public init(name: String, value: GradeValue) {
    self.name = name
    self.value = value
  }
}

/// What a grader's program asks of a student's code: an expression to evaluate in the student's
/// program with `inputs` bound, the value it should give, and how close it must come.
///
/// Written by the judge (a program of the grader's code and the engine only); never by, and
/// never shown to, the student's program except for `expression` and `inputs`.
public struct GradeAsk: Codable, Sendable, Equatable {
  /// 0-based index of the grade block (the question) that asked.
  public var block: Int
  /// Where `ask` was called in the grader's file.
  public var location: FileLocation
  /// Swift expression, evaluated in the student's program after its last block.
  public var expression: String
  /// Values bound, by name, before `expression` is evaluated.
  public var inputs: [GradeInput]
  /// The reference value.
  public var expected: GradeValue
  /// How far an answer may be: |answer − expected| ≤ tolerance · max(1, |expected|), entry by
  /// entry.
  public var tolerance: Double
  /// Set when the ask is for the student's typeset formula (`askFormula`): then nothing runs in
  /// the student's program; the grader's program evaluates the formula's TeX, read from the
  /// submission's Markdown by `hw`, and `expression` describes it.
  public var formula: GradeFormula?

  /// Creates an ask.
  public init(
    block: Int, location: FileLocation, expression: String, inputs: [GradeInput],
    expected: GradeValue, tolerance: Double, formula: GradeFormula? = nil
  ) {
    self.block = block
    self.location = location
    self.expression = expression
    self.inputs = inputs
    self.expected = expected
    self.tolerance = tolerance
    self.formula = formula
  }
}

/// Which typeset formula a grader's ask is about: a display formula of the submission's
/// document, by its `\label`, and which of its sides.
public struct GradeFormula: Codable, Sendable, Equatable {
  /// The formula's label.
  public var label: String
  /// The side (0 is left of the first relation); nil for the last side, the right-hand side.
  public var side: Int?

  /// Creates a formula ask's target.
  public init(label: String, side: Int? = nil) {
    self.label = label
    self.side = side
  }

  /// The side in words: "its right-hand side", "side 0 (its left-hand side)".
  public var sideDescription: String {
    switch side {
    case nil: "its right-hand side"
    case 0: "its left-hand side"
    case let index?: "its side \(index)"
    }
  }
}

/// What a student's program gave for an ask: a value, or the error the expression threw.
/// Data only: whether it is right is decided outside the student's program.
public struct GradeAnswer: Codable, Sendable, Equatable {
  /// 0-based index of the block (the generated ask) that was running when it was written.
  public var block: Int
  /// The value, when the expression gave one.
  public var value: GradeValue?
  /// The error's description (cut at 1 KiB), when the expression threw.
  public var error: String?

  /// Creates an answer.
  public init(block: Int, value: GradeValue?, error: String? = nil) {
    self.block = block
    self.value = value
    self.error = error
  }
}
