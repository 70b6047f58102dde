import Foundation
import Testing

/// The built `hw` given content and output folders that once made it leak files, replace pages
/// or delete someone's files.
@Suite struct HostileInputEndToEndTests {
  @Test(.enabled(if: RunningHW.isBuilt))
  func doesNotTakeAFolderThatMerelyMentionsHWForItsOwn() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    folder.write("mine/manifest.json", "{\"generator\" : \"hw\", \"mine\" : true}\n")
    folder.write("mine/notes.txt", "keep me\n")
    let build = try RunningHW.run(["build", "--output", "mine"], in: folder.path)
    #expect(build.status == 2)
    #expect(
      build.stderr
        == "hw: error: 'mine' is not empty and holds no site built by hw (no manifest.json as "
        + "hw writes it); building would replace it: move its files away or give another "
        + "--output\n")
    #expect(folder.read("mine/notes.txt") == "keep me\n")
  }

  @Test(.enabled(if: Unprivileged.isAvailable))
  func doesNotTakeAFolderItCannotListForEmpty() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    folder.write("victim/precious.txt", "keep me\n")
    Unprivileged.own(folder)
    folder.setMode("victim", 0o300)
    let build = try RunningHW.run(
      ["build", "--output", "victim"], in: folder.path, unprivileged: true)
    folder.setMode("victim", 0o700)
    #expect(build.status == 2)
    #expect(
      build.stderr
        == "hw: error: cannot list the output folder 'victim' (Permission denied), so hw cannot "
        + "tell whether it holds files of yours; building would replace it: make it readable, "
        + "move it away or give another --output\n")
    #expect(folder.read("victim/precious.txt") == "keep me\n")
    #expect(!folder.exists(".victim.old"))
  }
}
