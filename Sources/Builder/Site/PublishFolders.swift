import Foundation

/// The output folder and what `hw build` keeps beside it, named after it: for `Output`, the lock
/// `.Output.lock` and the folders of a publish under way, `.Output.staging`, `.Output.new` and
/// `.Output.old` (see `SiteWriter` for what each holds).
struct PublishFolders {
  /// The output folder.
  let output: String
  /// Where the site is written, file by file.
  let staging: String
  /// The whole new site, once written.
  let fresh: String
  /// The previous site, while the new one takes its place.
  let retired: String
  /// The lock file (see `OutputLock`).
  let lock: String
  /// The folder that holds all of them, with its symbolic links resolved when it exists.
  let parent: String

  /// The names beside an output folder named `name`: lock, staging, new and old, in that order.
  static func siblingNames(of name: String) -> [String] {
    [".\(name).lock", ".\(name).staging", ".\(name).new", ".\(name).old"]
  }

  /// The folders for the output folder at `outputPath`, which may be relative.
  init(outputPath: String) {
    let standardized = URL(fileURLWithPath: outputPath).standardizedFileURL
    let name = standardized.lastPathComponent
    let unresolved = standardized.deletingLastPathComponent().path
    let parent = (try? FileSystem.realPath(unresolved)) ?? unresolved
    func beside(_ name: String) -> String {
      parent.hasSuffix("/") ? parent + name : parent + "/" + name
    }
    let siblings = Self.siblingNames(of: name)
    self.parent = parent
    output = beside(name)
    lock = beside(siblings[0])
    staging = beside(siblings[1])
    fresh = beside(siblings[2])
    retired = beside(siblings[3])
  }
}
