import Testing

@testable import Markup

/// What the pre-scan lets through to Yams and what it refuses, and where.
@Suite struct YAMLPrescanTests {
  static func finding(_ yaml: String, depth: Int = InputLimits.yamlDepth)
    -> YAMLPrescan.Finding?
  {
    YAMLPrescan.firstFinding(in: Array(yaml.utf8), maximumDepth: depth)
  }

  /// YAML that uses `&`, `*`, brackets and indentation as text or within the limits.
  @Test(arguments: [
    "title: a*b & c",
    "title: '*a' and \"&b\"",
    "title: \"say \\\"*a\\\"\"\nauthor: 'it''s *b'",
    "norm: '\\left\\lVert #1 \\right\\rVert'\nR: '\\mathbb{R}'",
    "text: |\n  *not an alias*\n  &neither\nnext: 1",
    "text: >-\n    *folded*\n\n    &more\nnext: 1",
    "title: first line\n  *second line of the same scalar\nauthor: x",
    "- first\n  *continued\n- second",
    "key:\n  plain value\n  *continued",
    "list: [a*b, 'c', \"*d\", e&f]",
    "map: {a: b*c, d: 'e'}",
    "url: http://example.com/*path",
    "# *comment\ntitle: x # &comment",
    "tags: [a, b] # *x",
    "multi: \"first\n  *second\"",
    "flow: [one,\n  two*, three]",
    "nested:\n  deeper:\n    deepest: [1, [2, {three: 3}]]",
  ])
  func letsTextThrough(yaml: String) {
    #expect(Self.finding(yaml) == nil)
  }

  /// An anchor or alias where a node begins, at its byte.
  @Test(arguments: [
    ("a: &x 1\nb: *x", YAMLPrescan.Finding.anchor(offset: 3)),
    ("a: 1\nb: *x", .alias(offset: 8)),
    ("- *x", .alias(offset: 2)),
    ("- - *x", .alias(offset: 4)),
    ("a: [1, *x]", .alias(offset: 7)),
    ("a: {k: *x}", .alias(offset: 7)),
    ("a: [\n  b,\n  *x]", .alias(offset: 12)),
    ("a: !!str &x 1", .anchor(offset: 9)),
    ("&x a: 1", .anchor(offset: 0)),
    ("? *x\n: 1", .alias(offset: 2)),
    ("a: \"q\"\nb: *x", .alias(offset: 10)),
    ("text: |\n  line\nb: *x", .alias(offset: 18)),
    ("a: b\n# comment\n  *x", .alias(offset: 17)),
    ("--- *x", .alias(offset: 4)),
    ("a: ['q', *x]", .alias(offset: 9)),
    ("a: [don't, *x]", .alias(offset: 11)),
    ("-a: *x", .alias(offset: 4)),
    // Yams is given the text without its byte order mark: the first line is read without it.
    ("\u{FEFF}{\"a\":&x [1], \"b\":*x}", .anchor(offset: 8)),
    ("\u{FEFF}&x a: 1", .anchor(offset: 3)),
  ])
  func refusesAnchorsAndAliases(yaml: String, expected: YAMLPrescan.Finding) {
    #expect(Self.finding(yaml) == expected)
  }

  @Test func countsFlowNesting() {
    let within = "x: " + String(repeating: "[", count: 31) + String(repeating: "]", count: 31)
    #expect(Self.finding(within) == nil)
    let deep = "x: " + String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
    #expect(Self.finding(deep) == .tooDeep(offset: 3 + 31))
  }

  @Test func countsIndentedAndCompactNesting() {
    var lines: [String] = []
    for level in 0..<40 { lines.append(String(repeating: "  ", count: level) + "k\(level):") }
    #expect(Self.finding(lines.joined(separator: "\n"), depth: 40) == nil)
    let refused = Self.finding(lines.joined(separator: "\n"), depth: 39)
    #expect(refused == .tooDeep(offset: lines[..<39].map { $0.utf8.count + 1 }.reduce(0, +) + 78))
    #expect(Self.finding(String(repeating: "- ", count: 33) + "x") == .tooDeep(offset: 64))
    #expect(Self.finding(String(repeating: "- ", count: 32) + "x") == nil)
  }

