import Diagnostics
import Markup
import Testing

@testable import Builder

/// The template engine: what it writes, and the limits on what a template can make it do.
@Suite struct TemplateTests {
  @Test func fillsInNamesSectionsAndLists() throws {
    let template = try Template(
      "<h1>{{title}}</h1>{{{body}}}{{! note }}{{#pages}}<a>{{title}}</a>{{/pages}}"
        + "{{^missing}}none{{/missing}}{{#site.name}}{{site.name}}{{/site.name}}",
      path: "page.html")
    let (text, diagnostic) = template.render(
      [
        "title": .text("A & B"), "body": .text("<p>x</p>"),
        "pages": .list([["title": .text("one")], ["title": .text("two")]]),
        "site": .context(["name": .text("S")]),
      ], output: "a.html")
    #expect(diagnostic == nil)
    #expect(text == "<h1>A &amp; B</h1><p>x</p><a>one</a><a>two</a>noneS")
  }

  @Test func refusesSectionsNestedPastTheLimit() throws {
    let within =
      String(repeating: "{{#a}}", count: InputLimits.templateDepth)
      + String(repeating: "{{/a}}", count: InputLimits.templateDepth)
    #expect(throws: Never.self) { try Template(within, path: "page.html") }
    let deeper = "line\n" + "{{#a}}" + within + "{{/a}}"
    #expect(
      throws: Diagnostic.error(
        "template sections nest more than 32 deep", path: "page.html",
        at: Diagnostics.SourceLocation(line: 2, column: 193))
    ) { try Template(deeper, path: "page.html") }
  }

  @Test func cutsWhatATemplateWritesPastItsLimit() throws {
    let body = String(repeating: "<p>text</p>\n", count: 10_000)
    let source = "<main>\n" + String(repeating: "{{{body}}}", count: 20) + "\n</main>"
    let template = try Template(source, path: "Content/_theme/page.html")
    let (text, diagnostic) = template.render(["body": .text(body)], output: "a.html")
    // 1 MiB plus four times the template and the body: the body fits twelve times, not thirteen.
    let limit = InputLimits.templateOutputBytes(inputBytes: source.utf8.count + body.utf8.count)
    #expect(limit == 1_048_576 + 4 * (215 + 120_000))
    #expect(text == "<main>\n" + String(repeating: body, count: 12))
    #expect(
      diagnostic
        == .error(
          "a.html would be longer than \(limit) bytes (4 times this template and the text it is "
            + "given, plus 1 MiB): it is cut at this tag", path: "Content/_theme/page.html",
          at: Diagnostics.SourceLocation(line: 2, column: 121)))
  }

  /// Found by the `template` fuzz target: the tag syntax was read by character, so a combining
  /// mark after `#`, `/` or a space made them other characters, and `{{#\u{301}a}}` no section.
  @Test func readsTheTagSyntaxByScalarWhateverFollowsIt() throws {
    let template = try Template(
      "{{#\u{301}a}}[{{ \u{301}b }}]{{/\u{301}a}}{{^\u{301}c}}none{{/\u{301}c}}",
      path: "page.html")
    let (text, diagnostic) = template.render(
      ["\u{301}a": .text("yes"), "\u{301}b": .text("B")], output: "a.html")
    #expect(diagnostic == nil)
    #expect(text == "[B]none")
  }
}
