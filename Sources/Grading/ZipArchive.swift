import Diagnostics
import Figures
import Foundation

/// A zip archive (PKWARE's APPNOTE, without zip64) built in memory: entries stored or deflated,
/// each with its CRC-32 and Unix mode, in sorted order, every timestamp 1980-01-01 00:00, so the
/// same files always give the same bytes.
struct ZipArchive {
  /// One file of the archive; folders are added for it (`Entry.folders`).
  struct Entry {
    /// Its path in the archive, `/`-separated, without a leading `/`.
    var path: String
    var bytes: [UInt8]
    /// Its Unix permissions (`0o644`, `0o755`).
    var mode: UInt16
  }

  private(set) var entries: [String: Entry] = [:]

  /// The most entries and bytes an archive without zip64 may hold.
  static let maximumEntries = 0xFFFF
  static let maximumBytes = 0xFFFF_FFFF

  /// Adds (or replaces) the file at `path`.
  mutating func add(_ path: String, _ bytes: [UInt8], mode: UInt16 = 0o644) {
    entries[path] = Entry(path: path, bytes: bytes, mode: mode)
  }

  /// The folders that hold the files, each as `a/`, `a/b/`.
  var folders: Set<String> {
    var folders: Set<String> = []
    for path in entries.keys {
      var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      while !parts.isEmpty {
        folders.insert(parts.joined(separator: "/") + "/")
        parts = parts.dropLast()
      }
    }
    return folders
  }

  /// The archive's bytes: every folder (mode 0755) and file in the byte order of their paths,
  /// each deflated when that makes it smaller, else stored.
  func bytes() throws(ToolError) -> [UInt8] {
    let files = entries.values.map { ($0.path, $0.bytes, 0o100000 | UInt32($0.mode)) }
    let all = (files + folders.map { ($0, [UInt8](), UInt32(0o040755)) })
      .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    guard all.count <= Self.maximumEntries else {
      throw ToolError("a zip without zip64 holds at most \(Self.maximumEntries) entries")
    }
    var archive: [UInt8] = []
    var directory: [UInt8] = []
    for (path, bytes, mode) in all {
      guard bytes.count <= Self.maximumBytes, archive.count <= Self.maximumBytes else {
        throw ToolError("'\(path)' would take the zip past 4 GiB, which needs zip64")
      }
      let name = Array(path.utf8)
      let deflated = bytes.isEmpty ? bytes : Deflate.fixedHuffman(bytes)
      let compress = deflated.count < bytes.count
      let stored = compress ? deflated : bytes
      let crc = CRC32.checksum(bytes)
      let isFolder = path.hasSuffix("/")
      var common: [UInt8] = []
      common.appendLittleEndian(UInt16(20), UInt16(0x0800))  // version 2.0; names in UTF-8
      common.appendLittleEndian(UInt16(compress ? 8 : 0), UInt16(0), UInt16(0x0021))  // 1980-01-01
      common.appendLittleEndian(crc, UInt32(stored.count), UInt32(bytes.count))
      common.appendLittleEndian(UInt16(name.count), UInt16(0))  // no extra field
      let offset = UInt32(archive.count)
      archive.appendLittleEndian(UInt32(0x0403_4B50))
      archive += common + name + stored
      directory.appendLittleEndian(UInt32(0x0201_4B50), UInt16(3 << 8 | 20))  // made on Unix
      directory += common
      directory.appendLittleEndian(UInt16(0), UInt16(0), UInt16(0))  // comment, disk, internal
      directory.appendLittleEndian(mode << 16 | (isFolder ? 0x10 : 0), offset)
      directory += name
    }
    guard archive.count + directory.count <= Self.maximumBytes else {
      throw ToolError("the zip would pass 4 GiB, which needs zip64")
    }
    let directoryOffset = UInt32(archive.count)
    archive += directory
    archive.appendLittleEndian(UInt32(0x0605_4B50), UInt16(0), UInt16(0))
    archive.appendLittleEndian(UInt16(all.count), UInt16(all.count))
    archive.appendLittleEndian(UInt32(directory.count), directoryOffset, UInt16(0))
    return archive
  }

  /// Writes the archive to `path`, whole or not at all: into a file beside it, then renamed
  /// over it.
  func write(to path: String) throws(ToolError) {
    let data = Data(try bytes())
    let target = URL(fileURLWithPath: path)
    let folder = target.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
      isFolder.boolValue
    else { throw ToolError("cannot write '\(path)': its folder does not exist") }
    let temporary = folder + "/.\(target.lastPathComponent).\(getpid()).partial"
    do {
      try data.write(to: URL(fileURLWithPath: temporary))
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw ToolError("cannot write '\(path)': \(error.localizedDescription)")
    }
    chmod(temporary, 0o644)
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temporary)
      throw ToolError("cannot write '\(path)': \(reason)")
    }
  }
}

extension [UInt8] {
  /// Appends each value least significant byte first, as zip stores numbers.
  fileprivate mutating func appendLittleEndian<each T: FixedWidthInteger>(_ value: repeat each T) {
    for v in repeat each value {
      Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
  }
}
