import Foundation
import TestSupport

@testable import TeXMath

/// A complete HTML page of formulas, written with the font into a fresh temporary folder.
struct TestPage {
  /// The page's folder, removed with the page.
  let folder = TemporaryFolder()
  var file: URL { folder.url.appendingPathComponent("index.html") }

  /// Writes `body` (HTML) into a page with the math stylesheet, `extraHead` and the font.
  init(body: String, extraHead: String = "") throws {
    let fonts = folder.url.appendingPathComponent("fonts")
    try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
    let font = Repository.file("Sources/Builder/Resources/fonts/latinmodern-math.woff2")
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

  /// The HTML of `formulas` rendered as one page; errors make the caller fail.
  static func render(_ formulas: [Formula]) throws -> [String] {
    try MathPage(formulas: formulas, macros: MacroTable()).results.map { try $0.get() }
  }
}
