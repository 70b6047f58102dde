import Foundation

@testable import TeXMath

/// A complete HTML page of formulas, written with the font into a fresh temporary folder.
struct TestPage {
  let folder: URL
  var file: URL { folder.appendingPathComponent("index.html") }

  /// Writes `body` (HTML) into a page with the math stylesheet, `extraHead` and the font.
  init(body: String, extraHead: String = "") throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("texmath-\(UUID().uuidString)")
    let fonts = folder.appendingPathComponent("fonts")
    try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
    let font = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/Builder/Resources/fonts/latinmodern-math.woff2")
    try FileManager.default.copyItem(
      at: font, to: fonts.appendingPathComponent("latinmodern-math.woff2"))
    let html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>Formulas</title>
      <style>
      \(MathStyle.css)
      body { font: 18px/1.5 serif; max-width: 40em; margin: 1em; }
      </style>
      \(extraHead)
      </head>
      <body>
      \(body)
      </body>
      </html>

      """
    try html.write(to: file, atomically: true, encoding: .utf8)
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }

  /// The HTML of `formulas` rendered as one page; errors make the caller fail.
  static func render(_ formulas: [Formula]) throws -> [String] {
    try MathPage(formulas: formulas, macros: MacroTable()).results.map { try $0.get() }
  }
}

/// Finds and runs command-line programs for the tests that need them.
enum ExternalTool {
  /// The first of `names` found on PATH.
  static func find(_ names: String...) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in names {
      for dir in path.split(separator: ":") {
        let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
      }
    }
    return nil
  }

  /// Runs `tool` with `arguments`; returns its exit status and its output (standard output and
  /// error together).
  static func run(_ tool: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
