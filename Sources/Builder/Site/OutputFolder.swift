import Diagnostics
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

  /// Throws unless `outputPath` is missing, an empty folder, or a site that `hw` wrote: its
  /// `manifest.json` is a manifest as `hw` writes it (`Manifest.parse`), not merely a file that
  /// mentions `hw`. A folder that cannot be listed is not taken for empty.
  static func checkReplaceable(_ outputPath: String, contentPath: String) throws(ToolError) {
    try checkNotSources(outputPath, contentPath: contentPath)
    let output = URL(fileURLWithPath: outputPath).standardizedFileURL.resolvingSymlinksInPath().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw ToolError("'\(outputPath)' exists and is not a folder (give another --output)")
    }
    let items: [String]
    do {
      items = try FileSystem.list(output).names
    } catch {
      throw ToolError(
        "cannot list the output folder '\(outputPath)' (\(error.reason)), so hw cannot tell "
          + "whether it holds files of yours; building would replace it: make it readable, "
          + "move it away or give another --output")
    }
    guard !items.isEmpty else { return }
    let manifest = try? FileSystem.read(output + "/manifest.json")
    guard let manifest, Manifest.parse(Data(manifest)) != nil else {
      throw ToolError(
        "'\(outputPath)' is not empty and holds no site built by hw (no manifest.json as hw "
          + "writes it); building would replace it: move its files away or give another --output")
    }
  }
}
