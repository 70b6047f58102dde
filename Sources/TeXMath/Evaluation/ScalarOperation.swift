#if canImport(Glibc)
  import Glibc
#endif

/// The operations of a formula on numbers, as the general evaluation (``Evaluator/value(_:)``)
/// applies them to scalars, for the paths that compute in `Double`s alone
/// (``Evaluator/scalarValue(_:)`` and ``ScalarCode``): each gives the general path's number,
/// and throws its error at the same place. The common case is computed inline; a value that is
/// not finite goes to the general operation, which says what is wrong.
enum ScalarOperation {
  /// `x / y`: a zero divisor, or a quotient that is not finite while `x` is, is an error.
  @inline(__always)
  static func quotient(_ x: Double, _ y: Double, at span: Span) throws(TeXError) -> Double {
    let q = x / y
    if q.isFinite { return q }
    return try MathValue.quotient(.scalar(x), .scalar(y), at: span).scalar!
  }

  /// `x^y`: `e^{y}` is the exponential, `x^2` the square; the result must be real and finite.
  @inline(__always)
  static func power(_ x: Double, _ y: Double, at span: Span) throws(TeXError) -> Double {
    let result = x == M_E ? exp(y) : y == 2 ? x * x : pow(x, y)
    if result.isFinite { return result }
    if x == M_E { throw span.error("e^{\(y)} overflows") }
    return try MathValue.power(.scalar(x), .scalar(y), at: span).scalar!
  }

  /// `\sqrt[n]{x}`.
  static func root(_ x: Double, degree n: Double, at span: Span) throws(TeXError) -> Double {
    try Evaluator.root(.scalar(x), degree: .scalar(n), at: span).scalar!
  }

  /// `function` of `x`: `\log` of 0, the square root of a negative number and the like are
  /// errors.
  @inline(__always)
  static func apply(_ function: ElementaryFunction, to x: Double, at span: Span)
    throws(TeXError) -> Double
  {
    let result: Double
    switch function {
    case .exp: result = exp(x)
    case .log, .ln: result = log(x)
    case .sin: result = sin(x)
    case .cos: result = cos(x)
    case .tan: result = tan(x)
    case .sinh: result = sinh(x)
    case .cosh: result = cosh(x)
    case .tanh: result = tanh(x)
    case .sqrt: result = x.squareRoot()
    case .positivePart: result = max(0, x)
    }
    if result.isFinite || !x.isFinite { return result }
    return try Evaluator.apply(function, to: .scalar(x), at: span).scalar!
  }

  /// Whether `x` and `y` stand in `relation` (``FormulaRelation/holds(_:_:)`` for scalars).
  @inline(__always)
  static func holds(_ relation: FormulaRelation, _ x: Double, _ y: Double) -> Bool {
    switch relation {
    case .equal, .approximatelyEqual: return x == y
    case .notEqual: return x != y
    case .less: return x < y
    case .lessOrEqual: return x <= y
    case .greater: return x > y
    case .greaterOrEqual: return x >= y
    }
  }

  /// `σ(u) = 1 / (1 + e^{-u})`, computed without overflow for any `u`.
  @inline(__always)
  static func logistic(_ u: Double) -> Double {
    u >= 0 ? 1 / (1 + exp(-u)) : exp(u) / (1 + exp(u))
  }

  /// `x` as an integer (an index, a bound of a sum): an error unless it is one.
  @inline(__always)
  static func integer(_ x: Double, at span: Span, what: String) throws(TeXError) -> Int {
    guard x == x.rounded(), abs(x) < 1e15 else {
      throw span.error("\(what) must be an integer, not \(x)")
    }
    return Int(x)
  }

  /// The running result of a reduction of numbers after `term`: the first term, then
  /// combined (the general evaluator's scalar path and the compiled code share it).
  @inline(__always)
  static func combine(_ kind: Reduction.Kind, _ result: inout Double?, _ term: Double) {
    guard let current = result else {
      result = term
      return
    }
    switch kind {
    case .sum: result = current + term
    case .prod: result = current * term
    case .max: result = max(current, term)
    case .min: result = min(current, term)
    }
  }

  /// The most terms a `\sum_{k=a}^{b}` (`\prod`, `\max`, `\min`) over a range may have, so
  /// that no formula, a hostile one included, runs for years.
  static let maximumRangeTerms = 1_000_000

  /// Throws when the range `from…to` of a `\kind` has more than ``maximumRangeTerms`` terms.
  static func checkRange(
    _ from: Int, _ to: Int, _ kind: Reduction.Kind, at span: Span
  ) throws(TeXError) {
    if from <= to, to - from >= maximumRangeTerms {
      throw span.error(
        "\\\(kind.rawValue) from \(from) to \(to) has more than \(maximumRangeTerms) terms, "
          + "the most a formula's range may have")
    }
  }
}
