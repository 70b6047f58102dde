import Diagnostics
import Foundation

/// Writes a whole site at once, so that no interruption loses it.
///
/// A build holds the output folder's lock (`OutputLock`) from before it looks at the folder until
/// it has published, so only one build at a time goes through these steps. For the output folder
/// `Output`, the new site goes through three folders beside it:
///
/// 1. every file is written into `.Output.staging`;
/// 2. `.Output.staging` is renamed `.Output.new`;
/// 3. `Output`, if there is one, is renamed `.Output.old`;
/// 4. `.Output.new` is renamed `Output`;
/// 5. `.Output.old` is removed.
///
/// A rename happens at once or not at all; a removal does not, and may leave part of a folder. So
/// every step keeps these true, whenever the process is killed:
///
/// - `Output`, whenever it exists, is a whole site, and it is the site;
/// - `.Output.new`, whenever it exists, is a whole site (it only ever comes from a finished
///   staging folder, and it is discarded by renaming it back to `.Output.staging` first);
/// - `.Output.old` is a whole site while `Output` is missing; once `Output` exists it is not
///   needed;
/// - `.Output.staging` is never trusted.
///
/// Before anything else, each build recovers what an interrupted one left (`recover`): it removes
/// `.Output.staging`; if `Output` exists, it discards `.Output.new` and removes `.Output.old`; if
/// not, `.Output.new` becomes `Output` (the interrupted build had its whole site ready) or else
/// `.Output.old` does (the previous site, the only whole copy). The next build therefore finds the
/// previous site (interrupted before step 3) or the new one (after it), whole, and never removes
/// the only whole copy. `hw verify` reads the same site without changing anything
/// (`committedSite`). An older `hw` killed between its two renames left `.Output.old` and a
/// `.Output.staging`: recovery brings back `.Output.old`.
///
/// This protects against a process that stops (killed, crashed, out of memory), not against the
/// machine losing power: files are not forced to the disk.
///
/// Tests pause a build at each step with `PublishStep`.
struct SiteWriter {
  /// The site's files: path relative to the site root, and contents.
  var files: [String: [UInt8]]

  /// Replaces the output folder with the site, by steps 1 to 5. The caller holds the lock and
  /// has recovered.
  func publish(to folders: PublishFolders, outputPath: String) throws(ToolError) {
    func failure(_ error: FileSystem.Failure) -> ToolError {
      ToolError("cannot write the site to '\(outputPath)': \(error.reason)")
    }
    do {
      try FileSystem.remove(folders.staging)
      try write(into: folders.staging)
    } catch {
      try? FileSystem.remove(folders.staging)
      throw failure(error)
    }
    PublishStep.stagingWritten.pauseIfAsked()
    do {
      try FileSystem.rename(folders.staging, to: folders.fresh)
    } catch {
      try? FileSystem.remove(folders.staging)
      throw failure(error)
    }
    PublishStep.newReady.pauseIfAsked()
    if FileSystem.exists(folders.output) {
      do {
        try FileSystem.rename(folders.output, to: folders.retired)
      } catch {
        Self.discardNew(folders)
        throw failure(error)
      }
      PublishStep.oldRetired.pauseIfAsked()
    }
    do {
      try FileSystem.rename(folders.fresh, to: folders.output)
    } catch {
      // Put the previous site back; if even that fails, the next build's recovery finishes.
      if (try? FileSystem.rename(folders.retired, to: folders.output)) != nil {
        Self.discardNew(folders)
      }
      throw failure(error)
    }
    PublishStep.published.pauseIfAsked()
    try? FileSystem.remove(folders.retired)
  }

  /// Writes every file under `folder`, which must not exist yet.
  func write(into folder: String) throws(FileSystem.Failure) {
    try FileSystem.makeFolders(folder)
    var made: Set<String> = [folder]
    for path in files.keys.sorted() {
      let file = folder + "/" + path
      let parent = (file as NSString).deletingLastPathComponent
      if !made.contains(parent) {
        try FileSystem.makeFolders(parent)
        made.insert(parent)
      }
      try FileSystem.create(file, bytes: files[path]!)
    }
  }

  /// Finishes or undoes what an interrupted publish left beside the output folder (see above).
  /// The caller holds the lock.
  static func recover(_ folders: PublishFolders, outputPath: String) throws(ToolError) {
    do {
      try FileSystem.remove(folders.staging)
      if !FileSystem.exists(folders.output) {
        if FileSystem.exists(folders.fresh) {
          try FileSystem.rename(folders.fresh, to: folders.output)
        } else if FileSystem.exists(folders.retired) {
          try FileSystem.rename(folders.retired, to: folders.output)
        }
      }
      if FileSystem.exists(folders.output) {
        if FileSystem.exists(folders.fresh) {
          try FileSystem.rename(folders.fresh, to: folders.staging)
          try FileSystem.remove(folders.staging)
        }
        try FileSystem.remove(folders.retired)
      }
    } catch {
      throw ToolError(
        "cannot recover the site that an interrupted build left beside '\(outputPath)': "
          + error.reason)
    }
  }

  /// The site that is in place for the output folder at `outputPath`, as the next build's
  /// recovery would find it: the output folder itself, or, while it is missing after an
  /// interrupted publish, `.Output.new` or else `.Output.old`; `nil` when there is none.
  static func committedSite(outputPath: String) -> String? {
    let folders = PublishFolders(outputPath: outputPath)
    for candidate in [folders.output, folders.fresh, folders.retired] {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) {
        return isDirectory.boolValue ? candidate : nil
      }
    }
    return nil
  }

  /// Removes `.Output.new` without ever leaving part of it under that name.
  private static func discardNew(_ folders: PublishFolders) {
    try? FileSystem.remove(folders.staging)
    if (try? FileSystem.rename(folders.fresh, to: folders.staging)) != nil {
      try? FileSystem.remove(folders.staging)
    }
  }
}
