import Foundation
import Synchronization

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// How far a runner (and the compiler that builds it) is shut away from the machine.
public enum SandboxLevel: String, Sendable, CaseIterable, Equatable {
  /// bubblewrap: its own user, PID, IPC, UTS, network and mount namespaces, a read-only view
  /// of the toolchain and the runtime, a size-limited scratch tmpfs and `/dev/shm`, an
  /// unprivileged uid without capabilities.
  case bubblewrap = "bwrap"
  /// A dedicated unprivileged uid without capabilities, with the same limits and a private
  /// scratch folder, and every process of that uid killed after each run (needs root; for
  /// containers that refuse user namespaces).
  case user
  /// No containment: the runner runs as `hw`'s user, with the resource limits only.
  case none
}

/// The level the user asked for.
public enum SandboxRequest: Sendable, Equatable {
  /// bubblewrap where it works, else the user level (when `hw` runs as root) with a warning.
  case automatic
  /// Exactly this level, or an error when it is not available here.
  case exactly(SandboxLevel)
}

/// Paths of the programs a sandboxed command goes through.
enum SandboxTools {
  static func find(_ name: String) -> String? {
    ["/usr/bin/\(name)", "/bin/\(name)", "/usr/sbin/\(name)", "/sbin/\(name)"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
  static let bwrap = find("bwrap")
  static let prlimit = find("prlimit")
  static let setpriv = find("setpriv")
  static let isRoot = geteuid() == 0
}

/// Limits one contained process runs under, set by `prlimit` before its first instruction.
struct ProcessLimits: Equatable {
  /// CPU seconds, `RLIMIT_CPU`.
  var cpuSeconds: UInt64
  /// Address space in bytes, `RLIMIT_AS`; nil for none.
  var addressSpaceBytes: UInt64?
  /// Largest file in bytes, `RLIMIT_FSIZE`.
  var fileSizeBytes: UInt64
  /// Processes and threads of the sandbox's user, `RLIMIT_NPROC` (not applied at level none).
  var processes: UInt64
  /// Size of the scratch tmpfs (bubblewrap level).
  var scratchBytes: UInt64
  /// Size of the private `/dev/shm` (bubblewrap level).
  var sharedMemoryBytes: UInt64

  /// `prlimit` options for these limits.
  func prlimitArguments(level: SandboxLevel) -> [String] {
    var arguments = ["--cpu=\(cpuSeconds)", "--fsize=\(fileSizeBytes)", "--core=0"]
    if let addressSpaceBytes { arguments.append("--as=\(addressSpaceBytes)") }
    if level != .none { arguments.append("--nproc=\(processes)") }
    return arguments
  }
}

/// One contained command: the argument vector that runs `program` at `level`.
struct SandboxCommand {
  /// The resolved level.
  var level: SandboxLevel
  /// The uid (and gid) the command runs as when `hw` runs as root; nil to keep `hw`'s.
  var uid: uid_t?
  /// Folders shown read-only at their own paths (the toolchain, the runtime image).
  var readOnly: [String]
  /// The run's folder, at its own path.
  var directory: String
  /// Whether the command may write `directory` (the compiler) or only read it (the runner).
  var writable: Bool
  /// A folder inside `directory` to mount as the size-limited scratch tmpfs (the runner).
  var scratch: String?
  /// The environment, and nothing else.
  var environment: [String: String]
  /// Limits.
  var limits: ProcessLimits

  /// The argument vector (its first element is the executable).
  func arguments(program: [String]) throws(ExecutorError) -> [String] {
    guard let prlimit = SandboxTools.prlimit else {
      throw .system("cannot contain a runner: `prlimit` (util-linux) is not installed")
    }
    let limited = [prlimit] + limits.prlimitArguments(level: level) + ["--"] + program
    switch level {
    case .none:
      return limited
    case .user:
      return try switchUser() + limited
    case .bubblewrap:
      guard let bwrap = SandboxTools.bwrap else {
        throw .system("cannot use bubblewrap: `bwrap` is not installed")
      }
      return try switchUser() + [bwrap] + bubblewrapOptions() + ["--"] + limited
    }
  }

  /// `setpriv` to the sandbox's uid without groups or capabilities, when `hw` is root.
  private func switchUser() throws(ExecutorError) -> [String] {
    guard let uid else { return [] }
    guard let setpriv = SandboxTools.setpriv else {
      throw .system("cannot contain a runner: `setpriv` (util-linux) is not installed")
    }
    return [
      setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--inh-caps=-all",
      "--bounding-set=-all", "--no-new-privs", "--",
    ]
  }

  private func bubblewrapOptions() -> [String] {
    var options = [
      "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
      "--cap-drop", "ALL", "--hostname", "hw",
      "--ro-bind", "/usr", "/usr",
    ]
    // Merged-/usr systems link these into /usr; others have them as folders.
    for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
      if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: top) {
        options += ["--symlink", target, top]
      } else if FileManager.default.fileExists(atPath: top) {
        options += ["--ro-bind", top, top]
      }
    }
    // The dynamic linker's cache and the alternatives its links go through (e.g. BLAS).
    for file in ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"] {
      options += ["--ro-bind-try", file, file]
    }
    for folder in readOnly where !folder.hasPrefix("/usr/") {
      options += ["--ro-bind", folder, folder]
    }
    options += ["--proc", "/proc", "--dev", "/dev"]
    options += ["--size", String(limits.sharedMemoryBytes), "--tmpfs", "/dev/shm"]
    options += [writable ? "--bind" : "--ro-bind", directory, directory]
    if let scratch {
      options += ["--size", String(limits.scratchBytes), "--perms", "0700", "--tmpfs", scratch]
    }
    options += ["--remount-ro", "/", "--clearenv"]
    for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
      options += ["--setenv", name, value]
    }
    options += ["--chdir", scratch ?? directory]
    return options
  }
}

