import Foundation

/// What `swift build` made and the tests run: the `hw` executable and the block runtime.
///
/// They are looked for beside the running test bundle (the configuration under test), then in
/// `.build/debug`. `swift test` alone need not build them, so a test that needs one fails with
/// a `NotBuilt` error, which says to run `swift build` first (`scripts/test` does both).
public enum BuiltProducts {
  /// Where the products may be, in the order they are looked for.
  static let folders: [URL] = [
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    Repository.root.appendingPathComponent(".build/debug", isDirectory: true),
  ]

  /// The built `hw` executable.
  public static func hw() throws -> URL {
    let folder = try folder(holding: ["hw"], for: "the hw executable")
    return folder.appendingPathComponent("hw")
  }

  /// The first folder that holds every one of `files` (paths relative to it).
  ///
  /// - Parameter product: what the files are, for the error when no folder holds them.
  public static func folder(holding files: [String], for product: String) throws -> URL {
    let found = folders.first { folder in
      files.allSatisfy {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
      }
    }
    guard let found else { throw NotBuilt(product: product) }
    return found
  }

  /// A product the tests need is missing.
  public struct NotBuilt: Error, CustomStringConvertible {
    /// What is missing, as the message names it.
    public var product: String

    public var description: String {
      "\(product) is not built in .build/debug: run `swift build` before `swift test` "
        + "(scripts/test does both)"
    }
  }
}
