import BlockRecords
import Digest
import Foundation

/// `manifest.json`: every page of the site with the SHA-256 of the source it was built from, so a
/// grader can see what each page claims to show.
struct Manifest: Encodable {
  struct Page: Encodable {
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

  func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(self)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
