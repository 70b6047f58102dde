import Foundation

/// Checks that replacing an output folder destroys nothing but an earlier site: `hw build` swaps
/// the whole folder, so it must never be the content folder, hold it, or be someone's files.
enum OutputFolder {
  /// Throws when the folder at `outputPath` is or holds the content folder. Looks at paths only.
  static func checkNotSources(_ outputPath: String, contentPath: String) throws(ToolError) {
    let output = URL(fileURLWithPath: outputPath).standardizedFileURL.resolvingSymlinksInPath().path
    let content = URL(fileURLWithPath: contentPath).standardizedFileURL.resolvingSymlinksInPath()
      .path
    if output == content || content.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
      throw ToolError(
        "the output folder '\(outputPath)' is or holds the content folder '\(contentPath)'; "
          + "building would replace the sources (give another --output)")
    }
  }

  /// Throws unless `outputPath` is missing, empty, or a site that `hw` wrote (it has a
  /// `manifest.json` from `hw`), and neither is nor holds the content folder.
  static func checkReplaceable(_ outputPath: String, contentPath: String) throws(ToolError) {
    try checkNotSources(outputPath, contentPath: contentPath)
    let manager = FileManager.default
    let output = URL(fileURLWithPath: outputPath).standardizedFileURL.resolvingSymlinksInPath().path
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw ToolError("'\(outputPath)' exists and is not a folder (give another --output)")
    }
    let items = (try? manager.contentsOfDirectory(atPath: output)) ?? []
    guard !items.isEmpty else { return }
    let manifest = manager.contents(atPath: output + "/manifest.json").map {
      String(decoding: $0, as: UTF8.self)
    }
    guard let manifest, manifest.contains("\"generator\" : \"hw\"") else {
      throw ToolError(
        "'\(outputPath)' is not empty and holds no site built by hw (no manifest.json from hw); "
          + "building would replace it: move its files away or give another --output")
    }
  }
}