/// The uids runners run as when `hw` is root: one per run at a time, across every `hw` process
/// of the machine (a lock file per uid in the image folder), so that the process limit and
/// the final kill touch that run alone.
enum SandboxUsers {
  /// The first uid (an unassigned range below 65536, which user-namespaced containers map).
  static let first: uid_t = 64_000
  /// How many runs may hold a uid at once.
  static let count: uid_t = 256

  /// The lock descriptor of each uid this process holds.
  private static let held = Mutex<[uid_t: Int32]>([:])

  /// Takes a uid no run holds, waiting while all are held, after killing whatever a run that
  /// ended without cleaning up left of it.
  static func take(lockFolder: String, cleaning: Bool) throws(ExecutorError) -> uid_t {
    if cleaning, !swept.exchange(true, ordering: .acquiringAndReleasing) {
      sweep(lockFolder: lockFolder)
    }
    while true {
      for uid in first..<first + count {
        if held.withLock({ $0[uid] != nil }) { continue }
        let lock = open(
          "\(lockFolder)/uid-\(uid).lock", O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else {
          throw .system(
            "cannot create a lock in \(lockFolder): \(String(cString: strerror(errno)))")
        }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
          close(lock)
          continue
        }
        let taken = held.withLock { held -> Bool in
          if held[uid] != nil { return false }
          held[uid] = lock
          return true
        }
        guard taken else {
          close(lock)
          continue
        }
        if cleaning { killAll(uid) }
        return uid
      }
      usleep(20_000)
    }
  }

  /// Whether this process has swept the pool (``sweep(lockFolder:)``).
  private static let swept = Atomic<Bool>(false)

  /// Kills what runs as any uid of the pool that no run holds: what a run killed with its `hw`
  /// left behind, whichever uid it had (the next run may take another). Done once a process,
  /// before its first run; a uid that another live `hw` holds is left alone.
  static func sweep(lockFolder: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
      return
    }
    var orphaned: Set<uid_t> = []
    for name in names where pid_t(name) != nil {
      var info = stat()
      if stat("/proc/\(name)", &info) == 0, info.st_uid >= first, info.st_uid < first + count {
        orphaned.insert(info.st_uid)
      }
    }
    for uid in orphaned.sorted() where held.withLock({ $0[uid] == nil }) {
      let lock = open(
        "\(lockFolder)/uid-\(uid).lock", O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
      guard lock >= 0 else { continue }
      defer { close(lock) }
      guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { continue }
      killAll(uid)
      flock(lock, LOCK_UN)
    }
  }

