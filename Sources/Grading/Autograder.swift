import Builder
import Diagnostics
import Foundation
import Markup

/// A Gradescope autograder: a zip that Gradescope unpacks in `/autograder/source/`, whose
/// `setup.sh` installs Swift and builds `hw` from the sources it carries, and whose
/// `run_autograder` grades each upload with `hw grade` on the grader's hidden checks.
///
/// The zip holds `setup.sh` and `run_autograder` (mode 0755), the grader folder's files under
/// `grader/`, and `hw`'s `Package.swift` and `Sources/` under `hw/`; nothing else of the package
/// (no `.build`, tests or site). Its entries are sorted and dated 1980-01-01, so the same inputs
/// give the same bytes.
public enum Autograder {
  /// Writes a Gradescope autograder zip to `zipPath` (whole or not at all): setup.sh,
  /// run_autograder, the grader folder's files under grader/, and hw's sources under hw/.
  ///
  /// Throws, writing nothing, when the grader folder has problems that `hw grade` would report
  /// (it would grade nothing), when one of its files names a reference `content:` folder
  /// outside it (that folder does not travel in the zip), or when `hwSourceDirectory` is not
  /// `hw`'s package.
  public static func write(
    to zipPath: String, graderDirectory: String, hwSourceDirectory: String
  ) throws(ToolError) {
    var archive = ZipArchive()
    archive.add("setup.sh", Array(AutograderScripts.setup.utf8), mode: 0o755)
    archive.add("run_autograder", Array(AutograderScripts.runAutograder.utf8), mode: 0o755)

    try checkGrader(graderDirectory)
    for relative in GraderFiles.allFiles(in: graderDirectory) {
      archive.add("grader/" + relative, try read(graderDirectory + "/" + relative))
    }

    guard isHWPackage(hwSourceDirectory) else {
      throw ToolError(
        "'\(hwSourceDirectory)' is not hw's source folder (a Package.swift of the package \"hw\")")
    }
    archive.add("hw/Package.swift", try read(hwSourceDirectory + "/Package.swift"))
    let sources = GraderFiles.allFiles(in: hwSourceDirectory + "/Sources")
    guard !sources.isEmpty else { throw ToolError("'\(hwSourceDirectory)/Sources' holds no file") }
    for relative in sources {
      archive.add("hw/Sources/" + relative, try read(hwSourceDirectory + "/Sources/" + relative))
    }
    try archive.write(to: zipPath)
  }

  /// The package folder of hw's own sources when `hw` runs from a build folder of it
  /// (…/.build/<config>/hw or …/.build/<triple>/<config>/hw): the folder holding a
  /// Package.swift whose package is named "hw"; nil otherwise.
  ///
  /// A build folder is any folder of the package whose name starts with `.build` (a
  /// `--scratch-path` such as `.build-release` too).
  public static func sourceDirectory(executableDirectory: String) -> String? {
    // …/.build/<config> or …/.build/<triple>/<config>: the build folder is one or two up.
    var folder = URL(fileURLWithPath: executableDirectory).standardizedFileURL
      .deletingLastPathComponent()
    for _ in 0..<2 {
      let inside = folder.deletingLastPathComponent()
      if folder.lastPathComponent.hasPrefix(".build"), isHWPackage(inside.path) {
        return inside.path
      }
      folder = inside
    }
    return nil
  }

  /// Whether `folder` holds a Package.swift that declares the package "hw".
  static func isHWPackage(_ folder: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: folder + "/Package.swift") else {
      return false
    }
    let text = String(decoding: data, as: UTF8.self)
    return text.range(of: #"Package\(\s*name:\s*"hw""#, options: .regularExpression) != nil
  }

  /// Refuses a grader folder that `hw grade` would refuse, and one whose files name a
  /// reference `content:` folder outside it.
  private static func checkGrader(_ directory: String) throws(ToolError) {
    let (_, problems) = try Grader.load(directory: directory)
    if let first = problems.first(where: { $0.severity == .error }) {
      throw ToolError(
        "the grader folder has problems (hw grade --checks lists them all): "
          + first.description.split(separator: "\n").joined(separator: "; "))
    }
    let root = URL(fileURLWithPath: directory).standardizedFileURL.path
    for relative in GraderFiles.markdownFiles(in: directory) {
      let document = MarkdownDocument.parse(try read(directory + "/" + relative), path: relative)
      guard let value = document.frontMatter["content"]?.text else { continue }
      // As `Grader.load` reads it: relative to the grader folder.
      let folder = URL(fileURLWithPath: value.hasPrefix("/") ? value : root + "/" + value)
        .standardizedFileURL.path
      if !folder.hasPrefix(root + "/") {
        throw ToolError(
          "'\(relative)' in the grader folder names 'content: \(value)', a folder the autograder "
            + "does not carry: write the autograder from a grader folder without that line")
      }
    }
  }

  private static func read(_ path: String) throws(ToolError) -> [UInt8] {
    try ContentFolder.readFile(path)
  }
}
