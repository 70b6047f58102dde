import Diagnostics

/// One check made by a block: `check(condition, label)` or `checkClose(actual, expected, …)`.
///
/// `checkClose` passes when |a − e| ≤ τ · max(1, |e|) for every element (τ the tolerance).
/// For a vector, passing or failing, the record names its element of largest scaled error
/// |a − e| / max(1, |e|): `worstIndex`, `worstError`, `worstActual` and `worstExpected`, with
/// `entries` the vector's length, so that a page can show a long vector by that one element.
/// For a scalar, `worstError` is its scaled error when it fails. Numbers are text at
/// `NumberText` precision. Records written before the vector fields existed decode with them
/// nil (and a failing vector's `worstIndex` and `worstError` set, as now).
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
  /// For a vector `close` check of matching lengths, the 0-based index of the worst element.
  public var worstIndex: Int?
  /// The worst scaled error |a − e| / max(1, |e|), as text: for a vector `close` check of
  /// matching lengths, and for a failing scalar one.
  public var worstError: String?
  /// For a vector `close` check, the number of elements of `actual`.
  public var entries: Int?
  /// For a vector `close` check of matching lengths, the worst element of `actual`, as text.
  public var worstActual: String?
  /// For a vector `close` check of matching lengths, the worst element of `expected`, as text.
  public var worstExpected: String?
  /// A short explanation when the check could not be evaluated (e.g. length mismatch).
  public var note: String?
  /// Where the check was called, in the Markdown file.
  public var location: FileLocation

  /// Creates a check record; see the properties for the meaning of each field.
  public init(
    block: Int, kind: Kind, label: String, passed: Bool, actual: String? = nil,
    expected: String? = nil, tolerance: Double? = nil, worstIndex: Int? = nil,
    worstError: String? = nil, entries: Int? = nil, worstActual: String? = nil,
    worstExpected: String? = nil, note: String? = nil, location: FileLocation
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
    self.entries = entries
    self.worstActual = worstActual
    self.worstExpected = worstExpected
    self.note = note
    self.location = location
  }
}

extension CheckRecord {
  /// Vectors longer than this are shown by their worst element, the whole folded away.
  public static let longVector = 8

  /// Whether this is a vector check too long to show in one line: more than `longVector`
  /// elements, with its worst element recorded.
  /// The record with every line break and other control character in its texts (label, note,
  /// numbers, file) made a space: what a block writes is shown on one line, so that a label
  /// cannot add lines of its own to `hw build`'s or `hw verify`'s report.
  public var onOneLine: CheckRecord {
    func line(_ text: String) -> String {
      guard text.unicodeScalars.contains(where: Self.breaksLine) else { return text }
      return String(
        String.UnicodeScalarView(text.unicodeScalars.map { Self.breaksLine($0) ? " " : $0 }))
    }
    var record = self
    record.label = line(label)
    record.note = note.map(line)
    record.actual = actual.map(line)
    record.expected = expected.map(line)
    record.worstError = worstError.map(line)
    record.worstActual = worstActual.map(line)
    record.worstExpected = worstExpected.map(line)
    record.location.path = line(location.path)
    return record
  }

  /// Control characters and the Unicode line and paragraph separators.
  static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
      || scalar.value == 0x2029
  }

  public var isLongVector: Bool {
    guard let entries, worstIndex != nil else { return false }
    return entries > Self.longVector
  }

  /// "25 entries, worst at index 7: actual 0.5, expected 0.48, scaled error 0.02", for a long
  /// vector.
  public var worstElementSummary: String? {
    guard isLongVector, let entries, let worstIndex else { return nil }
    var text = "\(entries) entries, worst at index \(worstIndex):"
    text += " actual \(worstActual ?? "?"), expected \(worstExpected ?? "?")"
    if let worstError { text += ", scaled error \(worstError)" }
    return text
  }
}
