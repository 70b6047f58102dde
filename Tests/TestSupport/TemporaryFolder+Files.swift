import Foundation

extension TemporaryFolder {
  /// Makes a symbolic link at `relative` whose target is `target`, as written.
  public func link(_ relative: String, to target: String) {
    let file = url.appendingPathComponent(relative)
    try! FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: target)
  }

  /// Every file under `relative` (not following links), with its bytes; empty when there is no
  /// such folder.
  public func files(under relative: String) -> [String: Data] {
    let root = url.appendingPathComponent(relative).path
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
    while let item = enumerator.nextObject() as? String {
      let path = root + "/" + item
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files[item] = FileManager.default.contents(atPath: path)
      }
    }
    return files
  }

  /// The names in the folder itself, sorted.
  public func names(in relative: String = "") -> [String] {
    ((try? FileManager.default.contentsOfDirectory(
      atPath: url.appendingPathComponent(relative).path)) ?? []).sorted()
  }

  public func remove(_ relative: String) {
    try? FileManager.default.removeItem(at: url.appendingPathComponent(relative))
  }

  public func setMode(_ relative: String, _ mode: mode_t) {
    chmod(url.appendingPathComponent(relative).path, mode)
  }

  /// Hands the folder and everything in it to `user` (ids), as root can.
  public func give(to user: uid_t) {
    lchown(path, user, user)
    guard let enumerator = FileManager.default.enumerator(atPath: path) else { return }
    while let item = enumerator.nextObject() as? String {
      lchown(path + "/" + item, user, user)
    }
  }
}
