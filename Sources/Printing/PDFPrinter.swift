import Builder
import Diagnostics
import Foundation

/// `hw pdf`: the pages built into a temporary folder, printed there by Chromium, and the PDF
/// moved to its place whole.
public struct PDFPrinter: Sendable {
  public var chromium: Chromium
  /// Chromium's time limit, in seconds.
  public var timeLimit: Double

  public init(chromium: Chromium, timeLimit: Double) {
    self.chromium = chromium
    self.timeLimit = timeLimit
  }

  /// Prints `site` to the file `output`.
  ///
  /// The file appears whole or not at all: the PDF is written beside it under a hidden name and
  /// renamed into place, so a failed or interrupted run leaves what was there before.
  ///
  /// - Throws: `ToolError` when the pages cannot be written, Chromium fails or the PDF cannot be
  ///   put in place.
  public func print(_ site: PrintSite, to output: String) throws(ToolError) {
    let work = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let pages = work + "/site"
    try site.write(into: pages)
    let printed = work + "/printed.pdf"
    try chromium.printToPDF(
      page: pages + "/" + PrintSite.document, pdf: printed, workFolder: work,
      timeLimit: timeLimit)
    try Self.place(printed, at: output)
  }

  /// Refuses an output file that cannot be one: a folder, a file in a folder that is missing,
  /// or a file inside the content folder (it would become one of the sources it is tied to).
  public static func checkOutput(_ output: String, contentPath: String) throws(ToolError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw ToolError("'\(output)' is a folder; give the PDF's file name with --output")
    }
    let folder = Self.folder(of: output)
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ToolError("cannot write '\(output)': there is no folder '\(folder)'")
    }
    if ContentFolder.relativePath(of: output, inside: contentPath) != nil {
      throw ToolError(
        "'\(output)' is inside the content folder '\(contentPath)', whose files the PDF's digest "
          + "covers: write it elsewhere")
    }
  }

  static func folder(of path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return folder.isEmpty ? "." : folder
  }

  /// A new folder of this process's own under the system's temporary folder.
  static func temporaryFolder() throws(ToolError) -> String {
    let base =
      ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((base + "/hw-pdf-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw ToolError(
        "cannot make a temporary folder in '\(base)': \(String(cString: strerror(errno)))")
    }
    return String(cString: made)
  }

  /// Copies `printed` beside `output` under a hidden name, then renames it `output`.
  static func place(_ printed: String, at output: String) throws(ToolError) {
    guard let bytes = FileManager.default.contents(atPath: printed) else {
      throw ToolError("Chromium's PDF is missing")
    }
    let name = (output as NSString).lastPathComponent
    let partial = folder(of: output) + "/.\(name).\(getpid()).partial"
    func failure(_ what: String) -> ToolError {
      ToolError("cannot write '\(output)': \(what): \(String(cString: strerror(errno)))")
    }
    let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure("cannot create '\(partial)'") }
    var complete = bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return false }
        offset += written
      }
      return true
    }
    complete = complete && fsync(descriptor) == 0
    close(descriptor)
    guard complete, rename(partial, output) == 0 else {
      let error = failure("cannot write the PDF")
      unlink(partial)
      throw error
    }
  }
}
