/// A problem found in the content, located in its file.
///
/// Diagnostics are values: every stage collects them, tests compare them whole, and the command
/// line prints them the way swiftc does (`Content/hw.md:12:5: error: message`). The compiler's
/// messages about verification blocks are diagnostics too, located in the Markdown file.
public struct Diagnostic: Error, Hashable, Sendable, Codable {
  /// How serious a diagnostic is.
  public enum Severity: String, Hashable, Sendable, Codable {
    /// The content is wrong; the build fails.
    case error
    /// The content is probably not what its author meant; the build goes on.
    case warning
    /// More about the diagnostic before it.
    case note
    /// Information only (the compiler's `remark:`).
    case remark
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

  /// More about a diagnostic, at a place of its own when it has one.
  public struct Note: Hashable, Sendable, Codable {
    /// One lower-case sentence.
    public var message: String
    /// The file the note points into; `nil` for the diagnostic's own file.
    public var path: String?
    /// Where the note points, if anywhere.
    public var location: SourceLocation?

    /// Creates a note, in the diagnostic's own file unless `path` names another.
    public init(_ message: String, at location: SourceLocation? = nil, path: String? = nil) {
      self.message = message
      self.path = path
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

  /// The file and the place in it, when the diagnostic has a place.
  public var fileLocation: FileLocation? {
    location.map { FileLocation(path: path, location: $0) }
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

extension Array where Element == Diagnostic {
  /// Whether any of these diagnostics is an error.
  public var containsErrors: Bool { contains { $0.severity == .error } }
}
