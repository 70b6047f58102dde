import Diagnostics
import Foundation
import Markup

/// What a content folder holds: Markdown documents, the files to copy beside them, the theme and
/// the site settings.
public struct ContentFolder: Sendable {
  /// A Markdown document of the site.
  public struct Source: Sendable, Hashable {
    /// The path relative to the content folder, with `/` separators (`week1/hw.md`).
    public var relativePath: String
    /// The path shown in diagnostics: the content folder as the user named it, then the file.
    public var displayPath: String
    /// The file's contents.
    public var bytes: [UInt8]
    /// The path the site itself shows and records: the content folder's own name, then the
    /// file (`Content/week1/hw.md`), however the folder was named on the command line, so that
    /// a grader's rebuild from another folder writes the same bytes.
    public var sitePath: String

    /// The page's path in the site (`week1/hw.html`).
    public var pagePath: String { String(relativePath.dropLast(3)) + ".html" }
    /// From the page to the site root: `""` or `"../"` per folder level.
    public var rootPrefix: String {
      String(repeating: "../", count: relativePath.split(separator: "/").count - 1)
    }
  }

  /// The folder as the user named it.
  public let path: String
  /// The documents, sorted by path.
  public let sources: [Source]
  /// Other files to copy into the site unchanged, as relative paths, sorted.
  public let assets: [String]
  /// The theme files the site brings, by name (`page.html`, `index.html`, `style.css`).
  public let theme: [String: String]
  /// `site.yml`, if present.
  public let settings: FrontMatter
  /// Problems in `site.yml` or the theme.
  public let diagnostics: [Diagnostic]

  /// The name of the folder inside the content folder that holds theme overrides.
  public static let themeFolder = "_theme"
  /// The site settings file: `title:` and `macros:`.
  public static let settingsFile = "site.yml"

  /// Reads a content folder.
  ///
  /// - Parameters:
  ///   - path: the folder.
  ///   - excluding: a folder inside it to leave out, such as an output folder placed within the
  ///     content folder (its pages must not become content).
  /// - Throws: `ToolError` when the folder is missing or a file cannot be read.
  public init(path: String, excluding excluded: String? = nil) throws(ToolError) {
    self.path = path
    let excludedRelative = excluded.flatMap { Self.relativePath(of: $0, inside: path) }
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ToolError("no content folder at '\(path)' (give one with --content DIR)")
    }
    let root = URL(fileURLWithPath: path, isDirectory: true)
    guard let enumerator = manager.enumerator(atPath: path) else {
      throw ToolError("cannot read the content folder '\(path)'")
    }
    var relativePaths: [String] = []
    while let item = enumerator.nextObject() as? String {
      let name = (item as NSString).lastPathComponent
      if name.hasPrefix(".") || item == excludedRelative {
        enumerator.skipDescendants()
        continue
      }
      var itemIsDirectory: ObjCBool = false
      _ = manager.fileExists(
        atPath: root.appendingPathComponent(item).path, isDirectory: &itemIsDirectory)
      if itemIsDirectory.boolValue {
        if item == Self.themeFolder { enumerator.skipDescendants() }
        continue
      }
      relativePaths.append(item)
    }
    relativePaths.sort()

    func read(_ relative: String) throws(ToolError) -> [UInt8] {
      guard let data = manager.contents(atPath: root.appendingPathComponent(relative).path) else {
        throw ToolError("cannot read '\(Self.join(path, relative))'")
      }
      return [UInt8](data)
    }

    var sources: [Source] = []
    var assets: [String] = []
    var settings = FrontMatter()
    var diagnostics: [Diagnostic] = []
    for relative in relativePaths {
      if relative.hasSuffix(".md") {
        sources.append(
          Source(
            relativePath: relative, displayPath: Self.join(path, relative),
            bytes: try read(relative),
            sitePath: Self.join(Self.folderName(path), relative)))
      } else if relative == Self.settingsFile {
        let text = String(decoding: try read(relative), as: UTF8.self)
        let (parsed, problems) = FrontMatter.parse(
          yaml: text, firstLine: 1, path: Self.join(path, relative), what: Self.settingsFile)
        settings = parsed
        diagnostics += problems
        switch parsed["macros"] {
        case nil, .map?:
          break
        default:
          diagnostics.append(
            .error(
              "'macros' must map command names to their TeX", path: Self.join(path, relative),
              at: SourceLocation(line: parsed.keyLines["macros"] ?? 1, column: 1)))
        }
      } else {
        assets.append(relative)
      }
    }
    var theme: [String: String] = [:]
    for name in Theme.File.allCases.map(\.rawValue) {
      let relative = "\(Self.themeFolder)/\(name)"
      if manager.fileExists(atPath: root.appendingPathComponent(relative).path) {
        theme[name] = String(decoding: try read(relative), as: UTF8.self)
      }
    }
    self.sources = sources
    self.assets = assets
    self.theme = theme
    self.settings = settings
    self.diagnostics = diagnostics
  }

  /// The path of `inner` relative to `folder` when it lies inside it (`nil` otherwise).
  public static func relativePath(of inner: String, inside folder: String) -> String? {
    let innerPath = URL(fileURLWithPath: inner).standardizedFileURL.path
    let folderPath = URL(fileURLWithPath: folder).standardizedFileURL.path
    let prefix = folderPath.hasSuffix("/") ? folderPath : folderPath + "/"
    guard innerPath.hasPrefix(prefix) else { return nil }
    return String(innerPath.dropFirst(prefix.count))
  }

  /// The last component of a folder's path (`Content` for `../hw/Content/`).
  static func folderName(_ path: String) -> String {
    let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    return name.isEmpty || name == "/" ? "Content" : name
  }

  /// `folder/relative`, without doubling the `/`.
  static func join(_ folder: String, _ relative: String) -> String {
    folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
  }
}
