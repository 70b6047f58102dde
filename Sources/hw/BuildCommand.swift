import ArgumentParser
import Builder
import Execution

/// `hw build`: the whole site, written at once.
struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the site from the content folder into the output folder.",
    discussion: """
      Every page is rendered and written to a staging folder that then replaces the output \
      folder, so a failed or interrupted build never leaves a half-written site. Pages whose \
      source is gone are removed. Two builds of the same sources are byte-identical.
      """)

  @OptionGroup var paths: PathOptions

  func run() throws {
    let site: SiteBuilder.Site
    do {
      let executor = try Runners.executor(contentPath: paths.content)
      site = try SiteBuilder(
        contentPath: paths.content, executor: executor, outputPath: paths.output
      )
      .build(outputPath: paths.output)
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    Console.report(site.diagnostics)
    let counts = Console.counts(site.diagnostics)
    let pages = site.pages.count == 1 ? "1 page" : "\(site.pages.count) pages"
    Console.print("Built \(pages) into \(paths.output)\(counts.isEmpty ? "" : " (\(counts))").")
    if site.diagnostics.containsErrors { throw ExitCode(1) }
  }
}
