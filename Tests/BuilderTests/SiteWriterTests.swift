import Diagnostics
import Foundation
import Reports
import TestSupport
import Testing

@testable import Builder

@Suite struct SiteWriterTests {
  /// What an interrupted publish can leave: for each folder beside the output, the site it holds
  /// (`"previous"`, `"new"` or `"partial"`), and which site is then the one in place.
  struct Leftovers: CustomStringConvertible {
    var output: String?
    var fresh: String?
    var retired: String?
    var staging: String?
    /// The site that `hw verify` compares and that the next build finds in `Output`.
    var inPlace: String

    var description: String {
      "Output=\(output ?? "-") .new=\(fresh ?? "-") .old=\(retired ?? "-") "
        + ".staging=\(staging ?? "-")"
    }
  }

  static let cases: [Leftovers] = [
    // An older hw killed between its renames.
    Leftovers(retired: "previous", staging: "new", inPlace: "previous"),
    Leftovers(retired: "previous", staging: "partial", inPlace: "previous"),
    // Killed while writing, or with the new site ready but not yet in place.
    Leftovers(output: "previous", staging: "partial", inPlace: "previous"),
    Leftovers(output: "previous", fresh: "new", inPlace: "previous"),
    // Killed between the renames, or with the old site half removed.
    Leftovers(fresh: "new", retired: "previous", inPlace: "new"),
    Leftovers(output: "new", retired: "partial", inPlace: "new"),
    // The first build, killed with its site ready.
    Leftovers(fresh: "new", inPlace: "new"),
  ]

  static let sites: [String: [String: [UInt8]]] = [
    "previous": ["index.html": Array("previous".utf8), "a.html": Array("a".utf8)],
    "new": ["index.html": Array("new".utf8), "b/c.html": Array("c".utf8)],
    "partial": ["index.html": Array("part".utf8)],
  ]

  @Test(arguments: cases)
  func findsTheWholeSiteThatAnInterruptedPublishLeft(_ leftovers: Leftovers) throws {
    let folder = TemporaryFolder()
    let folders = PublishFolders(outputPath: folder.path + "/Output")
    for (site, path) in [
      (leftovers.output, folders.output), (leftovers.fresh, folders.fresh),
      (leftovers.retired, folders.retired), (leftovers.staging, folders.staging),
    ] {
      if let site { try SiteWriter(files: Self.sites[site]!).write(into: path) }
    }
    let expected = Self.sites[leftovers.inPlace]!
    #expect(
      VerificationSummary.OutputComparison.compare(outputPath: folders.output, with: expected)
        == .matches)

    try SiteWriter.recover(folders, outputPath: "Output")
    #expect(folder.names() == ["Output"])
    #expect(folder.files(under: "Output") == expected.mapValues { Data($0) })
  }

  @Test func publishesOverThePreviousSiteAndLeavesNothingBeside() throws {
    let folder = TemporaryFolder()
    let folders = PublishFolders(outputPath: folder.path + "/Output")
    try SiteWriter(files: Self.sites["previous"]!).publish(to: folders, outputPath: "Output")
    try SiteWriter(files: Self.sites["new"]!).publish(to: folders, outputPath: "Output")
    #expect(folder.names() == ["Output"])
    #expect(folder.files(under: "Output") == Self.sites["new"]!.mapValues { Data($0) })
  }

  @Test func namesTheFoldersBesideTheOutputFolderAfterIt() {
    let folders = PublishFolders(outputPath: "/tmp/../tmp/site/")
    #expect(folders.output == "/tmp/site")
    #expect(folders.lock == "/tmp/.site.lock")
    #expect(folders.staging == "/tmp/.site.staging")
    #expect(folders.fresh == "/tmp/.site.new")
    #expect(folders.retired == "/tmp/.site.old")
  }
}
