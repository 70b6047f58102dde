import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Builder

@Suite struct OutputFolderTests {
  static let manifest = Manifest(
    pages: [
      .init(page: "a.html", source: "a.md", sourceSHA256: "ab", resultsSHA256: nil),
      .init(page: "b.html", source: "b.md", sourceSHA256: "cd", resultsSHA256: "ef"),
    ]
  ).json()

  @Test func takesAManifestAsHWWritesItInAnyLayout() {
    #expect(Manifest.parse(Data(Self.manifest.utf8)) != nil)
    let compact = Self.manifest.replacingOccurrences(of: "\n", with: "")
      .replacingOccurrences(of: " ", with: "")
    #expect(Manifest.parse(Data(compact.utf8)) != nil)
  }

  @Test(arguments: [
    "{\"generator\" : \"hw\", \"mine\" : true}",
    "my notes: \"generator\" : \"hw\"",
    "{\"generator\" : \"hw\", \"formatVersion\" : 1, \"pages\" : [], \"extra\" : 1}",
    "{\"generator\" : \"hw\", \"formatVersion\" : 2, \"pages\" : []}",
    "{\"generator\" : \"someone\", \"formatVersion\" : 1, \"pages\" : []}",
    "{\"generator\" : \"hw\", \"formatVersion\" : 1, \"pages\" : [{\"page\" : \"a.html\"}]}",
    "{\"generator\" : \"hw\", \"formatVersion\" : 1, \"pages\" : [{\"page\" : \"a.html\", "
      + "\"source\" : \"a.md\", \"sourceSHA256\" : \"ab\", \"note\" : \"mine\"}]}",
    "[\"generator\", \"hw\"]",
  ])
  func takesNothingElseForHWsManifest(_ text: String) {
    #expect(Manifest.parse(Data(text.utf8)) == nil)
  }

  @Test func refusesAFolderWhoseManifestIsNotHWs() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    folder.write("mine/manifest.json", "{\"generator\" : \"hw\", \"mine\" : true}\n")
    folder.write("mine/notes.txt", "keep me")
    #expect(
      throws: ToolError(
        "'\(folder.path)/mine' is not empty and holds no site built by hw (no manifest.json as "
          + "hw writes it); building would replace it: move its files away or give another "
          + "--output")
    ) {
      try SiteBuilder(contentPath: folder.path + "/Content").build(
        outputPath: folder.path + "/mine")
    }
    #expect(folder.read("mine/notes.txt") == "keep me")
    folder.write("mine/manifest.json", Self.manifest)
    _ = try SiteBuilder(contentPath: folder.path + "/Content").build(
      outputPath: folder.path + "/mine")
    #expect(!folder.exists("mine/notes.txt"))
  }
}
