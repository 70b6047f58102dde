import Foundation
import TestSupport

@testable import Builder

/// The built `hw`, started and left running, for tests that act while it runs: pause it at a
/// step of its publish (`PublishStep`), start another build meanwhile, kill it or let it go on. A
/// run still going when the value goes away is killed.
final class RunningHW {
  let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private var errorText = Data()

  /// Whether tests can run it: the debug build exists.
  static var isBuilt: Bool { (try? BuiltProducts.hw()) != nil }

  /// Starts `hw arguments` in `folder`.
  ///
  /// - Parameters:
  ///   - pauseAt: the step of the publish at which `hw` pauses (the test hook).
  ///   - unprivileged: run it as the unprivileged user of `Unprivileged`.
  init(
    _ arguments: [String], in folder: String, pauseAt step: PublishStep? = nil,
    unprivileged: Bool = false
  ) throws {
    let executable = try BuiltProducts.hw()
    if unprivileged, let prefix = Unprivileged.command, !prefix.isEmpty {
      process.executableURL = URL(fileURLWithPath: prefix[0])
      process.arguments = prefix.dropFirst() + [executable.path] + arguments
    } else {
      process.executableURL = executable
      process.arguments = arguments
    }
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment[PublishStep.environmentVariable] = step?.rawValue
    process.environment = environment
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
  }

  deinit {
    if process.isRunning {
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  var pid: Int32 { process.processIdentifier }

  /// Reads standard error until it holds `text` (`true`) or ends without it (`false`).
  func waitForErrorOutput(containing text: String) -> Bool {
    while !String(decoding: errorText, as: UTF8.self).contains(text) {
      let chunk = errors.fileHandleForReading.availableData
      if chunk.isEmpty { return false }
      errorText += chunk
    }
    return true
  }

  /// Waits until it pauses at `step`; `false` when it ends without pausing there.
  func waitUntilPaused(at step: PublishStep) -> Bool {
    waitForErrorOutput(containing: step.pauseMessage)
  }

  /// Kills it at once, as a crash or `kill -9` would, and waits for it to end.
  func kill() {
    Foundation.kill(pid, SIGKILL)
    process.waitUntilExit()
  }

  /// Lets a paused run go on.
  func resume() { try? input.fileHandleForWriting.write(contentsOf: Data("\n".utf8)) }

  /// Waits for it to end (letting it go on if it is paused): its exit status and everything it
  /// printed.
  func finish() -> Program.Result {
    try? input.fileHandleForWriting.close()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    errorText += errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Program.Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: errorText, as: UTF8.self))
  }

  /// Runs `hw arguments` in `folder` to its end.
  static func run(_ arguments: [String], in folder: String, unprivileged: Bool = false) throws
    -> Program.Result
  {
    try RunningHW(arguments, in: folder, unprivileged: unprivileged).finish()
  }
}

/// Running `hw` as a user without privileges, as the cases about permissions need: root reads
/// and lists everything, so as root (as in CI) they run it as `nobody` through `setpriv`.
enum Unprivileged {
  /// The user and group id of `nobody`.
  static let id: uid_t = 65534

  /// What to put before a command to run it unprivileged: nothing when the tests already run
  /// unprivileged; `nil` when they run as root and `setpriv` is missing.
  static let command: [String]? = {
    guard getuid() == 0 else { return [] }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    return setpriv.map { [$0, "--reuid=\(id)", "--regid=\(id)", "--clear-groups"] }
  }()

  /// Whether the permission tests can run.
  static var isAvailable: Bool { command != nil && RunningHW.isBuilt }

  /// Makes `folder` the unprivileged user's, when the tests run as root.
  static func own(_ folder: TemporaryFolder) {
    if getuid() == 0 { folder.give(to: id) }
  }
}
