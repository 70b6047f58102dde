extension Diagnostic: CustomStringConvertible {
  /// The diagnostic as swiftc prints one: `path:line:col: severity: message`, then each note on
  /// a line of its own, `path:line:col: note: message`. A location without a column prints as
  /// `path:line`; a diagnostic or note without a location as `path`.
  public var description: String {
    var lines = [Self.line(path: path, location: location, severity: severity, message: message)]
    for note in notes {
      lines.append(
        Self.line(
          path: note.path ?? path, location: note.location, severity: .note,
          message: note.message))
    }
    return lines.joined(separator: "\n")
  }

  private static func line(
    path: String, location: SourceLocation?, severity: Severity, message: String
  ) -> String {
    let place = location.map { "\(path):\($0)" } ?? path
    return "\(place): \(severity.rawValue): \(message)"
  }
}