  @Test func looksAtEachByteABoundedNumberOfTimes() {
    // A long line of many tokens and many long lines: both well under a second.
    let long = "k: [" + String(repeating: "'a', b*, ", count: 40_000) + "]"
    #expect(Self.finding(long) == nil)
    let many = String(repeating: "key: \"value\" # comment\n", count: 10_000)
    #expect(Self.finding(many) == nil)
  }
}

/// The limits on front matter and `site.yml`, as the user sees them.
@Suite struct FrontMatterLimitTests {
  // The inputs that crashed Yams or exhausted memory are run against the built tool, in a child
  // process with limits (`HostileInputTests`); here they are only as large as the limits need.
  @Test func refusesDeepNestingBeforeYamsSeesIt() {
    let yaml = "x: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
    let (matter, diagnostics) = FrontMatter.parse(yaml: yaml, firstLine: 2, path: "Content/x.md")
    #expect(matter.entries.isEmpty)
    #expect(
      diagnostics.map(\.description) == [
        "Content/x.md:2:35: error: front matter nests more than 32 levels deep"
      ])
  }

  @Test func refusesAnchorsInSiteSettings() {
    var lines = ["a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
    for level in 1..<3 {
      lines.append(
        "a\(level): &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 9).joined(
            separator: ", ") + "]")
    }
    let (_, diagnostics) = FrontMatter.parse(
      yaml: lines.joined(separator: "\n"), firstLine: 1, path: "Content/site.yml",
      what: "site.yml")
    #expect(
      diagnostics.map(\.description) == [
        "Content/site.yml:1:5: error: site.yml may not use YAML anchors: write the value out "
          + "(quote text that starts with '&')"
      ])
  }

  /// A byte order mark before the first line hid it from the pre-scan, which took the whole text
  /// for one plain scalar, and Yams, given the text without the mark, expanded every alias: 274
  /// bytes of `site.yml` made 59,049 values, and each level more nine times as many.
  @Test func refusesAnchorsInSiteSettingsWithAByteOrderMark() {
    var entries = ["\"a0\":&a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]"]
    for level in 1..<9 {
      entries.append(
        "\"a\(level)\":&a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
    }
    let (settings, diagnostics) = FrontMatter.parse(
      yaml: "\u{FEFF}{" + entries.joined(separator: ", ") + "}\n", firstLine: 1,
      path: "Content/site.yml", what: "site.yml")
    #expect(settings.entries.isEmpty)
    #expect(
      diagnostics.map(\.description) == [
        "Content/site.yml:1:7: error: site.yml may not use YAML anchors: write the value out "
          + "(quote text that starts with '&')"
      ])
  }

  @Test func refusesAnAliasAtItsLine() {
    let (_, diagnostics) = FrontMatter.parse(
      yaml: "title: Hi\nauthor: *name\n", firstLine: 2, path: "Content/x.md")
    #expect(
      diagnostics.map(\.description) == [
        "Content/x.md:3:9: error: front matter may not use YAML aliases: write the value out "
          + "(quote text that starts with '*')"
      ])
  }

  @Test func refusesYAMLPastItsSizeWhereItCrossesIt() {
    let line = "k: " + String(repeating: "v", count: 1020) + "\n"
    let yaml = String(repeating: line, count: 300)
    let (_, diagnostics) = FrontMatter.parse(yaml: yaml, firstLine: 2, path: "Content/x.md")
    #expect(
      diagnostics.map(\.description) == [
        "Content/x.md:258:1: error: front matter is longer than 256 KiB (307200 bytes)"
      ])
  }

  @Test func stillReadsOrdinaryFrontMatter() {
    let yaml = "title: A*B\nmacros:\n  R: '\\mathbb{R}'\n  E: '\\mathbb{E}_{#1}'\ntags: [a, b]\n"
    let (matter, diagnostics) = FrontMatter.parse(yaml: yaml, firstLine: 2, path: "Content/x.md")
    #expect(diagnostics.isEmpty)
    #expect(matter.title == "A*B")
    #expect(matter["tags"] == .list([.text("a"), .text("b")]))
  }
}
