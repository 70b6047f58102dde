/// A TeX error located inside one formula's source.
///
/// `offset` and `length` are UTF-8 byte counts into the formula's `tex` (the text between the
/// dollar signs): the offending token starts at byte `offset` and spans `length` bytes. For an
/// error found in a macro's body the location is the macro's use in the formula; for an error in a
/// macro definition (``MacroTable/init(_:)``) it is the location inside the definition's body.
public struct TeXError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, in one line, without location (for example `unknown command \foo`).
  public var message: String
  /// UTF-8 byte offset of the offending token from the start of the formula's TeX.
  public var offset: Int
  /// Length of the offending token in UTF-8 bytes (at least 1 unless the formula is empty).
  public var length: Int

  /// Makes an error for the token at `offset` spanning `length` UTF-8 bytes.
  public init(_ message: String, offset: Int, length: Int) {
    self.message = message
    self.offset = offset
    self.length = length
  }

  /// `message (at byte offset)`, for logs; the integrator prints `path:line:col: error: message`.
  public var description: String { "\(message) (at byte \(offset))" }
}
