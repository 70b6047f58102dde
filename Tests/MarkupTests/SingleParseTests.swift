import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Markup

/// The single parse (formulas found before cmark runs, then one cmark parse) must give exactly
/// what the careful parse gives: the same formulas, code blocks, headings, diagnostics and HTML.
/// Random documents built from the pieces that trip math up are parsed both ways.
@Suite struct SingleParseTests {
  static let inlinePieces = [
    "x", "a b", " ", " ", "$", "$", "$", "$$", "\\$", "\\", "`", "``", "*", "_", "**", "<b>",
    "</b>",
    "<span title=\"$a$\">", "](", "[", "]", "(", ")", "{", "}", "\\text{", "5", "!", "#", "-",
    "\\\\", "&", ".", ",", ":", "é", "\t", "<!-- $c$ -->", "<http://e.org/$d$>",
    "[l](/u \"$t$\")", "![$i$](p.png)", "\\{", "^", "1.", "$x$", "$a_1$", "$$y$$", "$5 and $6",
    "[ref]",
  ]
  static let prefixes = [
    "", "", "", "", "> ", "- ", "  ", "    ", "1. ", "# ", "## ", "* ", "> - ", ">", "   ", "+ ",
    "2) ", "\t", "  > ", "   > ", "> > ", "-   > ",
  ]
  static let wholeLines = [
    "", "", "", "$$", "$$", "```", "~~~", "```swift", "---", "===", "[ref]: /url \"$x$\"", "***",
    "<div>", "</div>", "  $$  ", "> $$", "<!--", "-->", "- $$", "    code $x$",
  ]

  /// A document as people write them: prose with formulas, headings, lists, quotes, display
  /// blocks and code, and now and then a price or an escaped dollar.
  static func ordinaryDocument(seed: Int) -> String {
    var random = TestRandom(seed: UInt64(seed))
    let words = ["the", "loss", "is", "energy", "of", "*each*", "**answer**", "`code`", "and", "a"]
    let formulas = [
      "$x$", "$\\beta$", "$F_W(x, y)$", "$e^{-\\beta F}$", "$[m - F^-]^+$", "$\\{1, \\dots, n\\}$",
      "$$\\sum_y P(y)$$", "$a +\nb$", "$5 and $6", "\\$5", "$\\text{a b}$",
    ]
    func sentence() -> String {
      var text = ""
      for _ in 0..<(2 + random.below(8)) {
        text += (random.below(4) == 0 ? random.pick(formulas) : random.pick(words)) + " "
      }
      return text + "end."
    }
    var text = ""
    for _ in 0..<(1 + random.below(8)) {
      switch random.below(9) {
      case 0: text += "## Part \(random.below(9)) \(random.pick(formulas))\n"
      case 1: text += "- \(sentence())\n- \(sentence())\n  \(sentence())\n"
      case 2: text += "1. \(sentence())\n2. \(sentence())\n"
      case 3: text += "> \(sentence())\n> \(sentence())\n"
      case 4: text += "$$\n\\frac{a}{b}\n  - c\n$$\n"
      case 5: text += "```swift\nlet x = \"$a$\" // $b$\n```\n"
      default: text += "\(sentence())\n\(sentence())\n"
      }
      text += "\n"
    }
    return text
  }

  /// A document of random pieces that trip math up, in random places.
  static func document(seed: Int) -> String {
    var random = TestRandom(seed: UInt64(seed))
    let lineEnd = random.below(6) == 0 ? "\r\n" : "\n"
    var text = ""
    for _ in 0..<(1 + random.below(12)) {
      if random.below(5) == 0 {
        text += random.pick(wholeLines)
      } else {
        text += random.pick(prefixes)
        for _ in 0..<(1 + random.below(8)) { text += random.pick(inlinePieces) }
      }
      text += random.below(20) == 0 ? "\r" : lineEnd
    }
    return text
  }

  /// Everything a parse and its renderings give, to compare.
  struct Outcome: Equatable {
    var spans: [MathSpan]
    var codeBlocks: [CodeBlock]
    var headings: [HeadingStart]
    var diagnostics: [Diagnostic]
    var fragment: String
    var page: String
    var pageHeadings: [RenderedBody.Heading]
  }