  /// Gives `uid` back, after killing every process it still has when `cleaning` (the user
  /// level; a bubblewrap sandbox's processes end with its PID namespace).
  static func give(_ uid: uid_t, cleaning: Bool) {
    if cleaning { killAll(uid) }
    if let lock = held.withLock({ $0.removeValue(forKey: uid) }) { close(lock) }
  }

  /// Kills every process of `uid` (those a run left behind, in any session or group), and
  /// removes its files from the shared temporary folders.
  static func killAll(_ uid: uid_t) {
    for _ in 0..<100 {
      let pids = processes(of: uid)
      if pids.isEmpty { break }
      for pid in pids { kill(pid, SIGKILL) }
      usleep(2_000)
    }
    for folder in ["/dev/shm", "/tmp", "/var/tmp", "/dev/mqueue"] {
      removeFiles(of: uid, in: folder)
    }
  }

  /// Bytes on disk of the files in `scratch` and of `uid`'s files in the shared temporary
  /// folders (up to 20,000 entries in all, so counting stays cheap).
  static func diskBytes(of uid: uid_t, scratch: String) -> UInt64 {
    var total: UInt64 = 0
    var seen = 0
    func add(_ path: String, ownedBy owner: uid_t?) {
      var info = stat()
      guard seen < 20_000, lstat(path, &info) == 0 else { return }
      seen += 1
      if owner == nil || info.st_uid == owner! { total += UInt64(info.st_blocks) * 512 }
      guard info.st_mode & S_IFMT == S_IFDIR,
        let names = try? FileManager.default.contentsOfDirectory(atPath: path)
      else { return }
      for name in names { add(path + "/" + name, ownedBy: owner) }
    }
    add(scratch, ownedBy: nil)
    for folder in ["/dev/shm", "/tmp", "/var/tmp"] {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        continue
      }
      for name in names {
        var info = stat()
        let path = folder + "/" + name
        if lstat(path, &info) == 0, info.st_uid == uid { add(path, ownedBy: uid) }
      }
    }
    return total
  }

  /// Ids of the processes of `uid` that still run (zombies, which run nothing and wait for
  /// their parent, are left out).
  static func processes(of uid: uid_t) -> [pid_t] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
      return []
    }
    return names.compactMap { name -> pid_t? in
      guard let pid = pid_t(name) else { return nil }
      var info = stat()
      guard stat("/proc/\(name)", &info) == 0, info.st_uid == uid else { return nil }
      let stat = (try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8)) ?? ""
      if let end = stat.range(of: ") ", options: .backwards), stat[end.upperBound...].hasPrefix("Z")
      {
        return nil
      }
      return pid
    }
  }

  private static func removeFiles(of uid: uid_t, in folder: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    // Run folders (`hw-run-…`) are `hw`'s, handed over for a run; `hw` removes them itself.
    for name in names where !name.hasPrefix(Executor.workDirectoryPrefix) {
      let path = folder + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0, info.st_uid == uid else { continue }
      try? FileManager.default.removeItem(atPath: path)
    }
  }
}

/// Which levels work on this machine, probed once per process.
enum SandboxProbe {
  /// Whether bubblewrap can make its namespaces here (as the sandbox's uid when root).
  static let bubblewrapWorks: Bool = {
    guard let truePath = SandboxTools.find("true"), SandboxTools.bwrap != nil else {
      return false
    }
    let folder = NSTemporaryDirectory()
    let command = SandboxCommand(
      level: .bubblewrap, uid: SandboxTools.isRoot ? SandboxUsers.first + SandboxUsers.count : nil,
      readOnly: [], directory: "/usr/bin", writable: false, scratch: nil,
      environment: ["PATH": "/usr/bin:/bin"],
      limits: ProcessLimits(
        cpuSeconds: 5, addressSpaceBytes: nil, fileSizeBytes: 1 << 20, processes: 16,
        scratchBytes: 1 << 20, sharedMemoryBytes: 1 << 20))
    guard let arguments = try? command.arguments(program: [truePath]),
      let result = try? ChildProcess.run(
        executable: arguments[0], arguments: Array(arguments.dropFirst()),
        environment: ["PATH": "/usr/bin:/bin"], directory: folder, timeoutSeconds: 10)
    else { return false }
    return result.termination == .exited(0)
  }()

