import Foundation
import TestSupport
import Testing

@testable import Builder

/// The built `hw` publishing a site while other builds run and when killed part way: one build
/// at a time per output folder, and an interrupted publish that the next build recovers.
@Suite struct PublishEndToEndTests {
  /// What an interrupted build leaves beside `Output` while it publishes.
  static let leftovers = [".Output.new", ".Output.old", ".Output.staging"]

  /// A homework folder built once, and the sites of its content before and after an edit.
  struct Homework {
    let folder = TemporaryFolder()
    /// `Output` after the first build.
    var previous: [String: Data] = [:]
    /// What a build of the edited content writes.
    var next: [String: Data] = [:]

    /// Builds the first content into `Output`, then edits it (a page changes, one goes, one
    /// comes) and builds that into a reference folder elsewhere.
    init() throws {
      folder.write("Content/a.md", "# First\n\nThe first version.\n")
      folder.write("Content/b.md", "# Gone later\n")
      try #require(try RunningHW.run(["build"], in: folder.path).status == 0)
      previous = folder.files(under: "Output")
      folder.write("Content/a.md", "# Second\n\nThe second version.\n")
      folder.remove("Content/b.md")
      folder.write("Content/c.md", "# New\n")
      let reference = try RunningHW.run(
        ["build", "--output", "Reference/Output"], in: folder.path)
      try #require(reference.status == 0)
      next = folder.files(under: "Reference/Output")
      #expect(previous != next)
    }

    var output: [String: Data] { folder.files(under: "Output") }

    /// What lies beside `Output` that an interrupted build left.
    var leftovers: [String] {
      folder.names().filter { PublishEndToEndTests.leftovers.contains($0) }
    }
  }

  @Test(arguments: PublishStep.allCases)
  func theNextBuildRecoversABuildKilledAt(_ step: PublishStep) throws {
    let homework = try Homework()
    let folder = homework.folder
    let killed = try RunningHW(["build"], in: folder.path, pauseAt: step)
    let paused = killed.waitUntilPaused(at: step)
    killed.kill()
    try #require(paused, "hw did not pause at \(step.rawValue)")

    // Killed before the previous site moved away, the previous site stays; after, the new one.
    let keepsThePreviousSite =
      switch step {
      case .recovered, .stagingWritten, .newReady: true
      case .oldRetired, .published: false
      }
    let expected = keepsThePreviousSite ? homework.previous : homework.next

    // `hw verify` judges the site that is in place, even while it waits beside `Output`.
    let verify = try RunningHW.run(["verify"], in: folder.path)
    if keepsThePreviousSite {
      #expect(verify.status == 1)
      #expect(
        verify.stdout == """
          Output/a.html: error: page differs from a fresh build
          Output/b.html: error: page differs from a fresh build
          Output/c.html: error: page differs from a fresh build
          Output/index.html: error: page differs from a fresh build
          Output/manifest.json: error: page differs from a fresh build
          0 passed, 0 failed (self-checks, as the student's code reported them)

          """)
    } else {
      #expect(verify.status == 0)
      #expect(
        verify.stdout == "0 passed, 0 failed (self-checks, as the student's code reported them)\n")
    }

    // The killed build's lock does not hold up the next one, which finds that site whole
    // before writing anything of its own, and then publishes the new one.
    let next = try RunningHW(["build", "--no-wait"], in: folder.path, pauseAt: .recovered)
    let recovered = next.waitUntilPaused(at: .recovered)
    #expect(recovered)
    #expect(homework.output == expected)
    #expect(homework.leftovers == [])
    next.resume()
    let finished = next.finish()
    #expect(finished.status == 0)
    #expect(finished.stdout == "Built 2 pages into Output.\n")
    #expect(homework.output == homework.next)
    #expect(homework.leftovers == [])
  }

  @Test
  func aSecondBuildWaitsForTheFirstToPublish() throws {
    let homework = try Homework()
    let folder = homework.folder
    let first = try RunningHW(["build"], in: folder.path, pauseAt: .stagingWritten)
    try #require(first.waitUntilPaused(at: .stagingWritten))
    let second = try RunningHW(["build"], in: folder.path)
    let waited = second.waitForErrorOutput(
      containing: "hw: waiting for another hw (process \(first.pid)), which is writing 'Output'\n")
    #expect(waited)
    first.resume()
    let firstRun = first.finish()
    let secondRun = second.finish()
    #expect(firstRun.status == 0)
    #expect(secondRun.status == 0)
    #expect(secondRun.stdout == "Built 2 pages into Output.\n")
    // It said so once, and said nothing else.
    #expect(
      secondRun.stderr
        == "hw: waiting for another hw (process \(first.pid)), which is writing 'Output'\n")
    #expect(homework.output == homework.next)
    #expect(homework.leftovers == [])
  }

  @Test
  func aBuildWithNoWaitGivesUpWhileAnotherPublishes() throws {
    let homework = try Homework()
    let folder = homework.folder
    let first = try RunningHW(["build"], in: folder.path, pauseAt: .oldRetired)
    try #require(first.waitUntilPaused(at: .oldRetired))
    let impatient = try RunningHW.run(["build", "--no-wait"], in: folder.path)
    first.resume()
    #expect(first.finish().status == 0)
    #expect(impatient.status == 2)
    #expect(
      impatient.stderr
        == "hw: error: another hw (process \(first.pid)) is writing 'Output' (it holds "
        + "'.Output.lock'); try again when it has finished\n")
    #expect(homework.output == homework.next)
  }

  /// Without any hook: pairs of builds at once, as `hw build & hw build & wait` would start them.
  /// Before the lock, about one pair in seven published a partial site.
  @Test
  func pairsOfBuildsAtOnceAlwaysLeaveAWholeSite() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    for index in 0..<200 { folder.write("Content/data/\(index).txt", "file \(index)\n") }
    try #require(try RunningHW.run(["build"], in: folder.path).status == 0)
    let site = folder.files(under: "Output")
    #expect(site.count == 206)
    for _ in 0..<12 {
      let one = try RunningHW(["build"], in: folder.path)
      let other = try RunningHW(["build"], in: folder.path)
      #expect(one.finish().status == 0)
      #expect(other.finish().status == 0)
      #expect(folder.files(under: "Output") == site)
    }
  }
}