  static func outcome(_ text: String, strategy: MarkdownDocument.Strategy) -> (
    Outcome, singleParsed: Bool
  ) {
    let bytes = Array(text.utf8)
    let document = MarkdownDocument.parse(bytes, path: "t.md", strategy: strategy)
    let math = document.mathSpans.indices.map { "<math>\($0)</math>" }
    let code = document.codeBlocks.indices.map { "<pre>C\($0)</pre>" }
    let fragment = ParsedMarkdown.fragment(bytes, path: "t.md", strategy: strategy)
    let parsed = ParsedMarkdown.page(bytes, path: "t.md", strategy: strategy)
    let page = parsed.render(PageContent(math: math, codeBlocks: code))
    let outcome = Outcome(
      spans: document.mathSpans, codeBlocks: document.codeBlocks, headings: document.headings,
      diagnostics: document.diagnostics,
      fragment: spacesCollapsed(fragment.renderFragment(math: math)),
      page: spacesCollapsed(page.html), pageHeadings: page.headings.map(headingSpacesCollapsed))
    // Parsing alone, and parsing to render either way, find the same document.
    #expect(parsed.mathSpans == document.mathSpans)
    #expect(fragment.mathSpans == document.mathSpans)
    #expect(parsed.document.codeBlocks == document.codeBlocks)
    #expect(parsed.singleParsed == fragment.singleParsed)
    return (outcome, parsed.singleParsed)
  }

  /// Parses each document both ways and compares; returns how many took the single parse.
  static func compare(count: Int, _ document: (Int) -> String) -> Int {
    var singleParsed = 0
    for seed in 0..<count {
      let text = document(seed)
      let (fast, usedSingleParse) = outcome(text, strategy: .singleParseFirst)
      let (careful, _) = outcome(text, strategy: .careful)
      #expect(fast == careful, "seed \(seed): \(String(reflecting: text))")
      if usedSingleParse { singleParsed += 1 }
      if fast != careful { break }
    }
    return singleParsed
  }

  /// Runs of spaces and tabs as one space, and none at the start of a line or at either end of
  /// a code span.
  /// The careful parse re-parses a paragraph with formulas on its own, so a lazy continuation
  /// line loses its leading spaces, which cmark keeps after a hard line break and inside a code
  /// span (`keepsTheSpacesCmarkKeepsOnALazyLine`); the single parse keeps them, as cmark does.
  static func spacesCollapsed(_ html: String) -> String {
    var result = ""
    var last: Character = "\n"
    for character in html {
      let character: Character = character == "\t" ? " " : character
      if character == " " && (last == " " || last == "\n" || result.hasSuffix("<code>")) {
        continue
      }
      last = character
      result.append(character)
    }
    return result.replacingOccurrences(of: " </code>", with: "</code>")
  }

  static func headingSpacesCollapsed(_ heading: RenderedBody.Heading) -> RenderedBody.Heading {
    var heading = heading
    heading.text = spacesCollapsed(heading.text)
    heading.html = spacesCollapsed(heading.html)
    return heading
  }

