import BlockRecords
import Foundation

/// Stored document results, one JSON file per key in a folder the caller names.
///
/// Safe to delete at any time; writes go to a temporary file renamed into place, so a reader
/// never sees half a file. Unreadable entries count as misses.
struct ResultCache: Sendable {
  /// The cache folder.
  var directory: String

  /// The stored run for `key`, if any.
  func load(key: String) -> DocumentRun? {
    guard let data = FileManager.default.contents(atPath: path(key)) else { return nil }
    return try? JSONDecoder().decode(DocumentRun.self, from: data)
  }

  /// Stores `run` under `key` (errors are ignored: the cache is an optimisation).
  func store(_ run: DocumentRun, key: String) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(run) else { return }
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    let temporary = directory + "/.\(key).\(UUID().uuidString).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
    if rename(temporary, path(key)) != 0 { unlink(temporary) }
  }

  private func path(_ key: String) -> String { directory + "/\(key).json" }

  /// The key of a document run: SHA-256 over the runner source, the blocks' options, the
  /// fingerprints of the runtime library and module files (path, size, mtime), the compiler's
  /// fingerprint and the limits.
  static func key(
    source: RunnerSource, runtimeFingerprint: String, toolchainFingerprint: String,
    limits: ResourceLimits
  ) -> String {
    var hash = SHA256()
    hash.update("hw-document-run v1\n")
    hash.update(source.text)
    for block in source.blocks {
      let options = block.options
      hash.update(
        "\nblock \(block.index) line \(block.codeLine) flags \(options.flags.rawValue) "
          + "timeout \(options.effectiveTimeoutSeconds) id \(options.id ?? "")")
    }
    hash.update("\nruntime\n" + runtimeFingerprint)
    hash.update("\ncompiler\n" + toolchainFingerprint)
    hash.update(
      "\nlimits \(limits.addressSpaceBytes ?? 0) \(limits.fileSizeBytes) "
        + "\(limits.cpuSecondsBeyondTimeouts) \(limits.outputBytesPerBlock)\n")
    return hash.hexDigest()
  }
}
