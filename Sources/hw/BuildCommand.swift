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
      folder, so a failed or interrupted build never leaves a half-written site: the next \
      build finds the previous site or the new one, whole. Pages whose source is gone are \
      removed. Two builds of the same sources are byte-identical.

      One build at a time writes an output folder: a build holds a lock file beside it \
      (.Output.lock for Output), and a second build waits for the first, saying once which \
      process it waits for; with --no-wait it exits with status 2 instead.

      Files and folders whose names start with one dot are left out. A symbolic link is \
      followed only when it leads inside the content folder; any other link is an error and \
      is left out, and so is a file whose place in the site is taken (a.html beside a.md, \
      index.md, style.css), with an error that names both.
      """)

  @OptionGroup var paths: PathOptions

  @OptionGroup var sandbox: SandboxOptions

  @Flag(help: "Exit with status 2 instead of waiting while another build writes the output folder.")
  var noWait = false

  func run() throws {
    let site: SiteBuilder.Site
    do {
      let executor = try Runners.executor(contentPath: paths.content, sandbox: sandbox.request)
      site = try SiteBuilder(
        contentPath: paths.content, executor: executor, outputPath: paths.output
      )
      .build(
        outputPath: paths.output,
        whenLocked: noWait ? .fail : Console.waitForOtherBuilds(of: paths.output))
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
