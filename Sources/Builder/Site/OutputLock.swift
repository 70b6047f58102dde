import Diagnostics
import Foundation

/// One build at a time per output folder.
///
/// The lock is an advisory `flock` on a file beside the output folder (`.Output.lock` for
/// `Output`), which holds the process id of the build that has it, so that a build that must wait
/// can say for whom. The kernel releases the lock when its process ends, however it ends, so a
/// lock left by a killed build never blocks the next one; the file itself stays, and is safe to
/// delete when no build runs. The file is opened close-on-exec, so that the programs a build
/// starts (compilers, runners) never hold the lock after it.
public final class OutputLock {
  /// What a build does when another process holds the lock.
  public enum WhenHeld: Sendable {
    /// Waits for it, after calling `announce` once with the holder's process id (`nil` when the
    /// holder has not written it yet).
    case wait(announce: @Sendable (_ holder: Int32?) -> Void)
    /// Gives up at once with a `ToolError` naming the holder.
    case fail
  }

  private var descriptor: Int32

  /// Takes the lock of the output folder at `outputPath`, creating the folders above it and the
  /// lock file as needed.
  public convenience init(outputPath: String, whenHeld: WhenHeld) throws(ToolError) {
    try self.init(
      PublishFolders(outputPath: outputPath), outputPath: outputPath, whenHeld: whenHeld)
  }

  init(_ folders: PublishFolders, outputPath: String, whenHeld: WhenHeld) throws(ToolError) {
    let name = (folders.lock as NSString).lastPathComponent
    do {
      try FileSystem.makeFolders(folders.parent)
    } catch {
      throw ToolError("cannot create the folder that holds '\(outputPath)': \(error.reason)")
    }
    descriptor = open(folders.lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else {
      throw ToolError(
        "cannot open the lock file '\(name)' beside '\(outputPath)': "
          + String(cString: strerror(errno)))
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK else {
        let reason = String(cString: strerror(errno))
        close(descriptor)
        throw ToolError("cannot lock '\(name)' beside '\(outputPath)': \(reason)")
      }
      let holder = Self.holder(descriptor)
      switch whenHeld {
      case .fail:
        close(descriptor)
        throw ToolError(
          "\(holder.map { "another hw (process \($0))" } ?? "another hw") is writing "
            + "'\(outputPath)' (it holds '\(name)'); try again when it has finished")
      case .wait(let announce):
        announce(holder)
        while flock(descriptor, LOCK_EX) != 0 {
          guard errno == EINTR else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ToolError("cannot lock '\(name)' beside '\(outputPath)': \(reason)")
          }
        }
      }
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(descriptor, 0)
    _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  /// Releases the lock; the same happens when the value goes away.
  public func release() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }

  /// The process id written in the lock file, if any.
  private static func holder(_ descriptor: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    let text = String(decoding: buffer[..<count], as: UTF8.self)
    return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
