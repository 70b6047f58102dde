import Foundation
import TestSupport
import Testing

/// The built `hw` given content and output folders that once made it leak files, replace pages
/// or delete someone's files.
@Suite struct HostileInputEndToEndTests {
  @Test
  func publishesNoFileThatALinkBringsInFromOutside() throws {
    let folder = TemporaryFolder()
    folder.write("secret", "top secret\n")
    folder.write("Content/a.md", "# A\n")
    folder.link("Content/shadow.md", to: folder.path + "/secret")
    folder.link("Content/notes.txt", to: "../secret")
    folder.link("Content/again.md", to: "a.md")
    let build = try RunningHW.run(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(
      build.stderr == """
        Content/notes.txt: error: symbolic link to something outside the content folder; it is \
        left out of the site
        Content/shadow.md: error: symbolic link to something outside the content folder; it is \
        left out of the site

        """)
    #expect(build.stdout == "Built 2 pages into Output (2 errors).\n")
    let site = folder.files(under: "Output")
    #expect(site["again.html"] != nil)
    #expect(site["shadow.html"] == nil)
    #expect(site["notes.txt"] == nil)
    let leaking = site.filter { $0.value.range(of: Data("top secret".utf8)) != nil }
    #expect(leaking.keys.sorted() == [])
  }

  @Test
  func refusesFilesWhosePlaceInTheSiteIsTaken() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# The page\n")
    folder.write("Content/a.html", "<p>a file</p>\n")
    folder.write("Content/index.md", "# Not the index\n")
    folder.write("Content/style.css", "body { color: hotpink; }\n")
    let build = try RunningHW.run(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(
      build.stderr == """
        Content/a.html: error: 'a.html' clashes with 'a.html', the page of 'Content/a.md'; this \
        file is left out of the site (rename one of them)
        Content/index.md: error: its page 'index.html' clashes with 'index.html', the site's \
        index page; the document is left out of the site (rename it)
        Content/style.css: error: 'style.css' clashes with 'style.css', the site's stylesheet; \
        this file is left out of the site (rename it; a stylesheet for the whole site goes in \
        _theme/style.css)

        """)
    #expect(folder.read("Output/a.html")?.contains("<h1") == true)
    #expect(folder.read("Output/index.html")?.contains("Not the index") == false)
    #expect(folder.read("Output/style.css")?.contains("hotpink") == false)
  }

  @Test
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

  @Test(.enabled(if: Unprivileged.isAvailable))
  func saysWhyAFileCannotBeRead() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# A\n")
    folder.write("Content/b.md", "# B\n")
    Unprivileged.own(folder)
    folder.setMode("Content/b.md", 0o000)
    let build = try RunningHW.run(["build"], in: folder.path, unprivileged: true)
    #expect(build.status == 2)
    #expect(build.stderr == "hw: error: cannot read 'Content/b.md': Permission denied\n")
    let render = try RunningHW.run(["render", "Content/b.md"], in: folder.path, unprivileged: true)
    #expect(render.status == 2)
    #expect(render.stderr == "hw: error: cannot read 'Content/b.md': Permission denied\n")
  }
}

/// What a block writes is shown on one line: a check's label cannot add lines of its own (a
/// forged error or pass) to `hw build`'s or `hw verify`'s report.
@Suite(.enabled(if: RunningHW.isBuilt, "hw is not built"))
struct ForgedReportLineTests {
  @Test func aLabelWithLineBreaksStaysOnItsCheck() throws {
    let folder = TemporaryFolder()
    folder.write(
      "Content/t.md",
      "# T\n\n```swift verify\ncheck(false, \"x\\nContent/t.md:1:1: error: forged\\r\\n9 passed\")\n```\n"
    )
    for command in ["build", "verify"] {
      let result = try CommandLineTests.hw([command], in: folder.path)
      let lines = result.output.split(separator: "\n")
      #expect(lines.contains { $0.hasPrefix("Content/t.md:4:") && $0.contains("forged") })
      #expect(!lines.contains { $0.hasPrefix("Content/t.md:1:1") || $0.hasPrefix("9 passed") })
    }
  }
}
