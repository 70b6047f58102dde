import Foundation

/// Files the site needs that `hw` ships beside itself: the math font and its licence. They sit in
/// the resource folder SwiftPM copies next to the executable (`hw_Builder.resources`).
enum SiteResources {
  /// Where the math font is in the site, relative to the site root (and to `style.css`).
  static let mathFontPath = "fonts/latinmodern-math.woff2"

  /// The font files' names, in the resource folder's `fonts` and in the site's.
  static let fontNames = ["latinmodern-math.woff2", "LICENSE-latinmodern-math.txt"]

  /// The font files, by their path in the site.
  static func fonts() throws(ToolError) -> [String: [UInt8]] {
    let folder = resourceFolder().appendingPathComponent("fonts")
    var files: [String: [UInt8]] = [:]
    for name in fontNames {
      guard
        let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
      else {
        throw ToolError(
          "the math font '\(name)' is missing from \(folder.path) (rebuild hw with swift build)")
      }
      files["fonts/\(name)"] = [UInt8](data)
    }
    return files
  }

  /// The resource folder beside the running executable (or test bundle).
  static func resourceFolder() -> URL {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(bundleName).path) {
      folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent()
    }
    return folder.appendingPathComponent(bundleName)
  }

  private static let bundleName = "hw_Builder.resources"
}
