import Foundation

/// A fresh folder under the system's temporary folder, removed when the value goes away.
public final class TemporaryFolder {
  public let url: URL

  public init() {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("hw-tests-\(UUID().uuidString)", isDirectory: true)
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  public var path: String { url.path }

  /// Writes a file, creating folders on the way.
  public func write(_ relative: String, _ text: String) {
    let file = url.appendingPathComponent(relative)
    try! FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! Data(text.utf8).write(to: file)
  }

  public func read(_ relative: String) -> String? {
    FileManager.default.contents(atPath: url.appendingPathComponent(relative).path)
      .map { String(decoding: $0, as: UTF8.self) }
  }

  public func exists(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: url.appendingPathComponent(relative).path)
  }
}
