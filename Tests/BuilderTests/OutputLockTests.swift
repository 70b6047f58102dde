import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Builder

@Suite struct OutputLockTests {
  @Test func aBuildThatMustNotWaitNamesTheHolder() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    let output = folder.path + "/Output"
    let builder = try SiteBuilder(contentPath: folder.path + "/Content")
    let lock = try OutputLock(outputPath: output, whenHeld: .fail)
    #expect(folder.read(".Output.lock") == "\(getpid())\n")
    #expect(
      throws: ToolError(
        "another hw (process \(getpid())) is writing '\(output)' (it holds '.Output.lock'); try "
          + "again when it has finished")
    ) {
      try builder.build(outputPath: output, whenLocked: .fail)
    }
    #expect(!folder.exists("Output"))
    lock.release()
    _ = try builder.build(outputPath: output, whenLocked: .fail)
    #expect(folder.exists("Output/a.html"))
  }

  @Test func aBuildWaitsForTheHolderAndSaysSoOnce() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    let output = folder.path + "/Output"
    let builder = try SiteBuilder(contentPath: folder.path + "/Content")
    let lock = try OutputLock(outputPath: output, whenHeld: .fail)
    let announced = Announcements()
    let finished = DispatchSemaphore(value: 0)
    // A thread of its own: the waiting build blocks it until the lock is released.
    Thread {
      do throws(ToolError) {
        let site = try builder.build(outputPath: output, whenLocked: .wait { announced.add($0) })
        announced.result = .success(site)
      } catch {
        announced.result = .failure(error)
      }
      finished.signal()
    }.start()
    while announced.all.isEmpty { Thread.sleep(forTimeInterval: 0.01) }
    Thread.sleep(forTimeInterval: 0.1)
    #expect(!folder.exists("Output"))
    lock.release()
    finished.wait()
    _ = try #require(announced.result).get()
    #expect(announced.all == [getpid()])
    #expect(folder.exists("Output/a.html"))
  }
}

/// What a waiting build announced, from whichever thread.
final class Announcements: @unchecked Sendable {
  private var holders: [Int32?] = []
  private let lock = NSLock()
  /// The waiting build's outcome, set once it returns.
  var result: Result<SiteBuilder.Site, ToolError>? {
    get { lock.withLock { outcome } }
    set { lock.withLock { outcome = newValue } }
  }
  private var outcome: Result<SiteBuilder.Site, ToolError>?

  func add(_ holder: Int32?) { lock.withLock { holders.append(holder) } }

  var all: [Int32?] { lock.withLock { holders } }
}
