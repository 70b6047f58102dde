/// A relation between two sides of a formula, or in a condition (`\mathbb{1}[a < b]`).
public enum FormulaRelation: String, Equatable, Sendable, CaseIterable {
  /// `=`, and the definitions `:=`, `\coloneqq`, `\triangleq`, `\equiv`.
  case equal = "="
  /// `\ne`, `\neq`.
  case notEqual = "≠"
  case less = "<"
  /// `\le`, `\leq`.
  case lessOrEqual = "≤"
  case greater = ">"
  /// `\ge`, `\geq`.
  case greaterOrEqual = "≥"
  /// `\approx`, between sides only.
  case approximatelyEqual = "≈"

  /// Whether `a` and `b` stand in this relation (`≈` is `=` here: tolerances are the caller's).
  func holds(_ a: MathValue, _ b: MathValue) -> Bool? {
    switch self {
    case .equal, .approximatelyEqual: return a == b
    case .notEqual: return a != b
    default:
      guard case .scalar(let x) = a, case .scalar(let y) = b else { return nil }
      switch self {
      case .less: return x < y
      case .lessOrEqual: return x <= y
      case .greater: return x > y
      default: return x >= y
      }
    }
  }
}
