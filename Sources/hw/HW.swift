import ArgumentParser
import Foundation

/// The `hw` command: build, check and serve a homework site whose answers are verified by code.
@main
struct HW: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hw",
    abstract: "Build a homework site whose answers are verified by code.",
    discussion: """
      A homework is Markdown with LaTeX math ($…$, $$…$$) and Swift blocks (```swift verify) \
      that check its derivations. `hw build` turns the Markdown in Content/ into a static site \
      in Output/.

      Exit status: 0 when all is well, 1 when the content has problems (each printed as \
      path:line:col: error: message), 2 when hw cannot run (usage, unreadable input).
      """,
    subcommands: [
      BuildCommand.self, VerifyCommand.self, GradeCommand.self, AssignCommand.self,
      CheckCommand.self, PDFCommand.self, RenderCommand.self, WatchCommand.self,
      ServeCommand.self,
    ],
    defaultSubcommand: nil)

  /// Runs the command line, mapping usage errors to exit status 2 as documented.
  static func main() {
    // A parent may start hw with signals blocked (a thread pool's worker, say); hw must still stop
    // on Ctrl-C and SIGTERM, which matters for `hw watch` and `hw serve`.
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    pthread_sigmask(SIG_SETMASK, &unblocked, nil)
    mergeFreedMemoryAtOnce()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }

  /// cmark allocates a node for every block and inline: hundreds of thousands for a large
  /// document. glibc keeps small freed chunks in "fast bins" and merges them all at the next
  /// large free, which cost a fifth of `hw render` on a 5 MB document; without fast bins
  /// (`mallopt(M_MXFAST, 0)`), chunks are merged as they are freed, for less in all. With another
  /// C library, this does nothing.
  private static func mergeFreedMemoryAtOnce() {
    guard let symbol = dlsym(nil, "mallopt") else { return }
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let maximumFastBinSize: Int32 = 1  // M_MXFAST in <malloc.h>
    _ = unsafeBitCast(symbol, to: Mallopt.self)(maximumFastBinSize, 0)
  }
}