  @Test func keepsTheSpacesCmarkKeepsOnALazyLine() {
    let text = "1.  a $x$ `b\n   c` d\n"
    let document = ParsedMarkdown.fragment(Array(text.utf8), path: "t.md")
    #expect(document.singleParsed)
    #expect(
      document.renderFragment(math: ["<math>x</math>"])
        == "<ol>\n<li>a <math>x</math> <code>b    c</code> d</li>\n</ol>\n")
    #expect(CommonMark.html(of: "1.  a X `b\n   c` d\n").contains("<code>b    c</code>"))
    let broken = "> - a $x$\\\n   $y$\n"
    #expect(
      ParsedMarkdown.fragment(Array(broken.utf8), path: "t.md").renderFragment(math: ["X", "Y"])
        == "<blockquote>\n<ul>\n<li>a X<br />\n   Y</li>\n</ul>\n</blockquote>\n")
    #expect(CommonMark.html(of: "> - a X\\\n   Y\n").contains("<br />\n   Y"))
  }

  @Test func agreesWithTheCarefulParseOnOrdinaryDocuments() {
    let count = 400
    let singleParsed = Self.compare(count: count, Self.ordinaryDocument)
    // Ordinary documents are what the single parse is for: nearly all of them take it.
    #expect(singleParsed >= count * 9 / 10, "\(singleParsed) of \(count) were parsed once")
  }

  @Test func agreesWithTheCarefulParseOnRandomPieces() {
    let count = 1500
    let singleParsed = Self.compare(count: count, Self.document)
    // Most of these make the pre-scan guess wrong; enough must not, or nothing is compared.
    #expect(singleParsed >= count / 20, "\(singleParsed) of \(count) were parsed once")
  }

  @Test(arguments: [
    "A $x$ and $$y$$ here.\n",
    "# Title $\\beta$\n\nText $a +\nb$ and more.\n\n$$\n\\frac{a}{b}\n$$\n",
    "- item $x_1$\n- item $y$\n\n> quote $z$\n",
    "Setext $a\nb$ head\n===\n",
    "Lines $a\r\nb$ with CRLF.\r\n",

    // Documents where the careful parse once differed from cmark (and so from the single parse).
    "1.  > a $x$\n    > b\n", "-\t> a $x$\n\t> b\n", "> 1.   > a $x$\n>      > b\n",
    "a $x$\n    ===\n---\n", "a $x$\n    ---\n===\n", "- a $x$\n===\n  ---\n",
    "a $x$\n---\n---\n", "a $x$\n===\n===", "\u{FEFF}a $x$ b\n", "\u{FEFF}# a $x$\n",
    "\u{FEFF}> a $x$\n",
  ])
  func takesTheSingleParseOnOrdinaryDocuments(text: String) {
    let (fast, usedSingleParse) = Self.outcome(text, strategy: .singleParseFirst)
    let (careful, _) = Self.outcome(text, strategy: .careful)
    #expect(usedSingleParse)
    #expect(fast == careful)
  }

  @Test(arguments: [
    "> a $x\n>> y$ b\n", "> a $x\n> - y$ b\n", "> a $x\ny$ b\n", ">> a $x\n> y$ b\n",
    "- > listed $a\n  > b$ quote\n", "- item\n  > a $x\n> y$ b\n",
    "1. item\n   > a $x\n> y$ b\n", "> a $x\n>  y$ b\n", "> p\nq $x\n> y$ b\n",
    "> A quoted $a +\n> b$ formula.\n",
    "- item\n  > a $x\n  > y$ b\n",
    "   > <!-- c -->\n a $x\n   > y$ b\n",
  ])
  func agreesOnFormulasAcrossQuoteMarkers(text: String) {
    let (fast, _) = Self.outcome(text, strategy: .singleParseFirst)
    let (careful, _) = Self.outcome(text, strategy: .careful)
    #expect(fast == careful)
  }

  @Test func fallsBackWhenTheGuessIsWrong() {
    // The pre-scan takes the indented code block for prose and finds `$a$` in it; cmark's blocks
    // say it is code, so the single parse gives up.
    let text = "Para\n\n    code $a$ here\n"
    let (fast, usedSingleParse) = Self.outcome(text, strategy: .singleParseFirst)
    let (careful, _) = Self.outcome(text, strategy: .careful)
    #expect(!usedSingleParse)
    #expect(fast == careful)
    #expect(fast.spans.isEmpty)
  }

  @Test(arguments: [MarkdownDocument.Strategy.careful, .singleParseFirst])
  func readsASetextHeadingWhoseTextStartsWithAHash(strategy: MarkdownDocument.Strategy) {
    // `#x` opens no ATX heading, and cmark reports the line after the underline as the
    // heading's end: neither may pull that line's formula into the heading.
    let text = "#tag $a$\n---\n$b$ after\n"
    let document = ParsedMarkdown.fragment(Array(text.utf8), path: "t.md", strategy: strategy)
    #expect(document.mathSpans.map(\.tex) == ["a", "b"])
    #expect(
      document.renderFragment(math: ["A", "B"]) == "<h2>#tag A</h2>\n<p>B after</p>\n")
  }

  @Test func skipsAByteOrderMarkAsCmarkDoes() throws {
    let document = MarkdownDocument.parse(
      Array("\u{FEFF}```swift\nlet x = 1\n```\n".utf8), path: "t.md")
    let block = try #require(document.codeBlocks.first)
    #expect(block.isFenced && block.language == "swift")
    #expect(block.infoLocation == SourceLocation(line: 1, column: 4))
  }

  @Test func keepsPunctuationWithAFormulaOverTwoLines() {
    let document = ParsedMarkdown.fragment(Array("see $a\nb$.\n".utf8), path: "t.md")
    #expect(document.singleParsed)
    #expect(
      document.renderFragment(math: ["<math>m</math>"])
        == "<p>see <span class=\"math-nowrap\"><math>m</math>.</span></p>\n")
  }
}
