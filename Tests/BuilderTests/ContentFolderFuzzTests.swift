import Diagnostics
import Foundation
import Markup
import Reports
import TestSupport
import Testing

@testable import Builder

/// Random content folders full of what broke the builder once: names with `#`, line breaks,
/// dots and spaces, names that clash with generated files, symbolic links inside and outside,
/// loops, dangling links and pipes. Whatever the folder holds, the site is built without a
/// crash, holds nothing from outside the folder, loses nothing silently, writes and compares
/// whole, and is the same twice.
@Suite struct ContentFolderFuzzTests {
  /// SplitMix64: the same folders on every machine.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let secret = "outside the content folder"
  static let stems = [
    "a", "b", "index", "style", "manifest", "fonts", "..dots", ".hidden", "we#ek", "new\nline",
    "sp ace", "50%", "übung", "x.html", "q?", "_theme",
  ]
  static let extensions = [".md", ".md", ".txt", ".html", ".css", ".json", ""]

  /// Fills `folder/Content` at random; returns the paths made, relative to the content folder.
  static func makeContent(in folder: TemporaryFolder, seed: UInt64) -> [String] {
    var random = Generator(state: seed)
    try! FileManager.default.createDirectory(
      atPath: folder.path + "/Content", withIntermediateDirectories: true)
    var made: [String] = []
    var folders = [""]
    for _ in 0..<Int.random(in: 4...24, using: &random) {
      let parent = folders.randomElement(using: &random)!
      let name = stems.randomElement(using: &random)! + extensions.randomElement(using: &random)!
      let relative = parent.isEmpty ? name : parent + "/" + name
      let path = "Content/" + relative
      guard !folder.exists(path), !FileSystem.exists(folder.path + "/" + path) else { continue }
      switch Int.random(in: 0..<10, using: &random) {
      case 0..<4:
        folder.write(path, name.hasSuffix(".md") ? "# \(name)\n\nText.\n" : "data \(name)\n")
      case 4..<6:
        if parent.split(separator: "/").count < 3 {
          try! FileManager.default.createDirectory(
            atPath: folder.path + "/" + path, withIntermediateDirectories: true)
          folders.append(relative)
        }
      case 6..<9:
        let depth = parent.split(separator: "/").count
        let up = String(repeating: "../", count: depth)
        let targets =
          made.map { up + $0 } + [
            up + "../secret.md", folder.path + "/secret.md", ".", "..", "missing.md", up,
          ]
        symlink(targets.randomElement(using: &random)!, folder.path + "/" + path)
      default:
        mkfifo(folder.path + "/" + path, 0o644)
      }
      if folder.exists(path) || FileSystem.exists(folder.path + "/" + path) {
        made.append(relative)
      }
    }
    return made
  }

  @Test(arguments: 0..<100)
  func buildsAnyFolderWholeAndLeaksNothing(seed: Int) throws {
    let folder = TemporaryFolder()
    folder.write("secret.md", "# \(Self.secret)\n")
    _ = Self.makeContent(in: folder, seed: UInt64(seed))
    let content = folder.path + "/Content"
    let builder = try SiteBuilder(contentPath: content)
    let site = try builder.generate()

    // Nothing from outside.
    let leaking = site.files.filter { Data($0.value).range(of: Data(Self.secret.utf8)) != nil }
    #expect(leaking.keys.sorted() == [])
    // Every problem is located in the content folder.
    for diagnostic in site.diagnostics { #expect(diagnostic.path.hasPrefix(content + "/")) }
    // Nothing lost silently: each regular file that is not hidden is in the site or named by an
    // error.
    let named = Set(site.diagnostics.map(\.path))
    for file in Self.plainFiles(under: content) {
      let sitePath = file.hasSuffix(".md") ? String(file.dropLast(3)) + ".html" : file
      #expect(
        site.files[sitePath] != nil || named.contains(content + "/" + file),
        "'\(file)' is neither in the site nor named by an error")
    }
    // The same twice, and it writes and compares whole. (Compared outside `#expect`, which
    // would describe every byte of the font.)
    let again = try SiteBuilder(contentPath: content).generate().files == site.files
    #expect(again)
    let output = folder.path + "/Output"
    _ = try builder.build(outputPath: output)
    #expect(
      VerificationSummary.OutputComparison.compare(outputPath: output, with: site.files)
        == .matches)
  }

  /// The regular files under `root` reached without links or hidden names, relative to it;
  /// `_theme` at the top is the theme, not content.
  static func plainFiles(under root: String, prefix: String = "") -> [String] {
    var files: [String] = []
    for name in (try? FileSystem.list(root + "/" + prefix).names) ?? [] {
      let relative = prefix.isEmpty ? name : prefix + "/" + name
      if ContentFolder.isHidden(name) || relative == ContentFolder.themeFolder { continue }
      switch (try? FileSystem.kind(at: root + "/" + relative)) ?? nil {
      case .file?: files.append(relative)
      case .folder?: files += plainFiles(under: root, prefix: relative)
      default: break
      }
    }
    return files
  }
}
