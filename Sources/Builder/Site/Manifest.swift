import BlockRecords
import Digest
import Foundation

/// `manifest.json`: every page of the site with the SHA-256 of the source it was built from, so a
/// grader can see what each page claims to show.
struct Manifest: Codable, Equatable {
  struct Page: Codable, Equatable {
    /// The page, relative to the site root.
    var page: String
    /// The source, relative to the content folder.
    var source: String
    /// SHA-256 of the source file, hexadecimal.
    var sourceSHA256: String
    /// SHA-256 of the page's verification results (absent for a page without verify blocks).
    var resultsSHA256: String?
  }

  var generator = "hw"
  var formatVersion = 1
  var pages: [Page]

  /// SHA-256 of a run's blocks as canonical JSON (sorted keys); whether it came from the cache
  /// does not count.
  static func resultsHash(_ run: DocumentRun) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return SHA256.hex((try? encoder.encode(run.blocks)) ?? Data())
  }

  /// The manifest in `data` when it is one that `hw` writes: the same keys, each holding a value
  /// of the same type, `"generator": "hw"` and format version 1. Layout and key order do not
  /// matter; a file that merely mentions `hw`, or adds or leaves out keys, is not a manifest.
  static func parse(_ data: Data) -> Manifest? {
    guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
      manifest.generator == "hw", manifest.formatVersion == 1,
      let given = try? JSONSerialization.jsonObject(with: data) as? NSDictionary,
      let written = try? JSONSerialization.jsonObject(with: Data(manifest.json().utf8))
        as? NSDictionary,
      given.isEqual(written)
    else { return nil }
    return manifest
  }

  func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(self)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
