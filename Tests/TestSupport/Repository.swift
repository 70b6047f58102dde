import Foundation

/// Where the package's own files are, found from this file's path, so the tests read them from
/// any working directory.
public enum Repository {
  /// The package's root folder (the one holding `Package.swift`).
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `Tests/Fixtures/`: one folder per case, with its inputs and golden files.
  public static let fixtures = root.appendingPathComponent("Tests/Fixtures", isDirectory: true)

  /// A file of the package, by its path from the root.
  public static func file(_ relative: String) -> URL {
    root.appendingPathComponent(relative)
  }
}
