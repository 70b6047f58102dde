import BlockRecords
import Builder
import Diagnostics
import Digest
import Execution
import Foundation
import Markup

/// A grader folder: Markdown files whose ```` ```swift grade ```` blocks are the questions,
/// each with its points and the code that makes hidden inputs and references.
///
/// A grader file's front matter may say `visibility:` (how Gradescope shows its questions:
/// `visible`, `hidden`, `after_due_date` or `after_published`; default `visible`) and
/// `content:` (the instructor's own `Content/` folder, relative to the grader folder, against
/// which every question's document and heading is checked). The grade blocks of a file run in
/// order as one program, as a document's verify blocks do, so later blocks see what earlier
/// ones declared.
public struct Grader: Sendable {
  /// One question: a heading of a document of the submission, and its points.
  public struct Question: Sendable, Codable, Equatable {
    /// `document#heading-id` (or `document#heading` as written when no reference content
    /// says the id): unique in the grader.
    public var id: String
    /// The heading's text (from the reference content when there is one).
    public var title: String
    /// The document, relative to `Content/`.
    public var document: String
    /// The heading as the grade block names it.
    public var heading: String
    /// The points.
    public var points: Double
    /// How Gradescope shows it.
    public var visibility: String
    /// Where the grade block is: the grader file and the line of its opening fence.
    public var location: FileLocation
  }

  /// One grader file: its grade blocks, run as one program (the judge).
  public struct File: Sendable {
    /// How diagnostics name the file, e.g. `Grader/hw.md`.
    public var displayPath: String
    /// Its grade blocks, as blocks to run.
    public var blocks: [VerifyBlock]
    /// For each block, the index of its question in `Grader.questions`.
    public var questions: [Int]
    /// For each block, its points.
    public var points: [Double] = []
    /// The instructor's content folder its front matter names (`content:`), if any.
    public var reference: String? = nil
  }

  /// The folder, as given.
  public var directory: String
  /// Every question, in file and block order.
  public var questions: [Question]
  /// Every grader file with grade blocks, in path order.
  public var files: [File]
  /// SHA-256 over every file of the folder (paths and bytes).
  public var fingerprint: String

  /// The visibilities Gradescope knows.
  public static let visibilities = ["visible", "hidden", "after_due_date", "after_published"]

