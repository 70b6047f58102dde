/// A problem found in the content, located in its file.
///
/// Diagnostics are values: the pipeline collects them, tests compare them whole, and the command
/// line prints them the way swiftc does (`Content/hw.md:12:5: error: message`).
public struct Diagnostic: Error, Hashable, Sendable, Codable {
  /// How serious a diagnostic is.
  public enum Severity: String, Hashable, Sendable, Codable {
    /// The content is wrong; the build fails.
    case error
    /// The content is probably not what its author meant; the build goes on.
    case warning
    /// More about the diagnostic before it.
    case note
  }

  /// How serious it is.
  public var severity: Severity
  /// One lower-case sentence, no trailing period.
  public var message: String
  /// The file, as the user should see it (relative to the working folder when possible).
  public var path: String
  /// Where in the file; `nil` for a problem with the whole file.
  public var location: SourceLocation?
  /// Notes printed after the diagnostic, each on its own line.
  public var notes: [Note]

  /// More about a diagnostic, in the same file, at a place of its own when it has one.
  public struct Note: Hashable, Sendable, Codable {
    /// One lower-case sentence.
    public var message: String
    /// Where the note points, if anywhere.
    public var location: SourceLocation?

    /// Creates a note.
    public init(_ message: String, at location: SourceLocation? = nil) {
      self.message = message
      self.location = location
    }
  }

  /// Creates a diagnostic.
  public init(
    _ severity: Severity, _ message: String, path: String, at location: SourceLocation?,
    notes: [Note] = []
  ) {
    self.severity = severity
    self.message = message
    self.path = path
    self.location = location
    self.notes = notes
  }

  /// An error at a location.
  public static func error(_ message: String, path: String, at location: SourceLocation?)
    -> Diagnostic
  {
    Diagnostic(.error, message, path: path, at: location)
  }

  /// A warning at a location.
  public static func warning(_ message: String, path: String, at location: SourceLocation?)
    -> Diagnostic
  {
    Diagnostic(.warning, message, path: path, at: location)
  }
}

extension Diagnostic: CustomStringConvertible {
  /// The diagnostic as swiftc prints one: `path:line:col: severity: message`, then its notes.
  public var description: String {
    var text = path
    if let location { text += ":\(location.line):\(location.column)" }
    text += ": \(severity.rawValue): \(message)"
    for note in notes {
      text += "\n\(path)"
      if let location = note.location { text += ":\(location.line):\(location.column)" }
      text += ": note: \(note.message)"
    }
    return text
  }
}

extension Array where Element == Diagnostic {
  /// Whether any of these diagnostics is an error.
  public var containsErrors: Bool { contains { $0.severity == .error } }
}
