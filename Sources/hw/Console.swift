import Builder
import Diagnostics
import Foundation

/// What commands print: diagnostics on standard error, summaries on standard output.
enum Console {
  static func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func error(_ message: String) {
    FileHandle.standardError.write(Data("hw: error: \(message)\n".utf8))
  }

  static func warning(_ message: String) {
    FileHandle.standardError.write(Data("hw: warning: \(message)\n".utf8))
  }

  /// Writes `text` to standard output as it is, without copying it first (a page may be tens of
  /// megabytes).
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
      }
    }
  }

  /// Waiting for another build of the same output folder, saying once on standard error whose
  /// build it is.
  static func waitForOtherBuilds(of outputPath: String) -> OutputLock.WhenHeld {
    .wait { holder in
      let who = holder.map { "another hw (process \($0))" } ?? "another hw"
      FileHandle.standardError.write(
        Data("hw: waiting for \(who), which is writing '\(outputPath)'\n".utf8))
    }
  }

  static func print(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  /// `N errors, M warnings`, or nothing when there are neither.
  static func counts(_ diagnostics: [Diagnostic]) -> String {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    var parts: [String] = []
    if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
    if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
    return parts.joined(separator: ", ")
  }
}
