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

  /// The HTML of `formulas` rendered as one page, the characters' widths as `widths` says;
  /// errors make the caller fail.
  static func render(_ formulas: [Formula], widths: GlyphWidths.Rule = .tex) throws -> [String] {
    try MathPage(formulas: formulas, macros: MacroTable(), widths: widths).results.map {
      try $0.get()
    }
  }

  /// Opens the page in headless Chromium (`window` wide and tall, in CSS pixels) and decodes what
  /// its script wrote as JSON into `<pre id="measurements">` once the fonts were ready.
  func measure<T: Decodable>(in chromium: URL, window: String, as type: T.Type) throws -> T {
    let result = try Program.run(
      chromium,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--virtual-time-budget=10000", "--window-size=\(window)", "--dump-dom",
        file.absoluteString,
      ])
    guard let start = result.output.range(of: "<pre id=\"measurements\">"),
      let end = result.output.range(of: "</pre>", range: start.upperBound..<result.output.endIndex)
    else {
      throw BrowserError(output: result.output)
    }
    let json = String(result.output[start.upperBound..<end.lowerBound])
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    return try JSONDecoder().decode(T.self, from: Data(json.utf8))
  }

  /// A script that, once the fonts are ready, measures the element each of `probes` selects
  /// (`boxes`: name → left, right, top, bottom) and writes them with `fields` (more members of
  /// the result, as JavaScript) as the JSON that ``measure(in:window:as:)`` reads.
  static func measuringScript(probes: [(name: String, selector: String)], fields: String = "")
    -> String
  {
    let table =
      "{" + probes.map { "\"\($0.name)\": \"\($0.selector)\"" }.joined(separator: ", ") + "}"
    return """
      <script>
      document.fonts.ready.then(function () {
        var probes = \(table), boxes = {};
        Object.keys(probes).forEach(function (name) {
          var e = document.querySelector(probes[name]);
          if (!e) { return; }
          var r = e.getBoundingClientRect();
          boxes[name] = { l: r.left, r: r.right, t: r.top, b: r.bottom };
        });
        var result = { \(fields) boxes: boxes };
        var pre = document.createElement("pre");
        pre.id = "measurements";
        pre.textContent = JSON.stringify(result);
        document.body.appendChild(pre);
      });
      </script>
      """
  }

  struct BrowserError: Error, CustomStringConvertible {
    var output: String
    var description: String { "no measurements in Chromium's output:\n\(output.prefix(2000))" }
  }
}
