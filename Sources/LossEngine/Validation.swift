/// The checks behind every precondition of the engine.
///
/// Each function returns `nil` when its argument is valid and otherwise the message that the
/// precondition failure carries; the message names the offending argument. Tests call these
/// directly; the engine calls them through ``Validation/require(_:)``.
public enum Validation {
  /// Stops the program with `message` when it is not `nil`: a precondition failure.
  ///
  /// It calls `fatalError` rather than `preconditionFailure` because an optimised (`-O`) build
  /// drops `preconditionFailure`'s message, and the message is the point.
  @inline(__always)
  public static func require(
    _ message: @autoclosure () -> String?, file: StaticString = #fileID, line: UInt = #line
  ) {
    if let message = message() { fatalError(message, file: file, line: line) }
  }

  /// `nil` when `beta > 0` and finite (the inverse temperature β of a Gibbs distribution).
  public static func beta(_ beta: Double, argument: String = "beta") -> String? {
    beta > 0 && beta.isFinite
      ? nil : "\(argument) must be positive and finite (inverse temperature β), got \(beta)"
  }

  /// `nil` when the margin `m ≥ 0` and finite.
  public static func margin(_ margin: Double, argument: String = "margin") -> String? {
    margin >= 0 && margin.isFinite
      ? nil : "\(argument) must be non-negative and finite (margin m), got \(margin)"
  }

  /// `nil` when `value > 0` and finite.
  public static func positive(_ value: Double, argument: String) -> String? {
    value > 0 && value.isFinite ? nil : "\(argument) must be positive and finite, got \(value)"
  }

  /// `nil` when `count > 0`: a label set, a batch or a grid must not be empty.
  public static func nonEmpty(_ count: Int, argument: String) -> String? {
    count > 0 ? nil : "\(argument) must not be empty"
  }

  /// `nil` when two lengths agree.
  public static func sameLength(
    _ count: Int, _ expected: Int, argument: String, expectedName: String
  ) -> String? {
    count == expected
      ? nil : "\(argument) has \(count) entries but \(expectedName) has \(expected)"
  }

  /// `nil` when two shapes (rows × columns) agree.
  public static func sameShape(
    _ shape: (Int, Int), _ expected: (Int, Int), argument: String
  ) -> String? {
    shape == expected
      ? nil
      : "\(argument) has shape \(shape.0)×\(shape.1) but \(expected.0)×\(expected.1) is required"
  }

  /// `nil` when `label` is one of `0..<count` (labels are 0-based: y ∈ {0, …, n−1}).
  public static func label(_ label: Int, count: Int, argument: String = "y") -> String? {
    if count <= 0 { return "the label set of \(argument) must not be empty" }
    return (0..<count).contains(label)
      ? nil : "\(argument) = \(label) is not a label in 0..<\(count)"
  }
}
