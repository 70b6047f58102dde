import Foundation
import Reports
import TestSupport
import Testing

/// Runs the built `hw` executable the way a user does, and checks what it prints and its exit
/// status.
@Suite struct CommandLineTests {
  /// Runs the built `hw` in `folder`; throws `BuiltProducts.NotBuilt`, which fails the test,
  /// when `swift build` has not made it.
  static func hw(_ arguments: [String], in folder: String) throws -> Program.Result {
    try Program.run(BuiltProducts.hw(), arguments, in: URL(fileURLWithPath: folder))
  }

  @Test func exitsZeroOneOrTwo() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# Fine\n")
    let good = try Self.hw(["build"], in: folder.path)
    #expect(good.status == 0)
    #expect(good.stdout == "Built 1 page into Output.\n")

    folder.write("Content/b.md", "---\ntitle: [x\n---\n")
    let bad = try Self.hw(["build"], in: folder.path)
    #expect(bad.status == 1)
    #expect(bad.stderr.hasPrefix("Content/b.md:"))
    #expect(bad.stderr.contains(": error: front matter is not valid YAML"))

    let missing = try Self.hw(["build", "--content", "Nowhere"], in: folder.path)
    #expect(missing.status == 2)
    #expect(
      missing.stderr == "hw: error: no content folder at 'Nowhere' (give one with --content DIR)\n")

    let usage = try Self.hw(["build", "--bogus"], in: folder.path)
    #expect(usage.status == 2)
  }

  @Test func findsItsThemeAndFontsFromAnyWorkingDirectory() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# Fine\n")
    let build = try Self.hw(["build"], in: folder.path)
    #expect(build.status == 0)
    let resources = try BuiltProducts.hw().deletingLastPathComponent().appendingPathComponent(
      "hw_Builder.resources")
    for (site, resource) in [
      ("style.css", "theme/style.css"),
      ("fonts/latinmodern-math.woff2", "fonts/latinmodern-math.woff2"),
    ] {
      let written = try #require(
        FileManager.default.contents(atPath: "\(folder.path)/Output/\(site)"))
      #expect(
        written
          == FileManager.default.contents(
            atPath: resources.appendingPathComponent(resource).path), "\(site)")
    }
  }

  @Test(
    .enabled(if: CmarkIdentityTests.cmark != nil, "cmark is not installed (scripts/setup --test)"))
  func rendersAFragmentLikeCmark() throws {
    let folder = TemporaryFolder()
    folder.write("a.md", "Hello *there*\n\n> quote\n")
    let run = try Self.hw(["render", "a.md", "--fragment"], in: folder.path)
    #expect(run.status == 0)
    #expect(
      run.stdout == "<p>Hello <em>there</em></p>\n<blockquote>\n<p>quote</p>\n</blockquote>\n")
    let cmark = try Program.run(CmarkIdentityTests.cmark!, ["--unsafe", "a.md"], in: folder.url)
    #expect(run.stdout == cmark.stdout)
  }
}

/// The whole flow through the built `hw`: verify blocks, math errors, figures, and `hw verify`.
@Suite struct VerifyEndToEndTests {
  static let document = """
    ---
    title: End to end
    ---
    # Checks

    ## Right

    $$
    \\frac{\\partial}{\\partial x} x^2 = 2x
    $$

    ```swift verify
    let x = 3.0
    checkClose(2 * x, 6, "derivative of x² at 3")
    show("x", x)
    ```

    ## Wrong on purpose

    ```swift verify expect-failure
    checkClose(x * x, 6, "x² is 2x")
    ```

    ## Plot

    ```swift verify
    figure(LinePlot(title: "empty").series("nothing", xs: [], ys: []), caption: "An empty plot")
    ```

    """

  static let badMath = "# Bad\n\nThe loss $\\frac{a}{b$ is wrong.\n"

  @Test func theHelpListsEveryReportFormatWithItsSummary() throws {
    let folder = TemporaryFolder()
    let run = try CommandLineTests.hw(["verify", "--help"], in: folder.path)
    #expect(run.status == 0)
    let help = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for format in ReportFormat.allCases {
      #expect(help.contains("\(format.rawValue) - \(format.summary)"), "\(format)")
    }
  }

  @Test func buildsVerifiesAndReportsEachProblemAtItsLine() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", Self.document)
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(build.stderr.contains("Content/a.md:27:7: error: check failed: figure: An empty plot"))
    let page = try #require(folder.read("Output/a.html"))
    #expect(page.contains("1 of 2 checks pass · 1 erratum fails as expected"))
    #expect(page.contains("Expected failure held"))
    #expect(page.contains("<math display=\"block\">"))

