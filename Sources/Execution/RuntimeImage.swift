import Digest
import Foundation
import Synchronization

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// What a sandbox shows of `hw`: a copy of the block runtime (the library and the modules a
/// block imports, nothing else of `hw`'s build folder) and a module cache that `hw` fills by
/// compiling a runner without any block, outside any sandbox, from trusted code only. Sandboxes
/// see both read-only, so no run compiles the system's modules again and no block can poison
/// the cache for the next.
///
/// Kept in `<temporary folder>/hw-sandbox-<uid>/<hash>/`, where the hash covers the runtime's
/// and the compiler's fingerprints; one `hw` process makes it under a lock while the others
/// wait, and a `complete` file written last marks it usable.
struct RuntimeImage: Sendable {
  /// The image's folder.
  var root: String

  /// Holds the runtime library and `Modules/` (the runner's `-I`, `-L` and rpath).
  var libraryDirectory: String { root + "/lib" }
  /// The compiler's module cache.
  var moduleCache: String { root + "/module-cache" }

  /// The modules a block's program imports, through `BlockRuntime` (the `HWBlockRuntime`
  /// product's targets).
  static let modules = [
    "BlockRuntime", "LossEngine", "Figures", "BlockRecords", "Diagnostics", "TeXMath",
  ]

  /// Modules of the toolchain a block may import, compiled into the cache when present.
  static let toolchainModules = [
    "Glibc", "Dispatch", "FoundationNetworking", "FoundationXML", "Synchronization",
    "RegexBuilder",
  ]

  private static let prepared = Mutex<[String: RuntimeImage]>([:])

