import Foundation

/// The points of a build at which a test may pause it, to kill it there (an interrupted publish)
/// or to hold it there while another build starts (two builds at once).
///
/// For tests only: when the environment variable `HW_TEST_PUBLISH_PAUSE` names a step, `hw`
/// prints `hw: test hook: paused at STEP` on standard error when it gets there, then waits
/// until a byte arrives on its standard input or the input ends; meanwhile the test kills it or
/// starts another build. Nothing else reads the variable.
enum PublishStep: String, CaseIterable, Sendable {
  /// The lock is held and what an interrupted publish left is dealt with; nothing of this build
  /// is written yet.
  case recovered
  /// Every file of the new site is in the staging folder.
  case stagingWritten = "staging-written"
  /// The staging folder is now the whole new site, `.Output.new`.
  case newReady = "new-ready"
  /// The previous site is `.Output.old`, the new one not yet in its place: between the renames.
  case oldRetired = "old-retired"
  /// The new site is the output folder; the previous one is not yet removed.
  case published

  /// The environment variable that names the step to pause at.
  static let environmentVariable = "HW_TEST_PUBLISH_PAUSE"

  /// The line printed on standard error when pausing at this step.
  var pauseMessage: String { "hw: test hook: paused at \(rawValue)\n" }

  /// Pauses the process here when a test asked for it.
  func pauseIfAsked() {
    guard let requested = getenv(Self.environmentVariable),
      String(cString: requested) == rawValue
    else { return }
    FileHandle.standardError.write(Data(pauseMessage.utf8))
    var byte: UInt8 = 0
    while read(0, &byte, 1) < 0 && errno == EINTR {}
  }
}
