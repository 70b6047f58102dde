import Foundation

/// The Swift compiler used to build runners, and a fingerprint of it for the cache key.
struct Toolchain: Sendable {
  /// Absolute path of `swiftc`.
  var swiftc: String
  /// Resolved path, size and modification time of the compiler driver and frontend: changes
  /// whenever the toolchain is replaced, without running the compiler.
  var fingerprint: String

  /// Finds `swiftc`: `override`, then `$SWIFTC`, then beside the Swift runtime this process
  /// runs on (`<toolchain>/usr/lib/swift/<os>/libswiftCore.so` → `<toolchain>/usr/bin/swiftc`),
  /// then `PATH`.
  static func locate(override: String?) throws(ExecutorError) -> Toolchain {
    let environment = ProcessInfo.processInfo.environment
    var candidates: [String] = []
    if let override { candidates.append(override) }
    if let variable = environment["SWIFTC"], !variable.isEmpty { candidates.append(variable) }
    if let beside = besideRuntime() { candidates.append(beside) }
    for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      candidates.append("\(directory)/swiftc")
    }
    guard let swiftc = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else { throw .compilerNotFound }
    let resolved = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().path
    let frontend = URL(fileURLWithPath: resolved).deletingLastPathComponent()
      .appendingPathComponent("swift-frontend").path
    return Toolchain(
      swiftc: swiftc,
      fingerprint: [resolved, frontend].map(FileFingerprint.describe).joined(separator: "\n"))
  }

  /// `usr/bin/swiftc` of the toolchain whose `libswiftCore` this process loaded, if any.
  private static func besideRuntime() -> String? {
    #if os(Linux)
      // The loaded libswiftCore appears in /proc/self/maps with its path.
      guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8),
        let line = maps.split(separator: "\n").first(where: { $0.hasSuffix("/libswiftCore.so") }),
        let slash = line.firstIndex(of: "/")
      else { return nil }
      let library = URL(fileURLWithPath: String(line[slash...])).resolvingSymlinksInPath()
      // …/usr/lib/swift/linux/libswiftCore.so → …/usr/bin/swiftc
      let usr = library.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
      return usr.appendingPathComponent("bin/swiftc").path
    #else
      return nil
    #endif
  }
}

/// `path size mtime` of a file, a cheap stand-in for its contents in cache keys.
enum FileFingerprint {
  /// `path <size> <mtime in ns>`, or `path missing`.
  static func describe(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "\(path) missing" }
    #if os(Linux)
      let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    #else
      let nanoseconds =
        Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
    #endif
    return "\(path) \(info.st_size) \(nanoseconds)"
  }
}
