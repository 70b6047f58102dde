import Foundation
import TestSupport
import Testing

/// The committed homework page as a reader sees it in Chromium, on a phone (375 px) and on a
/// wide screen (1200 px): nothing sticks out past the right edge of the window, unless it sits in
/// a box that scrolls (code and display math scroll inside their boxes). Headless Chromium keeps
/// its window at least 500 px wide, so the page is shown in a frame of the width under test.
@Suite struct HomeworkLayoutTests {
  static let chromium = Program.find(
    "chromium", "chromium-browser", "chromium-headless-shell", "google-chrome")

  /// Appended to the page: lists every element whose right edge passes the window's and that no
  /// scrolling box around it clips, and sends the list to the frame's parent.
  static let probe = """
    <script>
    window.addEventListener('load', () => {
      const width = document.documentElement.clientWidth;
      const outside = [];
      for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) continue;
        let parent = element.parentElement, clipped = false;
        while (parent && !clipped) {
          const overflow = getComputedStyle(parent).overflowX;
          clipped = overflow !== 'visible' && parent.getBoundingClientRect().right <= width + 1;
          parent = parent.parentElement;
        }
        if (!clipped) {
          outside.push(element.tagName + ' ' + (element.textContent || '').trim().slice(0, 50));
        }
      }
      window.parent.postMessage(JSON.stringify({width: width, outside: outside}), '*');
    });
    </script>
    """

  /// The page in a frame `width` pixels wide; writes what the frame sends into its own page.
  static func frame(width: Int) -> String {
    """
    <!doctype html><html><body style="margin:0">
    <iframe src="ebm-homework.html" style="border:0;width:\(width)px;height:3000px"></iframe>
    <script>
    window.addEventListener('message', (event) => {
      const report = document.createElement('pre');
      report.id = 'layout-report';
      report.textContent = event.data;
      document.body.appendChild(report);
    });
    </script>
    </body></html>
    """
  }

  struct Report: Decodable {
    var width: Int
    var outside: [String]
  }

  @Test(
    .enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium)"),
    arguments: [375, 1200])
  func nothingOnTheHomeworkPageSticksOutOfTheWindow(width: Int) throws {
    let folder = TemporaryFolder()
    let output = Repository.root.appendingPathComponent("Output")
    try FileManager.default.removeItem(at: folder.url)
    try FileManager.default.copyItem(at: output, to: folder.url)
    let page = folder.url.appendingPathComponent("ebm-homework.html")
    let html = try String(contentsOf: page, encoding: .utf8)
    try html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>")
      .write(to: page, atomically: true, encoding: .utf8)
    let frame = folder.url.appendingPathComponent("frame.html")
    try Self.frame(width: width).write(to: frame, atomically: true, encoding: .utf8)
    let result = try Program.run(
      Self.chromium!,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
        "--window-size=1400,3200", "--dump-dom", frame.absoluteString,
      ])
    let start = try #require(result.stdout.range(of: "<pre id=\"layout-report\">"))
    let end = try #require(
      result.stdout.range(of: "</pre>", range: start.upperBound..<result.stdout.endIndex))
    let json = String(result.stdout[start.upperBound..<end.lowerBound])
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
    // The frame's width less a scroll bar, if the page shows one.
    #expect(report.width > width - 30 && report.width <= width)
    #expect(report.outside.isEmpty, "at \(width) px these stick out: \(report.outside)")
  }
}
