import Foundation
import Reports

extension VerificationSummary.OutputComparison {
  /// Compares the site in the folder at `outputPath` with a fresh build's files, byte for byte.
  /// While the folder is missing after an interrupted build, the site that build left beside it
  /// is the one compared, as the next build would put it in place (see `SiteWriter`).
  ///
  /// - Returns: `outputFolderMissing` when there is no such folder; otherwise `matches`, or
  ///   `differs` with every page that differs, is missing from the folder or should not be there.
  public static func compare(outputPath: String, with files: [String: [UInt8]]) -> Self {
    let manager = FileManager.default
    guard let site = SiteWriter.committedSite(outputPath: outputPath) else {
      return .outputFolderMissing(path: outputPath)
    }
    let root = URL(fileURLWithPath: site)
    var present: Set<String> = []
    if let enumerator = manager.enumerator(atPath: site) {
      while let item = enumerator.nextObject() as? String {
        if ContentFolder.isHidden((item as NSString).lastPathComponent) {
          enumerator.skipDescendants()
          continue
        }
        var itemIsDirectory: ObjCBool = false
        _ = manager.fileExists(
          atPath: root.appendingPathComponent(item).path, isDirectory: &itemIsDirectory)
        if !itemIsDirectory.boolValue { present.insert(item) }
      }
    }
    var differing: [String] = []
    for (path, bytes) in files {
      let data = manager.contents(atPath: root.appendingPathComponent(path).path)
      if data.map({ [UInt8]($0) }) != bytes { differing.append(path) }
    }
    differing += present.subtracting(files.keys)
    return differing.isEmpty ? .matches : .differs(pages: differing.sorted())
  }
}
