import Foundation

/// The file-system calls of the site writer that must not follow a symbolic link by accident or
/// hide why they failed: each failure carries the system's own reason (`Permission denied`).
enum FileSystem {
  /// A call that failed, with the reason as `strerror` words it.
  struct Failure: Error, CustomStringConvertible {
    /// The system's reason, such as `Permission denied`.
    var reason: String
    /// The error number, when the failure came from a system call.
    var code: Int32?

    init(reason: String) { self.reason = reason }

    init(errno code: Int32) {
      self.reason = String(cString: strerror(code))
      self.code = code
    }

    var description: String { reason }
  }

  /// What a path names.
  enum Kind: Equatable {
    case file
    case folder
    case symbolicLink
    /// A pipe, socket or device.
    case special
  }

  /// What is at `path`, without following a symbolic link in its last component; `nil` when there
  /// is nothing.
  static func kind(at path: String) throws(Failure) -> Kind? {
    var status = stat()
    guard lstat(path, &status) == 0 else {
      if errno == ENOENT { return nil }
      throw Failure(errno: errno)
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .folder
    case S_IFLNK: return .symbolicLink
    default: return .special
    }
  }

  /// A folder's entries, without `.` and `..`, in no particular order. Names that are not valid
  /// UTF-8 cannot be named in a site; they are counted, not returned.
  static func list(_ path: String) throws(Failure) -> (names: [String], undecodable: Int) {
    guard let folder = opendir(path) else { throw Failure(errno: errno) }
    defer { closedir(folder) }
    var names: [String] = []
    var undecodable = 0
    while true {
      errno = 0
      guard let entry = readdir(folder) else {
        if errno != 0 { throw Failure(errno: errno) }
        break
      }
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) {
          String(validatingCString: $0)
        }
      }
      guard let name else {
        undecodable += 1
        continue
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return (names, undecodable)
  }

  /// The path with every symbolic link, `.` and `..` resolved; fails when a component is missing
  /// or the links loop.
  static func realPath(_ path: String) throws(Failure) -> String {
    guard let resolved = realpath(path, nil) else { throw Failure(errno: errno) }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// A regular file's bytes. A symbolic link in the last component is refused, and so is anything
  /// that is not a regular file (reading a pipe or a device could block or never end).
  static func read(_ path: String) throws(Failure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else { throw Failure(errno: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw Failure(errno: errno) }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw Failure(reason: "not a regular file")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(status.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes {
        Foundation.read(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(errno: errno)
      }
      if count == 0 { break }
      bytes += chunk[..<count]
    }
    return bytes
  }

  /// Creates a folder, given by its absolute path, and the folders above it that are missing.
  static func makeFolders(_ path: String) throws(Failure) {
    var prefix = ""
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + component
      if mkdir(prefix, 0o777) != 0 && errno != EEXIST { throw Failure(errno: errno) }
    }
  }

  /// Writes a new regular file; fails if anything is already at `path`.
  static func create(_ path: String, bytes: [UInt8]) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
    guard descriptor >= 0 else { throw Failure(errno: errno) }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        let failure = Failure(errno: errno)
        close(descriptor)
        throw failure
      }
      offset += written
    }
    guard close(descriptor) == 0 else { throw Failure(errno: errno) }
  }

  /// Renames `source` to `destination` in one step; a folder may only replace an empty folder.
  static func rename(_ source: String, to destination: String) throws(Failure) {
    guard Foundation.rename(source, destination) == 0 else { throw Failure(errno: errno) }
  }

  /// Removes a file or a folder with everything in it. Not atomic: a removal cut short leaves part
  /// of the folder.
  static func remove(_ path: String) throws(Failure) {
    guard (try kind(at: path)) != nil else { return }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw Failure(reason: (error as NSError).localizedDescription)
    }
  }

  /// Whether anything (a file, a folder, a link, even a dangling one) is at `path`.
  static func exists(_ path: String) -> Bool {
    ((try? kind(at: path)) ?? nil) != nil
  }
}
