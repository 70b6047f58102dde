import Diagnostics

/// One check made by a block: `check(condition, label)` or `checkClose(actual, expected, …)`.
///
/// `checkClose` passes when |a − e| ≤ τ · max(1, |e|) for every element (τ the tolerance).
/// When it fails, `worstIndex` is the element with the largest scaled error
/// |a − e| / max(1, |e|) (nil for a scalar) and `worstError` is that scaled error.
/// Numbers are text at `NumberText` precision.
public struct CheckRecord: Codable, Sendable, Equatable {
  /// How the check was made.
  public enum Kind: String, Codable, Sendable, Equatable {
    /// `check(_:_:)`: a Boolean condition.
    case condition
    /// `checkClose(_:_:tolerance:_:)`: numbers compared with a tolerance.
    case close
  }

  /// 0-based index of the block that made the check.
  public var block: Int
  /// How the check was made.
  public var kind: Kind
  /// The label the block gave.
  public var label: String
  /// Whether the check held.
  public var passed: Bool
  /// The actual value as shown text (`close` checks only): a number or `[a, b, …]`.
  public var actual: String?
  /// The expected value as shown text (`close` checks only).
  public var expected: String?
  /// The tolerance τ of a `close` check (dimensionless; scaled by max(1, |e|)).
  public var tolerance: Double?
  /// For a failing vector `close` check, the 0-based index of the worst element.
  public var worstIndex: Int?
  /// For a failing `close` check, the worst scaled error |a − e| / max(1, |e|), as text.
  public var worstError: String?
  /// A short explanation when the check could not be evaluated (e.g. length mismatch).
  public var note: String?
  /// Where the check was called, in the Markdown file.
  public var location: FileLocation

  /// Creates a check record; see the properties for the meaning of each field.
  public init(
    block: Int, kind: Kind, label: String, passed: Bool, actual: String? = nil,
    expected: String? = nil, tolerance: Double? = nil, worstIndex: Int? = nil,
    worstError: String? = nil, note: String? = nil, location: FileLocation
  ) {
    self.block = block
    self.kind = kind
    self.label = label
    self.passed = passed
    self.actual = actual
    self.expected = expected
    self.tolerance = tolerance
    self.worstIndex = worstIndex
    self.worstError = worstError
    self.note = note
    self.location = location
  }
}
