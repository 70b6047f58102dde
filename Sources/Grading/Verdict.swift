import BlockRecords

/// Whether a student's answer matches a reference: same kind and shape, every entry finite and
/// within `tolerance · max(1, |expected|)` of the reference's. Numbers are compared as numbers,
/// never as bytes, so another machine's arithmetic (another BLAS kernel) gives the same verdict.
enum Verdict {
  /// The outcome: whether it passed, why not in words that do not give the reference away, and
  /// the same with the reference, for `--show-expected`.
  struct Outcome: Equatable {
    var passed: Bool
    var message: String
    var detail: String
  }

  static func compare(_ answer: GradeValue, _ expected: GradeValue, tolerance: Double) -> Outcome {
    func fail(_ message: String, _ detail: String? = nil) -> Outcome {
      Outcome(passed: false, message: message, detail: detail ?? message)
    }
    let pass = Outcome(
      passed: true, message: "within the tolerance", detail: "within the tolerance")
    switch (answer, expected) {
    case (.text(let given), .text(let wanted)):
      return given == wanted
        ? pass : fail("the text differs", "the text differs from \(expected.shortDescription)")
    case (.flag(let given), .flag(let wanted)):
      return given == wanted ? pass : fail("\(given) is not the right truth value")
    case (.integer(let given), .integer(let wanted)):
      return given == wanted
        ? pass : fail("\(given) is not the right integer", "\(given) ≠ \(wanted)")
    default:
      break
    }
    guard let given = numbers(answer), let wanted = numbers(expected) else {
      return fail(
        "the answer is \(answer.kindDescription); \(expected.kindDescription) was expected")
    }
    guard given.shape == wanted.shape else {
      return fail(
        "the answer is \(answer.kindDescription); \(expected.kindDescription) was expected")
    }
    for (index, (a, e)) in zip(given.scalars, wanted.scalars).enumerated() {
      let place = given.scalars.count == 1 && given.shape == .scalar ? "" : " at entry \(index)"
      guard a.isFinite else {
        return fail("the answer is not finite\(place): \(NumberText.format(a))")
      }
      let allowed = tolerance * max(1, abs(e))
      if !(abs(a - e) <= allowed) {
        return fail(
          "the answer\(place), \(NumberText.format(a)), is not within the tolerance",
          "the answer\(place), \(NumberText.format(a)), is not within \(NumberText.format(allowed)) "
            + "of \(NumberText.format(e))")
      }
    }
    return pass
  }

  /// The shape a number list has.
  enum Shape: Equatable {
    case scalar
    case vector(Int)
    case matrix(Int, Int)
  }

  /// The numbers of a numeric value, with its shape; an integer counts as a number.
  static func numbers(_ value: GradeValue) -> (shape: Shape, scalars: [Double])? {
    switch value {
    case .number(let x): (.scalar, [x])
    case .integer(let n): (.scalar, [Double(n)])
    case .vector(let scalars): (.vector(scalars.count), scalars)
    case .matrix(let rows, let columns, let scalars): (.matrix(rows, columns), scalars)
    case .text, .flag: nil
    }
  }

  /// True when every number of `value` is finite.
  static func isFinite(_ value: GradeValue) -> Bool {
    numbers(value)?.scalars.allSatisfy(\.isFinite) ?? true
  }
}
