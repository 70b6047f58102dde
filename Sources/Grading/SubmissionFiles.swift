import Digest
import Foundation

/// What grading reads of a submission folder, never following a link out of it.
enum SubmissionFiles {
  /// The real path of `folder/Content` when it is a folder inside the submission.
  static func contentFolder(of folder: String) -> String? {
    guard let root = realPath(folder), let content = realPath(folder + "/Content"),
      content.hasPrefix(root + "/")
    else { return nil }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: content, isDirectory: &isFolder),
      isFolder.boolValue
    else { return nil }
    return content
  }

  /// The bytes of `relative` in the content folder `content` (a real path), when it is a file
  /// inside it of at most 16 MiB.
  static func document(_ relative: String, in content: String) -> [UInt8]? {
    guard let path = realPath(content + "/" + relative), path.hasPrefix(content + "/"),
      let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      attributes[.type] as? FileAttributeType == .typeRegular,
      (attributes[.size] as? Int ?? Int.max) <= 16 << 20,
      let data = FileManager.default.contents(atPath: path)
    else { return nil }
    return [UInt8](data)
  }

  /// The student's name and email from Gradescope's `submission_metadata.json` in `folder`
  /// (`users[0].name`, `users[0].email`), when it is there and readable (at most 1 MiB).
  static func metadata(in folder: String) -> (name: String?, email: String?) {
    let path = folder + "/submission_metadata.json"
    guard let root = realPath(folder), let real = realPath(path), real.hasPrefix(root + "/"),
      let attributes = try? FileManager.default.attributesOfItem(atPath: real),
      attributes[.type] as? FileAttributeType == .typeRegular,
      (attributes[.size] as? Int ?? Int.max) <= 1 << 20,
      let data = FileManager.default.contents(atPath: real),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let users = object["users"] as? [[String: Any]], let user = users.first
    else { return (nil, nil) }
    func text(_ key: String) -> String? {
      guard let value = user[key] as? String, !value.isEmpty else { return nil }
      return String(value.prefix(200))
    }
    return (text("name"), text("email"))
  }

  /// `path` with every link resolved, or nil when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// SHA-256 input for a submission: every file under `folder` (links as their target's text,
  /// never followed), with its relative path, in path order.
  static func fingerprint(of folder: String, into hash: inout SHA256) {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return }
    var paths: [String] = []
    while let relative = enumerator.nextObject() as? String { paths.append(relative) }
    for relative in paths.sorted() {
      let path = folder + "/" + relative
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
        continue
      }
      let type = attributes[.type] as? FileAttributeType
      hash.update("\(relative.utf8.count) \(relative) ")
      if type == .typeSymbolicLink {
        hash.update(
          "link " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? ""))
      } else if type == .typeRegular {
        // Read a piece at a time: a submission's file may be larger than memory.
        hash.update("file \(attributes[.size] as? Int ?? 0)\n")
        if let handle = FileHandle(forReadingAtPath: path) {
          while let piece = try? handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hash.update(piece)
          }
          try? handle.close()
        }
      }
      hash.update("\n")
    }
  }
}