  /// The image for this runtime and compiler, made when missing.
  static func prepare(
    runtimeDirectory: String, runtimeFingerprint: String, toolchain: Toolchain,
    temporaryRoot: String, timeoutSeconds: Double
  ) throws(ExecutorError) -> RuntimeImage {
    var digest = SHA256()
    digest.update(runtimeFingerprint + "\n" + toolchain.fingerprint + "\n" + compileFlagsVersion)
    let name = String(digest.hexDigest().prefix(20))
    let base = try folder(temporaryRoot: temporaryRoot)
    let root = base + "/" + name
    if let known = prepared.withLock({ $0[root] }) { return known }
    let image = RuntimeImage(root: root)
    // One process builds an image; the others wait for it, then find it complete.
    let lock = open(root + ".lock", O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard lock >= 0 else {
      throw .system("cannot create \(root).lock: \(String(cString: strerror(errno)))")
    }
    defer { close(lock) }
    while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
    if !FileManager.default.fileExists(atPath: image.completeMarker) {
      try build(
        image, runtimeDirectory: runtimeDirectory, toolchain: toolchain,
        timeoutSeconds: timeoutSeconds)
      removeStale(in: base, keeping: name)
    }
    prepared.withLock { $0[root] = image }
    return image
  }

  /// `<temporaryRoot>/hw-sandbox-<uid>`, made when missing, checked to be this user's alone.
  static func folder(temporaryRoot: String) throws(ExecutorError) -> String {
    let base = (temporaryRoot as NSString).appendingPathComponent("hw-sandbox-\(geteuid())")
    try makeOwnedFolder(base)
    return base
  }

  /// Written last, when the image is whole.
  private var completeMarker: String { root + "/complete" }

  /// Changes whenever the compile flags or the warm-up program change.
  private static let compileFlagsVersion = "image 2"

  private static func build(
    _ image: RuntimeImage, runtimeDirectory: String, toolchain: Toolchain, timeoutSeconds: Double
  ) throws(ExecutorError) {
    let files = FileManager.default
    try? files.removeItem(atPath: image.root)
    var complete = false
    defer { if !complete { try? files.removeItem(atPath: image.root) } }
    do {
      try files.createDirectory(
        atPath: image.libraryDirectory + "/Modules", withIntermediateDirectories: true)
      try files.createDirectory(atPath: image.moduleCache, withIntermediateDirectories: true)
      let library = ExecutorConfiguration.runtimeLibraryName
      try files.copyItem(
        atPath: runtimeDirectory + "/" + library, toPath: image.libraryDirectory + "/" + library)
      for module in modules {
        let file = "/Modules/\(module).swiftmodule"
        guard files.fileExists(atPath: runtimeDirectory + file) else { continue }
        try files.copyItem(atPath: runtimeDirectory + file, toPath: image.libraryDirectory + file)
      }
    } catch {
      throw .system(
        "cannot copy the block runtime into \(image.root): \(error.localizedDescription)")
    }
    let warm = image.root + "/warm"
    try? files.createDirectory(atPath: warm, withIntermediateDirectories: true)
    let imports = ["Foundation", "BlockRuntime"] + toolchainModules.filter(toolchain.hasModule)
    let program = imports.map { "import \($0)" }.joined(separator: "\n") + "\n_hwRunnerStart()\n"
    guard files.createFile(atPath: warm + "/main.swift", contents: Data(program.utf8)) else {
      throw .system("cannot write \(warm)/main.swift")
    }
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = warm
    environment["TERM"] = "dumb"
    // Both ways a runner is compiled, with line tables and without: the cache's modules differ.
    for lineTables in [false, true] {
      let result = try ChildProcess.run(
        executable: toolchain.swiftc,
        arguments: RunnerCompiler.flags(image: image, lineTables: lineTables)
          + [warm + "/main.swift", "-o", warm + "/runner"],
        environment: environment, directory: warm, timeoutSeconds: timeoutSeconds)
      try checkWarmUp(result, warm: warm)
    }
    try? files.removeItem(atPath: warm)
    makeReadable(image.root)
    guard files.createFile(atPath: image.completeMarker, contents: Data()) else {
      throw .system("cannot write \(image.completeMarker)")
    }
    complete = true
  }

  /// Throws the toolchain's failure when a warm-up compile did not succeed.
  private static func checkWarmUp(
    _ result: (
      termination: ChildProcess.Termination, stdout: String, stderr: String, timedOut: Bool
    ),
    warm: String
  ) throws(ExecutorError) {
    guard result.termination == .exited(0) else {
      let output = result.stderr + (result.stdout.isEmpty ? "" : "\n" + result.stdout)
      let source = RunnerSource(displayPath: "<runner>", blocks: [])
      let errors = CompilerDiagnostics(
        output: output, source: source, generatedPath: warm + "/main.swift"
      ).unattributedErrors
      throw .toolchainFailed(
        output: errors.isEmpty
          ? output.trimmingCharacters(in: .whitespacesAndNewlines)
          : errors.joined(separator: "\n"))
    }
  }

  /// Creates `path` for this user alone to write (others may read and enter it, as a sandbox's
  /// uid must); refuses a folder someone else owns or others may write.
  private static func makeOwnedFolder(_ path: String) throws(ExecutorError) {
    if mkdir(path, 0o755) != 0 && errno != EEXIST {
      throw .system("cannot create \(path): \(String(cString: strerror(errno)))")
    }
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid(),
      info.st_mode & 0o022 == 0
    else {
      throw .system(
        "\(path) is not a folder of this user's that only it may write: remove it and run again")
    }
    if info.st_mode & 0o755 != 0o755 { chmod(path, 0o755) }
  }

  /// Everything in `path` readable by all, folders enterable: the sandbox's uid reads them.
  private static func makeReadable(_ path: String) {
    chmod(path, 0o755)
    guard let walker = FileManager.default.enumerator(atPath: path) else { return }
    for case let relative as String in walker {
      let full = path + "/" + relative
      var info = stat()
      guard lstat(full, &info) == 0 else { continue }
      switch info.st_mode & S_IFMT {
      case S_IFDIR: chmod(full, 0o755)
      case S_IFREG: chmod(full, info.st_mode & 0o100 != 0 ? 0o755 : 0o644)
      default: break
      }
    }
  }

  /// Removes images of other runtimes or compilers not used for a day.
  private static func removeStale(in base: String, keeping name: String) {
    let files = FileManager.default
    guard let names = try? files.contentsOfDirectory(atPath: base) else { return }
    for other in names where other != name && other != name + ".lock" {
      let path = base + "/" + other
      guard let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
        Date().timeIntervalSince(modified) > 24 * 3600
      else { continue }
      try? files.removeItem(atPath: path)
    }
  }
}

extension Toolchain {
  /// Whether the toolchain ships the Swift module `name` for this platform.
  func hasModule(_ name: String) -> Bool {
    let usr = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
      .deletingLastPathComponent()
    let folder = usr.appendingPathComponent("lib/swift/linux").path
    return FileManager.default.fileExists(atPath: "\(folder)/\(name).swiftmodule")
  }

  /// The folders a runner needs of the toolchain: the Swift runtime libraries and the
  /// backtracer.
  var runtimeFolders: [String] {
    let usr = sandboxFolder
    return ["\(usr)/lib/swift/linux", "\(usr)/libexec/swift/linux"].filter {
      FileManager.default.fileExists(atPath: $0)
    }
  }

  /// The folder a sandbox must show for the compiler to run: `…/usr` of the toolchain, or the
  /// compiler's own folder when it is not in a toolchain layout.
  var sandboxFolder: String {
    let resolved = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath()
    let bin = resolved.deletingLastPathComponent()
    if bin.lastPathComponent == "bin", bin.deletingLastPathComponent().lastPathComponent == "usr" {
      return bin.deletingLastPathComponent().path
    }
    return bin.path
  }
}