  /// Reads the grader folder `directory`; the diagnostics say what is wrong with it, located
  /// in its files. Throws when the folder cannot be read or holds no grade block.
  public static func load(directory: String) throws(ToolError) -> (Grader, [Diagnostic]) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder),
      isFolder.boolValue
    else { throw ToolError("the grader folder '\(directory)' does not exist") }
    let display = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    let paths = GraderFiles.markdownFiles(in: directory)
    var diagnostics: [Diagnostic] = []
    var questions: [Question] = []
    var files: [File] = []
    var fingerprint = SHA256()
    fingerprint.update("hw-grader v1\n")
    for relative in GraderFiles.allFiles(in: directory) {
      let bytes = FileManager.default.contents(atPath: directory + "/" + relative) ?? Data()
      fingerprint.update("\(relative.utf8.count) \(relative) \(bytes.count)\n")
      fingerprint.update(bytes)
    }
    var seen: [String: Int] = [:]
    for relative in paths {
      let displayPath = display + "/" + relative
      let bytes = try ContentFolder.readFile(directory + "/" + relative)
      let document = MarkdownDocument.parse(bytes, path: displayPath)
      diagnostics += document.diagnostics.filter { $0.severity == .error }
      var visibility = "visible"
      if let value = document.frontMatter["visibility"] {
        if let text = value.text, visibilities.contains(text) {
          visibility = text
        } else {
          diagnostics.append(
            .error(
              "visibility must be one of " + visibilities.joined(separator: ", "),
              path: displayPath,
              at: document.frontMatter.keyLines["visibility"].map {
                SourceLocation(line: $0, column: 1)
              }))
        }
      }
      var reference: String?
      if let value = document.frontMatter["content"] {
        let location = document.frontMatter.keyLines["content"].map {
          SourceLocation(line: $0, column: 1)
        }
        let folder = value.text.map { ($0.hasPrefix("/") ? $0 : directory + "/" + $0) }
        var isFolder: ObjCBool = false
        if let folder, FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
          isFolder.boolValue
        {
          reference = folder
        } else {
          diagnostics.append(
            .error(
              "content must name the instructor's Content folder, relative to the grader folder",
              path: displayPath, at: location))
        }
      }
      var file = File(
        displayPath: displayPath, blocks: [], questions: [], points: [], reference: reference)
      var outlines: [String: DocumentOutline?] = [:]
      for block in document.codeBlocks {
        let options: GradeOptions?
        do {
          options = try GradeOptions.parse(infoString: block.info)
        } catch {
          diagnostics.append(
            .error(
              error.message, path: displayPath,
              at: SourceLocation(
                line: block.infoLocation.line, column: block.infoLocation.column + error.column)))
          continue
        }
        guard let options else { continue }
        let location = FileLocation(
          path: displayPath, line: block.infoLocation.line, column: block.infoLocation.column)
        var title = options.heading
        var headingID = options.heading
        if let reference {
          let path = reference + "/" + options.document
          if outlines[options.document] == nil {
            outlines[options.document] = FileManager.default.contents(atPath: path).map {
              DocumentOutline.read([UInt8]($0), path: path)
            }
          }
          guard let outline = outlines[options.document] ?? nil else {
            diagnostics.append(
              .error(
                "no document '\(options.document)' in the content folder this grader names",
                path: displayPath, at: block.infoLocation))
            continue
          }
          guard let heading = outline.heading(named: options.heading) else {
            diagnostics.append(
              Diagnostic(
                .error,
                "no heading '\(options.heading)' in '\(options.document)' (give its text or its id)",
                path: displayPath, at: block.infoLocation,
                notes: outline.headings.prefix(40).map {
                  .init("a heading there: \"\($0.text)\", id \($0.id)")
                }))
            continue
          }
          title = heading.text
          headingID = heading.id
        }
        let id = options.document + "#" + headingID
        // Several blocks may check one question (a public one and a hidden one, say): their
        // points add up, each block's shared among its own asks.
        let question: Int
        if let first = seen[id] {
          question = first
          questions[first].points += options.points
        } else {
          question = questions.count
          seen[id] = question
          questions.append(
            Question(
              id: id, title: title, document: options.document, heading: options.heading,
              points: options.points, visibility: visibility, location: location))
        }
        file.questions.append(question)
        file.points.append(options.points)
        file.blocks.append(
          VerifyBlock(
            code: block.code, codeLine: block.codeStartLine,
            options: VerifyOptions(timeoutSeconds: options.timeoutSeconds),
            index: file.blocks.count))
      }
      if !file.blocks.isEmpty { files.append(file) }
    }
    if questions.isEmpty && !diagnostics.containsErrors {
      throw ToolError(
        "the grader folder '\(directory)' has no ```swift grade``` block: nothing to grade")
    }
    return (
      Grader(
        directory: directory, questions: questions, files: files,
        fingerprint: fingerprint.hexDigest()),
      diagnostics
    )
  }
}

extension DocumentOutline {
  /// The heading whose id is `name`, or else the first whose text is `name`.
  func heading(named name: String) -> Heading? {
    headings.first { $0.id == name } ?? headings.first { $0.text == name }
  }
}

/// The files of a grader folder.
enum GraderFiles {
  /// Every file, relative, sorted; hidden files and folders left out.
  static func allFiles(in directory: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") {
        enumerator.skipDescendants()
        continue
      }
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        found.append(relative)
      }
    }
    return found.sorted()
  }

  /// The Markdown files, relative, sorted.
  static func markdownFiles(in directory: String) -> [String] {
    allFiles(in: directory).filter { $0.hasSuffix(".md") }
  }
}
