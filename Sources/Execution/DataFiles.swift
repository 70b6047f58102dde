import Foundation

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// The content folder's files that blocks may read: everything but Markdown, hidden names and
/// the theme.
enum DataFiles {
  /// Relative path, size and modification time of every such file, sorted: changes when one is
  /// added, removed or edited, without reading them.
  static func fingerprint(of folder: String) -> String {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return "" }
    var lines: [String] = []
    for case let relative as String in walker {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") || relative == "_theme" || relative.hasPrefix("_theme/") {
        walker.skipDescendants()
        continue
      }
      guard !relative.hasSuffix(".md") else { continue }
      var info = stat()
      guard lstat(folder + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
        continue
      }
      lines.append("\(relative) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
      if lines.count > 10_000 { break }
    }
    return lines.sorted().joined(separator: "\n")
  }

  /// Whether every folder from the root down to `path` lets other users pass (`o+x`), as the
  /// sandbox's uid must to see it.
  static func reachableByOthers(_ path: String) -> Bool {
    var folder = URL(fileURLWithPath: path).standardizedFileURL.path
    while folder != "/" && !folder.isEmpty {
      var info = stat()
      guard stat(folder, &info) == 0, info.st_mode & 0o001 != 0 else { return false }
      folder = (folder as NSString).deletingLastPathComponent
    }
    return true
  }
}
