import Diagnostics
import Foundation

/// Files that `hw` ships beside itself: the math font and its licence, and the default theme. They
/// are this module's resources, which SwiftPM copies next to the executable
/// (`hw_Builder.resources`) and `Bundle.module` finds from wherever `hw` is run.
enum SiteResources {
  /// Where the math font is in the site, relative to the site root (and to `style.css`).
  static let mathFontPath = "fonts/latinmodern-math.woff2"

  /// The font files' names, in the resource folder's `fonts` and in the site's.
  static let fontNames = ["latinmodern-math.woff2", "LICENSE-latinmodern-math.txt"]

  /// The font files, by their path in the site.
  static func fonts() throws(ToolError) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    for name in fontNames {
      guard let data = contents(of: "fonts/" + name) else {
        throw ToolError(
          "the math font '\(name)' is missing from "
            + "\(folder.appendingPathComponent("fonts").path) (rebuild hw with swift build)")
      }
      files["fonts/\(name)"] = [UInt8](data)
    }
    return files
  }

  /// The contents of a resource file, by its path in the resource folder (`theme/style.css`), or
  /// `nil` when it is missing.
  static func contents(of path: String) -> Data? {
    FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
  }

  /// The resource folder.
  static var folder: URL { Bundle.module.resourceURL ?? Bundle.module.bundleURL }
}
