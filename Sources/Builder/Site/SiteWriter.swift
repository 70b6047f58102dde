import Diagnostics
import Foundation

/// Writes a whole site at once: every file goes into a staging folder beside the output folder,
/// which then takes the output folder's place. An interrupted or failed build leaves the old site
/// as it was; pages whose source is gone disappear with the old folder.
struct SiteWriter {
  /// The site's files: path relative to the site root, and contents.
  var files: [String: [UInt8]]

  /// Replaces the folder at `outputPath` with the site.
  func publish(to outputPath: String) throws(ToolError) {
    let manager = FileManager.default
    let output = URL(fileURLWithPath: outputPath).standardizedFileURL
    let parent = output.deletingLastPathComponent()
    let name = output.lastPathComponent
    let staging = parent.appendingPathComponent(".\(name).staging")
    let retired = parent.appendingPathComponent(".\(name).old")
    do {
      try? manager.removeItem(at: staging)
      try? manager.removeItem(at: retired)
      try manager.createDirectory(at: staging, withIntermediateDirectories: true)
      try write(into: staging)
      if manager.fileExists(atPath: output.path) {
        try manager.moveItem(at: output, to: retired)
        do {
          try manager.moveItem(at: staging, to: output)
        } catch {
          try? manager.moveItem(at: retired, to: output)
          throw error
        }
        try? manager.removeItem(at: retired)
      } else {
        try manager.moveItem(at: staging, to: output)
      }
    } catch {
      try? manager.removeItem(at: staging)
      throw ToolError("cannot write the site to '\(outputPath)': \(error.localizedDescription)")
    }
  }

  /// Writes every file under `folder`.
  func write(into folder: URL) throws {
    let manager = FileManager.default
    for path in files.keys.sorted() {
      let url = folder.appendingPathComponent(path)
      try manager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(files[path]!).write(to: url)
    }
  }
}
