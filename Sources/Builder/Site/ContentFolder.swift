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
    /// The page's path as a relative URL (`week%231/hw.html` for `week#1/hw.html`): a file name
    /// may hold `#`, `?`, `%`, spaces or line breaks, which a link must not take as they are.
    public var pageURL: String { ContentFolder.urlPath(pagePath) }
    /// From the page to the site root: `""` or `"../"` per folder level.
    public var rootPrefix: String {
      String(repeating: "../", count: relativePath.split(separator: "/").count - 1)
    }
  }

  /// The folder as the user named it.
  public let path: String
  /// The documents, sorted by path.
  public internal(set) var sources: [Source]
  /// Other files to copy into the site unchanged, as relative paths, sorted.
  public internal(set) var assets: [String]
  /// The theme files the site brings, by name (`page.html`, `index.html`, `style.css`).
  public let theme: [String: String]
  /// `site.yml`, if present.
  public let settings: FrontMatter
  /// Problems in `site.yml` or the theme, and files left out of the site (symbolic links that
  /// lead outside the folder, pipes, names that collide).
  public internal(set) var diagnostics: [Diagnostic]
  /// Where each asset's bytes really are, by relative path (see `Entry`).
  let assetLocations: [String: String]
  /// Where `site.yml` and the theme files that were read are, by relative path
  /// (`_theme/style.css`).
  let settingLocations: [String: String]

  /// The name of the folder inside the content folder that holds theme overrides.
  public static let themeFolder = "_theme"
  /// The site settings file: `title:` and `macros:`.
  public static let settingsFile = "site.yml"

  /// Reads a content folder.
  ///
  /// Files and folders whose names start with one dot are left out (see `isHidden`); symbolic
  /// links are followed only within the folder (see `Walk`).
  ///
  /// - Parameters:
  ///   - path: the folder.
  ///   - excluding: a folder inside it to leave out, such as an output folder placed within the
  ///     content folder (its pages must not become content), with what `hw build` keeps beside it.
  /// - Throws: `ToolError` when the folder is missing or a file or folder in it cannot be read.
  public init(path: String, excluding excluded: String? = nil) throws(ToolError) {
    self.path = path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ToolError("no content folder at '\(path)' (give one with --content DIR)")
    }
    let realRoot: String
    do {
      realRoot = try FileSystem.realPath(path)
    } catch {
      throw ToolError("cannot read the content folder '\(path)': \(error.reason)")
    }
    var walk = Walk(path: path, realRoot: realRoot, excluded: Self.excludedPaths(excluded, path))
    try walk.walk(realRoot, relative: "", linked: false)
    let entries = walk.files.sorted { $0.relativePath < $1.relativePath }

    func read(_ real: String, _ relative: String) throws(ToolError) -> [UInt8] {
      do {
        return try FileSystem.read(real)
      } catch {
        throw ToolError("cannot read '\(Self.join(path, relative))': \(error.reason)")
      }
    }

    var sources: [Source] = []
    var assets: [String] = []
    var assetLocations: [String: String] = [:]
    var settings = FrontMatter()
    var settingLocations: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    for entry in entries {
      let relative = entry.relativePath
      if relative.hasSuffix(".md") {
        sources.append(
          Source(
            relativePath: relative, displayPath: Self.join(path, relative),
            bytes: try read(entry.realPath, relative),
            sitePath: Self.join(Self.folderName(path), relative)))
      } else if relative == Self.settingsFile {
        settingLocations[relative] = entry.realPath
        let text = String(decoding: try read(entry.realPath, relative), as: UTF8.self)
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
        assetLocations[relative] = entry.realPath
      }
    }
    var theme: [String: String] = [:]
    for name in Theme.File.allCases.map(\.rawValue) {
      if let real = try walk.themeFile(name) {
        settingLocations["\(Self.themeFolder)/\(name)"] = real
        theme[name] = String(
          decoding: try read(real, "\(Self.themeFolder)/\(name)"), as: UTF8.self)
      }
    }
    self.sources = sources
    self.assets = assets
    self.assetLocations = assetLocations
    self.settingLocations = settingLocations
    self.theme = theme
    self.settings = settings
    self.diagnostics = walk.diagnostics + diagnostics
  }

  /// An asset's bytes, read from where the folder was found to keep it.
  public func read(asset relative: String) throws(ToolError) -> [UInt8] {
    guard let real = assetLocations[relative] else {
      throw ToolError("'\(Self.join(path, relative))' is not a file of the content folder")
    }
    do {
      return try FileSystem.read(real)
    } catch {
      throw ToolError("cannot read '\(Self.join(path, relative))': \(error.reason)")
    }
  }

  /// The bytes of the file at `path`, such as the one document that `hw render` reads (any file
  /// the user names: a link to it is followed, a pipe is read).
  ///
  /// - Throws: `ToolError` saying why it cannot be read.
  public static func readFile(_ path: String) throws(ToolError) -> [UInt8] {
    if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
    var reason = "it could not be read"
    do {
      _ = try FileSystem.read(try FileSystem.realPath(path))
    } catch {
      reason = error.reason
    }
    throw ToolError("cannot read '\(path)': \(reason)")
  }

  /// What to leave out of the content folder at `folder` for an output folder at `output`: the
  /// output folder and what `hw build` keeps beside it, relative to the content folder.
  static func excludedPaths(_ output: String?, _ folder: String) -> Set<String> {
    guard let output, let relative = relativePath(of: output, inside: folder) else { return [] }
    let parent = (relative as NSString).deletingLastPathComponent
    let name = (relative as NSString).lastPathComponent
    var paths: Set<String> = [relative]
    for sibling in PublishFolders.siblingNames(of: name) {
      paths.insert(parent.isEmpty ? sibling : parent + "/" + sibling)
    }
    return paths
  }

  /// A relative path written as a relative URL: each byte of its UTF-8 that is not a letter, a
  /// digit, `/` or one of `-._~!$&'()*+,;=@` becomes `%XX`. A `:` is encoded too, so that no
  /// first segment reads as a URL scheme.
  static func urlPath(_ path: String) -> String {
    let kept = Set(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._~!$&'()*+,;=@".utf8)
    let hex = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    for byte in path.utf8 {
      if kept.contains(byte) {
        bytes.append(byte)
      } else {
        bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      }
    }
    return String(decoding: bytes, as: UTF8.self)
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
