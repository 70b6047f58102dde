import Diagnostics
import Digest

/// The SHA-256 that ties a PDF to the sources it was printed from.
///
/// It hashes every file that `hw` reads from the content folder: the documents, `site.yml`, the
/// theme files in `_theme/` and every other file copied into the site (so not hidden files, nor
/// files left out with an error). The recipe is `sha256sum`'s: for each file, sorted by the
/// UTF-8 bytes of its path relative to the content folder, the line
/// `<SHA-256 of its bytes in hex>  <path>\n` (two spaces); the digest is the SHA-256 of those
/// lines. In a shell, for a folder without hidden files or other files in `_theme/`:
///
///     cd Content && find -L . -type f -printf '%P\n' | LC_ALL=C sort \
///       | xargs -d '\n' sha256sum | sha256sum
public struct SourcesDigest: Sendable, Equatable {
  /// The files hashed, by path relative to the content folder, in the order hashed.
  public var files: [String]
  /// The digest, 64 lowercase hex digits.
  public var hex: String

  /// The digest of `files`, given as path and bytes, in any order.
  public init(files: [(path: String, bytes: [UInt8])]) {
    let sorted = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    var listing = SHA256()
    for file in sorted {
      listing.update("\(SHA256.hex(file.bytes))  \(file.path)\n")
    }
    self.files = sorted.map(\.path)
    hex = listing.hexDigest()
  }
}

extension ContentFolder {
  /// The digest of every file `hw` reads from the folder (see `SourcesDigest`).
  ///
  /// - Throws: `ToolError` when a file cannot be read.
  public func sourcesDigest() throws(ToolError) -> SourcesDigest {
    var files: [(path: String, bytes: [UInt8])] = sources.map { ($0.relativePath, $0.bytes) }
    for asset in assets { files.append((asset, try read(asset: asset))) }
    for (relative, real) in settingLocations {
      do {
        files.append((relative, try FileSystem.read(real)))
      } catch {
        throw ToolError("cannot read '\(Self.join(path, relative))': \(error.reason)")
      }
    }
    return SourcesDigest(files: files)
  }

  /// The documents named by `names`, in that order, each once: a path relative to the folder
  /// (`week1/hw.md`), or the same with the folder's own path in front (`Content/week1/hw.md`).
  ///
  /// - Throws: `ToolError` naming the first name that is not a document of the folder.
  public func documents(named names: [String]) throws(ToolError) -> [Source] {
    var chosen: [Source] = []
    for name in names {
      let relative = Self.relativePath(of: name, inside: path) ?? name
      guard let source = sources.first(where: { $0.relativePath == relative }) else {
        let known = sources.map(\.relativePath).joined(separator: ", ")
        throw ToolError(
          "'\(name)' is not a document of '\(path)'"
            + (known.isEmpty ? " (it has none)" : " (its documents: \(known))"))
      }
      if !chosen.contains(source) { chosen.append(source) }
    }
    return chosen
  }
}
