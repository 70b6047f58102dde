import Foundation
import TestSupport
import Testing

/// A block evaluates a numbered formula of its page as typeset (`formula("label")`), with the
/// built `hw`: the check passes or fails on the TeX, errors are located at the TeX's token, the
/// formula's number carries the verdict and links to the block, and reports list it.
@Suite(.enabled(if: RunningHW.isBuilt, "hw is not built"))
struct FormulaEndToEndTests {
  /// The NLL gradient, line 6 of the page; the `\frac` of its first term starts at column 36.
  static let formula = """
    # Gradient

    The gradient of the loss:

    $$
    \\frac{\\partial \\ell}{\\partial W} = \\frac{\\partial F_W(x,y)}{\\partial W} - \\sum_{\\bar y} P_W(\\bar y \\mid x)\\,\\frac{\\partial F_W(x,\\bar y)}{\\partial W} \\label{nll-grad}
    $$

    """

  /// A block that binds every symbol: F_W(x, y) = W_y, so ∂F_W(x, y)/∂W is the basis vector
  /// of y and the gradient is e_y − P.
  static func block(gradient: String = "Vector.basis(1, count: 3) - p") -> String {
    """
    ```swift verify id=typeset
    let p = GibbsDistribution(energies: [0.3, -0.2, 1.1], beta: 1).probabilities
    formula("nll-grad").checkClose(
      [
        "x": 0, "y": 1, "\\\\bar y": .labels(0..<3),
        "P_W": .function { a in MathValue(p[a[0].label]) },
        "\\\\partial F_W / \\\\partial W": .function { a in MathValue(Vector.basis(a[1].label, count: 3)) },
      ], \(gradient), "the NLL gradient")
    ```

    """
  }

  @Test func checksTheFormulaAsTypesetAndMarksItsNumber() throws {
    let folder = TemporaryFolder()
    folder.write("Content/t.md", Self.formula + Self.block())
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 0, "\(build.output)")
    let page = try #require(folder.read("Output/t.html"))
    #expect(
      page.contains(
        "<span class=\"math-eqno\"><a class=\"math-checked checked\" href=\"#block-typeset\""))
    #expect(
      page.contains(
        "<p class=\"block-formulas\">Evaluates formula <a href=\"#eq-nll-grad\">(1)</a> as typeset."
      ))
    #expect(page.contains("the NLL gradient (formula nll-grad, as typeset)"))
    let verify = try CommandLineTests.hw(["verify"], in: folder.path)
    #expect(verify.status == 0, "\(verify.output)")
    #expect(
      verify.stdout.contains(
        "Content/t.md:9: note: formula 'nll-grad' evaluated as typeset; its checks pass"))
  }

  /// A page whose labelled formulas come to more than one environment variable holds
  /// (128 KiB on Linux) still hands every one to its blocks: the last is evaluated.
  @Test func formulasPastTheEnvironmentsLimitReachTheBlocks() throws {
    let folder = TemporaryFolder()
    let filler = (0..<1500).map {
      "$$ a_{\($0)} = " + String(repeating: "1 + ", count: 25) + "1 \\label{f\($0)} $$\n"
    }
    #expect(filler.joined().utf8.count > 140_000)
    folder.write(
      "Content/t.md",
      "# Many\n\n" + filler.joined(separator: "\n") + "\n" + Self.formula + Self.block())
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 0, "\(build.output)")
    #expect(
      try #require(folder.read("Output/t.html")).contains(
        "<a class=\"math-checked checked\" href=\"#block-typeset\""))
  }

  @Test func aWrongValueFailsTheCheckThatNamesTheFormula() throws {
    let folder = TemporaryFolder()
    folder.write(
      "Content/t.md", Self.formula + Self.block(gradient: "Vector.basis(1, count: 3) + p"))
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(build.stderr.contains("Content/t.md:10:"))
    #expect(build.stderr.contains("the NLL gradient (formula nll-grad, as typeset)"))
    #expect(try #require(folder.read("Output/t.html")).contains("math-checked failed"))
  }

  @Test func anUnboundSymbolIsAnErrorAtItsTokenAndOtherPagesBuild() throws {
    let folder = TemporaryFolder()
    folder.write(
      "Content/t.md",
      Self.formula + "```swift verify\nlet value = formula(\"nll-grad\").rhs([\"x\": 0])\n```\n")
    folder.write("Content/other.md", "# Other\n\n$$ a = b \\label{other} $$\n")
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(
      build.stderr.contains(
        "Content/t.md:6:36: error: check failed: formula 'nll-grad': \\partial F_W / \\partial W is not bound"
      ),
      "\(build.stderr)")
    #expect(folder.read("Output/other.html") != nil)
  }

  @Test func anUnknownLabelOrConstructIsLocated() throws {
    let folder = TemporaryFolder()
    folder.write(
      "Content/t.md",
      "# T\n\n$$ c = \\binom{n}{k} \\label{choose} $$\n\n"
        + "```swift verify\nlet a = formula(\"nowhere\")\nlet b = formula(\"choose\")\n```\n")
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(
      build.stderr.contains(
        "Content/t.md:6:16: error: check failed: no display formula labelled 'nowhere'"),
      "\(build.stderr)")
    #expect(
      build.stderr.contains(
        "Content/t.md:3:8: error: check failed: formula 'choose': \\binom cannot"),
      "\(build.stderr)")
  }

  @Test func aShapeMismatchSaysBothShapes() throws {
    let folder = TemporaryFolder()
    folder.write(
      "Content/t.md",
      "# T\n\n$$ s = u + v \\label{sum} $$\n\n"
        + "```swift verify\nlet s = formula(\"sum\").rhs([\"u\": [1, 2], \"v\": [1, 2, 3]])\n```\n")
    let build = try CommandLineTests.hw(["build"], in: folder.path)
    #expect(build.status == 1)
    #expect(build.stderr.contains("Content/t.md:3:"), "\(build.stderr)")
    #expect(build.stderr.contains("2") && build.stderr.contains("3"), "\(build.stderr)")
  }
}
