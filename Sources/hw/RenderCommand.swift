import ArgumentParser
import Builder
import Foundation
import Markup

/// `hw render FILE`: one document to HTML on standard output.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Render one Markdown file to HTML on standard output.",
    discussion: """
      With --fragment, prints the document body exactly as libcmark renders it, formulas \
      replaced by their rendering and nothing added (no heading ids, no highlighting): for a \
      document without math it is byte for byte what `cmark --unsafe` prints. Verify blocks are \
      shown, not run. Without --fragment, prints the whole page with the default theme.
      """)

  @Argument(help: "The Markdown file.")
  var file: String

  @Flag(help: "Print only the document body, as libcmark renders it.")
  var fragment = false

  func run() throws {
    let bytes: [UInt8]
    do {
      bytes = try ContentFolder.readFile(file)
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    // One page, then exit: the parsed tree is left for the exit to give back.
    ParseTrees.freedAfterRender = false
    let (html, diagnostics) = SiteBuilder.render(bytes, path: file, fragment: fragment)
    Console.write(html)
    Console.report(diagnostics)
    if diagnostics.containsErrors { throw ExitCode(1) }
  }
}
