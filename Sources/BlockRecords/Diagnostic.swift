/// A compiler message about a block, located in the Markdown file.
public struct Diagnostic: Codable, Sendable, Equatable {
  /// How serious the message is.
  public enum Severity: String, Codable, Sendable, Equatable {
    /// The block cannot compile.
    case error
    /// Compiles, but the compiler has a concern.
    case warning
    /// More about the preceding error or warning.
    case note
    /// Information only.
    case remark
  }

  /// How serious the message is.
  public var severity: Severity
  /// The compiler's message, without location or severity.
  public var message: String
  /// Where it points; inside the Markdown file for code within a block.
  public var location: BlockLocation
  /// Notes attached to the message (each with its own location).
  public var notes: [Diagnostic]

  /// Creates a diagnostic.
  public init(
    severity: Severity, message: String, location: BlockLocation, notes: [Diagnostic] = []
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.notes = notes
  }

  /// `path:line:col: severity: message`, the way swiftc prints it (notes on following lines).
  public var formatted: String {
    ([self] + notes).map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
      .joined(separator: "\n")
  }
}
