import Diagnostics
import TeXMath
import Testing

@testable import Markup

/// The delimiter rules, case by case, against what pandoc's `tex_math_dollars` does.
@Suite struct MathSpanTests {
  private func spans(_ markdown: String) -> [String] {
    MarkdownDocument.parse(Array(markdown.utf8), path: "t.md").mathSpans.map {
      ($0.display ? "D:" : "I:") + $0.tex
    }
  }

  @Test(arguments: [
    ("It costs $5 and $6 today.", [String]()),
    ("$20,000 and $30,000", []),
    ("$x$5 and $y$", ["I:y"]),
    ("$ x$ and $x $", []),
    ("5$ and $6", []),
    ("US$5 and a$b$c", ["I:5 and a"]),
    ("Pay \\$5 and \\$6, or \\$x\\$.", []),
    ("$\\$5 + a$", ["I:\\$5 + a"]),
    ("$a\\\\$b$", ["I:a\\\\"]),
    ("$\\{a\\}$ and $a\\,b$", ["I:\\{a\\}", "I:a\\,b"]),
    ("$a_1$ text_with $b_2$", ["I:a_1", "I:b_2"]),
    ("$a*b*c$ and $x^*$ *em*", ["I:a*b*c", "I:x^*"]),
    ("`$x$` and ``$$y$$``", []),
    ("$a`b$ c`", ["I:a`b"]),
    ("Text $$x^2$$ more.", ["D:x^2"]),
    ("$$a$$5", ["D:a"]),
    ("$x$$y$", ["I:x", "I:y"]),
    ("$a$$", ["I:a"]),
    ("$a +\nb$", ["I:a + b"]),
    ("$\\text{cost \\$5}$ and $\\text{a $b$ c}$", ["I:\\text{cost \\$5}", "I:\\text{a $b$ c}"]),
    ("a <span title=\"$x$\">t</span>", []),
    ("<http://x.org/$a$>", []),
    ("[a](http://x.org/$a$b)", []),
    ("[$x_1$](http://e.com)", ["I:x_1"]),
    ("```\n$x$\n```\n\n    $y$", []),
    ("# Loss $\\ell_i$", ["I:\\ell_i"]),
    ("($x$), $n$-th, $x$.", ["I:x", "I:n", "I:x"]),
    ("$P(y|x)$", ["I:P(y|x)"]),
    ("\\(x\\) and \\[y\\]", []),
  ])
  func findsMathLikePandoc(markdown: String, expected: [String]) {
    #expect(spans(markdown) == expected)
  }

  @Test func keepsATextArgumentWithMathInsideInOneFormula() {
    let document = ParsedMarkdown.fragment(
      Array("So $\\emph{if $x$ holds}$ here.\n".utf8), path: "t.md")
    #expect(document.mathSpans.map(\.tex) == ["\\emph{if $x$ holds}"])
    #expect(document.renderFragment(math: ["<m/>"]) == "<p>So <m/> here.</p>\n")
    // A math font is not text: its `$` ends the formula as anywhere else.
    #expect(spans("$\\mathbf{a $b$ c}$") == ["I:b"])
  }

  /// The scanner skips the argument of every text command that TeXMath reads in text mode, so
  /// the two agree on where a formula ends.
  @Test(arguments: TextCommand.allCases)
  func skipsTheArgumentOfEveryTextCommandOfTeXMath(command: TextCommand) {
    let name = "\\" + command.rawValue
    for tex in [name + "{a $b$ c}", name + " {a $b$ c}"] {
      #expect(spans("$\(tex)$ and $y$") == ["I:" + tex, "I:y"])
    }
  }

  @Test func leavesDisplayBlocksInIndentedCodeAlone() throws {
    let code = MarkdownDocument.parse(Array("Para\n\n    $$\n    x\n    $$\n".utf8), path: "t.md")
    #expect(code.mathSpans.isEmpty)
    #expect(try #require(code.codeBlocks.first).code == "$$\nx\n$$\n")
    #expect(spans(">     $$\n>     x\n>     $$\n").isEmpty)
    // In a list item the same indentation is the item's own: display math.
    #expect(spans("1. Step\n\n    $$\n    x\n    $$\n") == ["D:x"])
  }

  @Test func runsNoInlineFormulaAcrossADisplayBlock() {
    #expect(spans("a $x\n$$\nb\n$$\ny$ c\n") == ["D:b"])
    #expect(spans("a $$x\n$$\nb\n$$\ny$$ c\n") == ["D:b"])
  }

  @Test func keepsDisplayBlocksWhoseLinesLookLikeMarkdown() {
    let markdown = "- item\n  $$\n  a\n  - b\n  $$\n- next\n"
    #expect(spans(markdown) == ["D:a\n- b"])
    let document = ParsedMarkdown.fragment(Array(markdown.utf8), path: "t.md")
    let html = document.renderFragment(math: ["<M/>"])
    #expect(html.contains("<M/>"))
    #expect(!html.contains("<li>b"))
  }

  @Test func stripsQuoteMarkersInsideDisplayBlocks() {
    #expect(spans("> $$\n> a_1 *b* c_2\n> $$\n") == ["D:a_1 *b* c_2"])
  }

  @Test func warnsAboutDisplayMathThatNeverCloses() {
    let document = MarkdownDocument.parse(Array("$$ and $ $\n".utf8), path: "t.md")
    #expect(document.mathSpans.isEmpty)
    #expect(
      document.diagnostics.map(\.description) == [
        "t.md:1:1: warning: '$$' is not closed in this paragraph, so it is shown as text (a blank line ends display math)"
      ])
  }

  @Test func locatesEachFormulaAndOffsetsInsideIt() throws {
    let markdown = "Intro line\n\nSee $\\alpha + \\foo$ here and\n$$\n\\frac{a}{b}\n+ \\bar\n$$\n"
    let document = MarkdownDocument.parse(Array(markdown.utf8), path: "t.md")
    #expect(document.mathSpans.count == 2)
    let inline = document.mathSpans[0]
    #expect(inline.range.start == SourceLocation(line: 3, column: 5))
    #expect(inline.location(ofTeXOffset: 9) == SourceLocation(line: 3, column: 15))
    let display = document.mathSpans[1]
    #expect(display.display)
    #expect(display.tex == "\\frac{a}{b}\n+ \\bar")
    #expect(display.location(ofTeXOffset: 14) == SourceLocation(line: 6, column: 3))
  }

  @Test func keepsEmphasisThatOpensAParagraphWithMath() {
    let document = ParsedMarkdown.fragment(
      Array("**(i) bold $x$.** and *$y$*\n".utf8), path: "t.md")
    #expect(
      document.renderFragment(math: ["X", "Y"])
        == "<p><strong>(i) bold X.</strong> and <em>Y</em></p>\n")
  }

  @Test func keepsPunctuationOnTheLineOfTheFormulaBeforeIt() {
    let document = ParsedMarkdown.fragment(Array("at least $m$: and $n$ too\n".utf8), path: "t.md")
    #expect(
      document.renderFragment(math: ["<math>m</math>", "<math>n</math>"])
        == "<p>at least <span class=\"math-nowrap\"><math>m</math>:</span> and <math>n</math> too</p>\n"
    )
  }

  @Test func rendersFormulasInPlaceOfTheirSource() {
    let document = ParsedMarkdown.fragment(Array("A $x_1$ and *b*.\n".utf8), path: "t.md")
    #expect(document.renderFragment(math: ["<m>x</m>"]) == "<p>A <m>x</m> and <em>b</em>.</p>\n")
  }
}
