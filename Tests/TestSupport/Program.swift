import Foundation

/// Command-line programs the tests run: references such as `cmark`, the Nu HTML checker and
/// Chromium, and the built `hw` itself (see `BuiltProducts`).
public enum Program {
  /// What a finished program printed, and how it ended.
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
      self.status = status
      self.stdout = stdout
      self.stderr = stderr
    }

    /// Standard output followed by standard error.
    public var output: String { stdout + stderr }
  }

  /// The first of `names` found on `PATH`, or `nil` where none is installed.
  public static func find(_ names: String...) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in names {
      for folder in path.split(separator: ":") {
        let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
      }
    }
    return nil
  }

  /// Runs `program` with `arguments` in `folder` (the test's own working folder when `nil`)
  /// and waits for it to end.
  public static func run(_ program: URL, _ arguments: [String], in folder: URL? = nil) throws
    -> Result
  {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are drained at once, so a program that fills one cannot block on it.
    let errors = Drained()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      errors.data = err.fileHandleForReading.readDataToEndOfFile()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
      stderr: String(decoding: errors.data, as: UTF8.self))
  }

  /// What one pipe held, written by the reading thread and read once `wait()` returns.
  private final class Drained: @unchecked Sendable {
    var data = Data()
  }
}
