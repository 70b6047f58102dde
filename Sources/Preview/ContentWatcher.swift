import Builder
import Foundation

/// Notices when anything in a content folder changes: a file saved, added, removed or renamed.
/// It compares snapshots (each file's size and modification time), so it needs no kernel
/// notification API and sees changes made by any editor.
public struct ContentWatcher: Sendable {
  /// What the folder held at one moment: relative path to size and modification time.
  public typealias Snapshot = [String: FileStamp]

  /// A file's size and modification time.
  public struct FileStamp: Hashable, Sendable {
    /// Bytes.
    public var size: UInt64
    /// Seconds since 1970.
    public var modified: Double
  }

  /// The folder watched.
  public let path: String

  /// A folder inside `path` whose changes do not count (an output folder placed within it).
  public let excluded: String?

  /// Watches the folder at `path`, leaving out `excluding` when it lies inside it.
  public init(path: String, excluding: String? = nil) {
    self.path = path
    excluded = excluding.flatMap { ContentFolder.relativePath(of: $0, inside: path) }
  }

  /// The folder as it is now (hidden files and folders are left out, as the builder leaves them
  /// out: `ContentFolder.isHidden`).
  public func snapshot() -> Snapshot {
    let manager = FileManager.default
    var snapshot: Snapshot = [:]
    guard let enumerator = manager.enumerator(atPath: path) else { return snapshot }
    let root = URL(fileURLWithPath: path)
    while let item = enumerator.nextObject() as? String {
      if ContentFolder.isHidden((item as NSString).lastPathComponent) || item == excluded {
        enumerator.skipDescendants()
        continue
      }
      let attributes = try? manager.attributesOfItem(atPath: root.appendingPathComponent(item).path)
      guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
      snapshot[item] = FileStamp(
        size: (attributes?[.size] as? NSNumber)?.uint64Value ?? 0,
        modified: (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
    }
    return snapshot
  }

  /// The paths that differ between two snapshots (changed, added or removed), sorted.
  public static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
    Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
  }

  /// Calls `onChange` with the changed paths each time the folder changes, after it has been
  /// quiet for `settle` seconds (an editor's save is often several writes). Runs until the
  /// process ends.
  public func watch(
    every interval: Double = 0.2, settle: Double = 0.1, onChange: ([String]) -> Void
  ) -> Never {
    var current = snapshot()
    while true {
      Thread.sleep(forTimeInterval: interval)
      var next = snapshot()
      guard next != current else { continue }
      // Wait until two snapshots in a row agree.
      while true {
        Thread.sleep(forTimeInterval: settle)
        let again = snapshot()
        if again == next { break }
        next = again
      }
      let changed = Self.changes(from: current, to: next)
      current = next
      onChange(changed)
    }
  }
}
