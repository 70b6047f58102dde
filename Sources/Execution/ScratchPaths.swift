/// Paths in a run's scratch folder (`hw-run-<pid>-<UUID>`, see `Executor`) replaced by stable
/// names, so that nothing kept of a run (a page, a report, the manifest, the cache) depends on
/// the folder's name, which changes with every run.
///
/// The folder holds the generated program, its compiled runner and the compiler's temporary
/// files, all shown as `<runner>`, and the blocks' own scratch folder (their `TMPDIR` and
/// `HOME`), shown as `<scratch>`: `/tmp/hw-run-41-…/scratch/data.csv` becomes
/// `<scratch>/data.csv`.
enum ScratchPaths {
  /// What a path to the generated program or the runner becomes.
  static let runner = "<runner>"
  /// What the blocks' scratch folder becomes.
  static let scratch = "<scratch>"

  /// `text` with every path into a scratch folder replaced by its stable name.
  static func stable(_ text: String) -> String {
    guard text.contains(Executor.workDirectoryPrefix) else { return text }
    return text.replacing(pattern) { match in
      let rest = match.output.1.map(String.init) ?? ""
      if rest == "/scratch" || rest.hasPrefix("/scratch/") {
        return scratch + rest.dropFirst("/scratch".count)
      }
      return runner
    }
  }

  /// A path that names a scratch folder, with the rest of the path after it (up to a space,
  /// a quote, a bracket or a `:`, which end a path in the compiler's and the runtime's messages).
  private static var pattern: Regex<(Substring, Substring?)> {
    let pathCharacter = #"[^\s"'`():;,<>\[\]{}]"#
    let hex = "[0-9A-Fa-f]"
    let uuid = "\(hex){8}-\(hex){4}-\(hex){4}-\(hex){4}-\(hex){12}"
    let folder = "\(pathCharacter)*\(Executor.workDirectoryPrefix)[0-9]+-\(uuid)"
    return try! Regex("\(folder)(/\(pathCharacter)*)?", as: (Substring, Substring?).self)
  }
}