  /// Whether the user level works: `hw` is root and can switch users.
  static var userWorks: Bool {
    SandboxTools.isRoot && SandboxTools.setpriv != nil && SandboxTools.prlimit != nil
  }

  /// Throws what `resolve` would when the programs a level needs are missing, without starting
  /// any of them.
  static func check(_ request: SandboxRequest) throws(ExecutorError) {
    let bubblewrapInstalled = SandboxTools.bwrap != nil && SandboxTools.prlimit != nil
    switch request {
    case .exactly(.none):
      guard SandboxTools.prlimit != nil else {
        throw .system("cannot limit a runner: `prlimit` (util-linux) is not installed")
      }
    case .exactly(.bubblewrap):
      guard bubblewrapInstalled else { throw .system(bubblewrapProblem) }
    case .exactly(.user):
      guard userWorks else { throw .system(userProblem) }
    case .automatic:
      if !bubblewrapInstalled && !userWorks { _ = try resolve(request) }
    }
  }

  /// The level to use for `request`, and a warning to print once when it is less than asked
  /// by default; throws when no acceptable level works.
  static func resolve(_ request: SandboxRequest) throws(ExecutorError) -> (
    SandboxLevel, warning: String?
  ) {
    switch request {
    case .exactly(.none):
      return (
        .none,
        "blocks run without a sandbox (--sandbox none): they can read and write what hw can; "
          + "only CPU, memory and file size limits apply"
      )
    case .exactly(.bubblewrap):
      guard bubblewrapWorks else { throw .system(bubblewrapProblem) }
      return (.bubblewrap, nil)
    case .exactly(.user):
      guard userWorks else { throw .system(userProblem) }
      return (.user, nil)
    case .automatic:
      if bubblewrapWorks { return (.bubblewrap, nil) }
      if userWorks {
        return (
          .user,
          "\(bubblewrapProblem); blocks run at the user level instead (their own uid, no "
            + "capabilities, limits; the network stays reachable)"
        )
      }
      throw .system(
        "\(bubblewrapProblem), and the user level needs root: no sandbox for the blocks. "
          + "Install bubblewrap, run as root, or pass --sandbox none to run them uncontained")
    }
  }

  private static var bubblewrapProblem: String {
    SandboxTools.bwrap == nil
      ? "bubblewrap (`bwrap`) is not installed"
      : "bubblewrap cannot create its namespaces here (user namespaces refused)"
  }

  private static var userProblem: String {
    SandboxTools.isRoot
      ? "the user level needs `setpriv` and `prlimit` (util-linux)"
      : "the user level (--sandbox user) needs hw to run as root, to switch to a runner's uid"
  }
}

/// The containment of one document's compiles and runs.
struct SandboxContext: Sendable {
  /// The resolved level.
  var level: SandboxLevel
  /// The uid compiles and runs switch to (`hw` is root), or nil to keep `hw`'s (it is not).
  var uid: uid_t?

  /// Makes `folder` (one that `hw` created for a compile or a run) the sandbox uid's, so that
  /// the compiler may write in it and the runner may read it.
  func handOver(_ folder: String) {
    guard let uid else { return }
    chown(folder, uid, uid)
    chmod(folder, 0o700)
  }

  /// The compiler's limits: CPU time a little past its timeout, no address space limit (the
  /// compiler reserves far more than it uses), 1 GiB files, 64 processes.
  func compileLimits(timeoutSeconds: Double) -> ProcessLimits {
    ProcessLimits(
      cpuSeconds: UInt64(timeoutSeconds.rounded(.up)) + 5, addressSpaceBytes: nil,
      fileSizeBytes: 1 << 30, processes: 64, scratchBytes: 0, sharedMemoryBytes: 16 << 20)
  }
}