    let verify = try CommandLineTests.hw(["verify"], in: folder.path)
    #expect(verify.status == 1)
    #expect(
      verify.stdout.hasSuffix(
        "2 passed, 1 failed (self-checks, as the student's code reported them)\n"))

    let junit = try CommandLineTests.hw(
      ["verify", "--format", "junit", "--report", "report.xml"], in: folder.path)
    #expect(junit.status == 1)
    let xml = try #require(folder.read("report.xml"))
    #expect(xml.contains("<testsuite name=\"Content/a.md\""))

    // Fix the plot: everything passes and the committed site must be rebuilt to match.
    folder.write(
      "Content/a.md",
      Self.document.replacingOccurrences(of: "xs: [], ys: []", with: "xs: [0, 1], ys: [0, 1]"))
    let stale = try CommandLineTests.hw(["verify"], in: folder.path)
    #expect(stale.status == 1)
    #expect(stale.stdout.contains("Output/a.html: error: page differs from a fresh build"))
    #expect(try CommandLineTests.hw(["build"], in: folder.path).status == 0)
    let fresh = try CommandLineTests.hw(["verify", "--format", "junit"], in: folder.path)
    #expect(fresh.status == 0)
    #expect(fresh.stdout.contains("tests=\"2\" failures=\"0\""))
    // However the grader names the folders, the committed site matches.
    let elsewhere = try CommandLineTests.hw(
      ["verify", "--content", folder.path + "/Content/", "--output", folder.path + "/Output"],
      in: "/")
    #expect(elsewhere.status == 0)
    #expect(
      elsewhere.stdout == "2 passed, 0 failed (self-checks, as the student's code reported them)\n")
  }

  @Test func refusesTwoFiguresWithOneID() throws {
    let folder = TemporaryFolder()
    folder.write(
      "Content/f.md",
      """
      # Figures

      ```swift verify
      let plot = LinePlot().series("line", xs: [0, 1], ys: [1, 0])
      figure(plot, caption: "First", id: "fig-a")
      figure(plot, caption: "Second", id: "fig-a")
      ```

      """)
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(
      build.stderr.contains(
        "Content/f.md:6:7: error: figure id 'fig-a' is already used on this page"))
  }

  @Test func locatesABadFormulaInTheMarkdownFile() throws {
    let folder = TemporaryFolder()
    folder.write("Content/bad.md", Self.badMath)
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(build.stderr.hasPrefix("Content/bad.md:3:"))
    #expect(build.stderr.contains(": error: "))
    let page = try #require(folder.read("Output/bad.html"))
    #expect(page.contains("math-error"))
    let render = try CommandLineTests.hw(["render", "Content/bad.md"], in: folder.path)
    #expect(render.status == 1)
  }
}

/// Where a formula ends: the Markdown scanner and TeXMath share one list of text commands.
@Suite struct FormulaBoundaryEndToEndTests {
  @Test func buildsATextCommandWithMathInsideAsOneFormula() throws {
    let folder = TemporaryFolder()
    folder.write("Content/e.md", "# Cases\n\nThen $\\emph{if $x$ holds}$ we stop.\n")
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 0)
    #expect(build.stderr == "")
    let page = try #require(folder.read("Output/e.html"))
    #expect(
      page.contains(
        "Then <math><semantics><mrow><mtext>𝑖𝑓&#xA0;</mtext><mi>x</mi>"
          + "<mtext>&#xA0;ℎ𝑜𝑙𝑑𝑠</mtext></mrow>"))
    #expect(!page.contains("$\\emph"))
  }
}

/// `hw render --fragment` against the `cmark` binary itself, on documents without math.
@Suite struct CmarkIdentityTests {
  static let cmark = Program.find("cmark")

  static let documents = [
    "# Title\n\nSome *emphasis*, **strong**, `code` and a [link](http://example.org \"t\").\n",
    "> quote\n> > nested\n\n- a\n- b\n  1. c\n  2. d\n\n---\n\n    indented code\n",
    "```swift\nlet x = 1\n```\n\n<div class=\"raw\">\n*raw html*\n</div>\n\nText <span>inline</span>\\\nbreak\n",
    "Setext\n======\n\n[ref]: http://example.org\n\nUse [ref] and ![img](a.png \"title\").\n",
    "* tight\n* list\n\n\n* loose\n\n  para\n\nA line with trailing spaces  \nand an entity &amp; &copy; &#35;.\n",
  ]

  @Test(
    .enabled(
      if: cmark != nil, "cmark is not installed (scripts/setup --test)"),
    arguments: documents.indices)
  func rendersByteForByteAsCmarkUnsafe(index: Int) throws {
    let folder = TemporaryFolder()
    folder.write("doc.md", Self.documents[index])
    let ours = try CommandLineTests.hw(["render", "doc.md", "--fragment"], in: folder.path)
    let theirs = try Program.run(Self.cmark!, ["--unsafe", folder.path + "/doc.md"])
    #expect(ours.stdout == theirs.stdout)
  }
}
