import Foundation

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class TemporaryFolder {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("hw-tests-\(UUID().uuidString)", isDirectory: true)
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  var path: String { url.path }

  /// Writes a file, creating folders on the way.
  func write(_ relative: String, _ text: String) {
    let file = url.appendingPathComponent(relative)
    try! FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! Data(text.utf8).write(to: file)
  }

  func read(_ relative: String) -> String? {
    FileManager.default.contents(atPath: url.appendingPathComponent(relative).path)
      .map { String(decoding: $0, as: UTF8.self) }
  }

  func exists(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: url.appendingPathComponent(relative).path)
  }
}
