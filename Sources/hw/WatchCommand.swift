import ArgumentParser
import Builder
import Execution
import Foundation
import Preview

/// `hw watch`: rebuild whenever a file of the content folder changes.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Build the site, then rebuild it each time a file in the content folder changes.",
    discussion: """
      Each rebuild uses the result cache, so an edit to prose re-renders without compiling and \
      an edit to a verify block re-runs that page only. Problems are printed as they appear. \
      Each rebuild takes the output folder's lock, as `hw build` does, waiting while another \
      build writes the folder. Stop with Ctrl-C.
      """)

  @OptionGroup var paths: PathOptions

  @OptionGroup var sandbox: SandboxOptions

  func run() throws {
    let rebuilder = try Rebuilder(paths: paths, sandbox: sandbox.request)
    rebuilder.build(reason: nil)
    ContentWatcher(path: paths.content, excluding: paths.output).watch { changed in
      rebuilder.build(reason: changed)
    }
  }
}

/// `hw serve`: the site on 127.0.0.1, rebuilt on save, pages reloaded in the browser.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the site on 127.0.0.1, rebuild it on save and reload the pages.",
    discussion: """
      Builds the site, serves the output folder at http://127.0.0.1:PORT/ (this machine only) \
      and rebuilds it each time a file in the content folder changes, like `hw watch`. Pages \
      served this way carry a small script that reloads them after a rebuild; the files written \
      to the output folder do not. Stop with Ctrl-C.
      """)

  @OptionGroup var paths: PathOptions

  @OptionGroup var sandbox: SandboxOptions

  @Option(help: "The port to listen on (0 picks a free one).")
  var port: UInt16 = 8000

  func run() throws {
    let rebuilder = try Rebuilder(paths: paths, sandbox: sandbox.request)
    rebuilder.build(reason: nil)
    let server = PreviewServer(root: paths.output)
    do {
      try server.start(port: port)
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    Console.print("Serving \(paths.output) at http://127.0.0.1:\(server.port)/ (Ctrl-C to stop)")
    ContentWatcher(path: paths.content, excluding: paths.output).watch { changed in
      rebuilder.build(reason: changed)
      server.siteDidChange()
    }
  }
}

/// Builds the site again and again, printing what each build found.
struct Rebuilder {
  let paths: PathOptions
  let executor: Execution.Executor

  init(paths: PathOptions, sandbox: SandboxRequest) throws {
    self.paths = paths
    do {
      executor = try Runners.executor(contentPath: paths.content, sandbox: sandbox)
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
  }

  /// One build; `reason` lists the files whose change caused it.
  func build(reason: [String]?) {
    let start = ContinuousClock.now
    if let reason {
      let shown = reason.prefix(3).joined(separator: ", ") + (reason.count > 3 ? ", …" : "")
      Console.print("Changed: \(shown)")
    }
    do {
      let site = try SiteBuilder(
        contentPath: paths.content, executor: executor, outputPath: paths.output
      )
      .build(outputPath: paths.output, whenLocked: Console.waitForOtherBuilds(of: paths.output))
      Console.report(site.diagnostics)
      let counts = Console.counts(site.diagnostics)
      let pages = site.pages.count == 1 ? "1 page" : "\(site.pages.count) pages"
      let seconds =
        Double((ContinuousClock.now - start).components.attoseconds) / 1e18
        + Double((ContinuousClock.now - start).components.seconds)
      Console.print(
        "Built \(pages) into \(paths.output) in \(String(format: "%.2f", seconds)) s"
          + (counts.isEmpty ? "." : " (\(counts))."))
    } catch {
      Console.error(error.description)
    }
  }
}
