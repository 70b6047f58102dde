import BlockRecords
import Digest
import Foundation

/// Stored document results, one JSON file per key in a folder the caller names.
///
/// The key does not include the blocks' line numbers, so an edit to the prose around the
/// blocks (which moves them) still finds the stored run; its locations are then moved by each
/// block's shift (see `DocumentRun.relocated`). Safe to delete at any time; writes go to a
/// temporary file renamed into place, so a reader never sees half a file. Unreadable entries
/// count as misses.
struct ResultCache: Sendable {
  /// What is stored: the run and the first code line of each block when it ran.
  struct Entry: Codable {
    var codeLines: [Int]
    var run: DocumentRun
  }

  /// The cache folder.
  var directory: String

  /// The stored run for `key`, moved to the lines of `blocks`, if any. A stored run in which a
  /// block crashed is not reused when blocks moved (its stderr quotes the old lines).
  func load(key: String, blocks: [VerifyBlock], displayPath: String) -> DocumentRun? {
    guard let data = FileManager.default.contents(atPath: path(key)),
      let entry = try? Self.decoder.decode(Entry.self, from: data),
      entry.codeLines.count == blocks.count
    else { return nil }
    let newLines = blocks.map(\.codeLine)
    if entry.codeLines == newLines { return entry.run }
    let crashed = entry.run.blocks.contains {
      if case .crashed = $0.status { return true }
      return false
    }
    if crashed { return nil }
    return entry.run.relocated(
      displayPath: displayPath,
      from: zip(entry.codeLines, blocks).map { ($0, $1.lineCount) }, to: newLines)
  }

  /// Stores `run` of `blocks` under `key` (errors are ignored: the cache is an optimisation).
  func store(_ run: DocumentRun, blocks: [VerifyBlock], key: String) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let entry = Entry(codeLines: blocks.map(\.codeLine), run: run)
    guard let data = try? encoder.encode(entry) else { return }
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    let temporary = directory + "/.\(key).\(UUID().uuidString).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
    if rename(temporary, path(key)) != 0 { unlink(temporary) }
  }

  private func path(_ key: String) -> String { directory + "/\(key).json" }

  private static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }

  /// The key of a document run: SHA-256 over the display path, each block's index, options
  /// and code (not its line), the fingerprints of the runtime library and module files (path,
  /// size, mtime), the compiler's fingerprint, the limits, and a version of the runner
  /// template.
  static func key(
    request: ExecutionRequest, runtimeFingerprint: String, toolchainFingerprint: String,
    limits: ResourceLimits, sandbox: SandboxLevel, dataFingerprint: String = ""
  ) -> String {
    var hash = SHA256()
    // v7: a comment never closed is located where it starts (stored runs placed it elsewhere).
    hash.update("hw-document-run v7\n")
    // The template with placeholder lines: changes when the generator changes.
    hash.update(
      RunnerSource(
        displayPath: request.displayPath,
        blocks: [VerifyBlock(code: "", codeLine: 1, options: VerifyOptions(), index: 0)]
      ).text)
    hash.update("\npath \(request.displayPath.utf8.count) \(request.displayPath)")
    if request.appendedCount > 0 { hash.update("\nappended \(request.appendedCount)") }
    for block in request.blocks {
      let options = block.options
      hash.update(
        "\nblock \(block.index) flags \(options.flags.rawValue) "
          + "timeout \(options.effectiveTimeoutSeconds) id \(options.id ?? "") "
          + "code \(block.code.utf8.count)\n")
      hash.update(block.code)
    }
    if !request.formulas.isEmpty {
      // Sorted keys: the same formulas give the same key.
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      let json = (try? encoder.encode(request.formulas)) ?? Data()
      hash.update("\nformulas \(json.count)\n" + String(decoding: json, as: UTF8.self))
    }
    hash.update("\nruntime\n" + runtimeFingerprint)
    hash.update("\ncompiler\n" + toolchainFingerprint)
    hash.update(
      "\nlimits \(limits.addressSpaceBytes ?? 0) \(limits.fileSizeBytes) "
        + "\(limits.cpuSecondsBeyondTimeouts) \(limits.outputBytesPerBlock) "
        + "\(limits.processes) \(limits.scratchBytes) \(limits.sharedMemoryBytes)\n")
    // What a block can see and do depends on the sandbox.
    hash.update("sandbox \(sandbox.rawValue)\n")
    // The data files blocks may read: a changed one runs every page again.
    hash.update("data\n" + dataFingerprint)
    return hash.hexDigest()
  }
}
