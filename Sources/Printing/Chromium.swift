import Diagnostics
import Execution
import Foundation

/// Headless Chromium, which prints a page to PDF with the print stylesheet.
public struct Chromium: Sendable {
  /// The program, an absolute path.
  public var executable: String

  /// The names looked for on `PATH`, in order: the headless shell first, which is the same
  /// engine without the browser around it and starts in half the time (a 4-page document
  /// printed in 0.7–0.8 s against 1.5 s with `chromium`).
  public static let names = [
    "chromium-headless-shell", "chromium", "chromium-browser", "google-chrome",
  ]

  /// What to do where there is no Chromium.
  public static let installAdvice =
    "install Chromium (on Debian: apt-get install chromium-headless-shell, or chromium) or name "
    + "it with --chromium PROGRAM"

  /// The program named (a path, or a name looked up on `PATH`), or else the first of `names`
  /// on `PATH`.
  ///
  /// - Throws: `ToolError` saying how to install Chromium.
  public static func find(_ named: String? = nil) throws(ToolError) -> Chromium {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    func located(_ name: String) -> String? {
      if name.contains("/") {
        let absolute = URL(fileURLWithPath: name).standardizedFileURL.path
        return FileManager.default.isExecutableFile(atPath: absolute) ? absolute : nil
      }
      for folder in path.split(separator: ":") where folder.hasPrefix("/") {
        let candidate = folder + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
      return nil
    }
    if let named {
      guard let found = located(named) else {
        throw ToolError("no Chromium at '\(named)': \(installAdvice)")
      }
      return Chromium(executable: found)
    }
    for name in names {
      if let found = located(name) { return Chromium(executable: found) }
    }
    throw ToolError(
      "hw pdf needs headless Chromium, and none of \(names.joined(separator: ", ")) is on "
        + "PATH: \(installAdvice)")
  }

  /// Prints `page` (an HTML file) to the PDF file `pdf`, with a throwaway profile in
  /// `workFolder`, killing Chromium and its children after `timeLimit` seconds.
  ///
  /// Chromium runs headless, without a header or footer of its own, and reaches no network:
  /// every host name resolves to nothing and every request goes through a proxy on a port of
  /// this machine where nothing answers. Scripts are stopped by the page's own
  /// Content-Security-Policy (`PrintDocument`): Chromium's switch for turning them off
  /// (`--blink-settings=scriptEnabled=false`) also stops `--print-to-pdf`, which then writes
  /// nothing.
  ///
  /// - Throws: `ToolError` when Chromium cannot start, fails, runs out of time or writes no PDF.
  public func printToPDF(page: String, pdf: String, workFolder: String, timeLimit: Double)
    throws(ToolError)
  {
    var arguments = [
      "--headless", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--disable-sync",
      "--disable-background-networking", "--disable-component-update",
      "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
      "--user-data-dir=\(workFolder)/profile", "--crash-dumps-dir=\(workFolder)/crashes",
      "--print-to-pdf=\(pdf)",
    ]
    // Chromium's own sandbox refuses to start as root.
    if geteuid() == 0 { arguments.append("--no-sandbox") }
    arguments.append(URL(fileURLWithPath: page).absoluteString)
    let result:
      (termination: ChildProcess.Termination, stdout: String, stderr: String, timedOut: Bool)
    do {
      result = try ChildProcess.run(
        executable: executable, arguments: arguments,
        environment: ProcessInfo.processInfo.environment, directory: workFolder,
        timeoutSeconds: timeLimit)
    } catch {
      throw ToolError("cannot run Chromium (\(executable)): \(error.description)")
    }
    if result.timedOut {
      throw ToolError(
        "Chromium (\(executable)) did not print the PDF within \(Self.seconds(timeLimit)) "
          + "(give it longer with --timeout)")
    }
    let written = FileManager.default.contents(atPath: pdf).map {
      $0.starts(with: Array("%PDF-".utf8))
    }
    guard result.termination == .exited(0), written == true else {
      throw ToolError(
        "Chromium (\(executable)) did not print the PDF (\(result.termination.description))"
          + Self.explanation(result.stderr))
    }
  }

  /// The lines of Chromium's standard error that may say why it failed: not its routine
  /// complaints about D-Bus, the GPU or its sandbox; at most the last five.
  static func explanation(_ stderr: String) -> String {
    let routine = ["dbus", "gpu", "vaapi", "sandbox_linux", "bytes written to file"]
    let lines = stderr.split(separator: "\n").filter { line in
      !routine.contains { line.localizedCaseInsensitiveContains($0) }
    }
    guard !lines.isEmpty else { return "" }
    return ":\n" + lines.suffix(5).joined(separator: "\n")
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
