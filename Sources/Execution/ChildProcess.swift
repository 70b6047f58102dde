import Foundation

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// A child process started with `posix_spawn` in its own process group, stdin from
/// `/dev/null`, stdout and stderr to files and an explicit environment. (The working folder is
/// inherited: the runner moves into its scratch folder itself, see `HW_SCRATCH`.) Public for
/// the other programs `hw` runs with a time limit, such as Chromium for `hw pdf`.
public struct ChildProcess {
  /// How a child ended.
  public enum Termination: Equatable, Sendable {
    /// `exit(status)`.
    case exited(Int32)
    /// Killed by signal number `signal`.
    case signaled(Int32)
  }

  /// The process id (also the process group id).
  let pid: pid_t

  /// Where a child's standard output or error goes.
  enum Sink {
    /// A file, created or truncated.
    case file(String)
    /// An open descriptor of `hw`'s (a pipe's write end).
    case descriptor(Int32)
  }

  /// Starts `executable` (an absolute path) with `arguments` (not counting argv[0]).
  /// `descriptors` are given to the child as its descriptors 3, 4, …, in order; no other
  /// descriptor of `hw`'s is inherited (every one `hw` opens is close-on-exec).
  static func spawn(
    executable: String, arguments: [String], environment: [String: String],
    stdoutPath: String, stderrPath: String, descriptors: [Int32] = []
  ) throws(ExecutorError) -> ChildProcess {
    try spawn(
      executable: executable, arguments: arguments, environment: environment,
      stdout: .file(stdoutPath), stderr: .file(stderrPath), descriptors: descriptors)
  }

  /// Starts `executable` with its standard output and error sent to `stdout` and `stderr`.
  static func spawn(
    executable: String, arguments: [String], environment: [String: String],
    stdout: Sink, stderr: Sink, descriptors: [Int32] = []
  ) throws(ExecutorError) -> ChildProcess {
    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    // Each descriptor goes first to a number above every one involved, then to its place, so
    // that no move overwrites a descriptor still to be moved.
    let streams = [(1, stdout), (2, stderr)]
    let sources =
      descriptors
      + streams.compactMap { _, sink -> Int32? in
        if case .descriptor(let descriptor) = sink { return descriptor }
        return nil
      }
    let parking = max(3 + Int32(descriptors.count), (sources.max() ?? 0) + 1)
    for (offset, descriptor) in sources.enumerated() {
      posix_spawn_file_actions_adddup2(&actions, descriptor, parking + Int32(offset))
    }
    var parked = 0
    for (target, sink) in streams {
      switch sink {
      case .file(let path):
        posix_spawn_file_actions_addopen(
          &actions, Int32(target), path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      case .descriptor:
        posix_spawn_file_actions_adddup2(
          &actions, parking + Int32(descriptors.count + parked), Int32(target))
        parked += 1
      }
    }
    for offset in descriptors.indices {
      posix_spawn_file_actions_adddup2(&actions, parking + Int32(offset), 3 + Int32(offset))
    }
    var closedAbove = false
    #if canImport(Glibc)
      closedAbove = GNUExtensions.closeFrom(&actions, 3 + Int32(descriptors.count))
    #endif
    if !closedAbove {
      for offset in sources.indices {
        posix_spawn_file_actions_addclose(&actions, parking + Int32(offset))
      }
    }

    #if canImport(Darwin)
      var attributes: posix_spawnattr_t? = nil
    #else
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaultSignals = sigset_t()
    sigemptyset(&defaultSignals)
    for signal in [SIGPIPE, SIGXFSZ, SIGINT, SIGTERM, SIGALRM, SIGCHLD] {
      sigaddset(&defaultSignals, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes,
      Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp =
      environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
      + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid = pid_t()
    let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard status == 0 else {
      throw .system("cannot start \(executable): \(String(cString: strerror(status)))")
    }
    return ChildProcess(pid: pid)
  }

  /// The termination if the child has ended, without blocking; nil while it runs.
  func poll() -> Termination? {
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    guard result == pid else { return nil }
    return Self.termination(status)
  }

  /// Blocks until the child ends.
  func wait() -> Termination {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return Self.termination(status)
  }

  /// Kills the child, and the process group it led, with SIGKILL (the child itself even when
  /// it left its group).
  func killGroup() {
    kill(-pid, SIGKILL)
    kill(pid, SIGKILL)
  }

  private static func termination(_ status: Int32) -> Termination {
    let signal = status & 0x7f
    if signal == 0 { return .exited((status >> 8) & 0xff) }
    return .signaled(signal)
  }

  /// Runs `executable` to completion and returns its exit and its stdout and stderr text,
  /// captured through files in `directory`.
  /// When `timeoutSeconds` passes first, the child's group is killed and `timedOut` is true.
  public static func run(
    executable: String, arguments: [String], environment: [String: String], directory: String,
    timeoutSeconds: Double? = nil
  ) throws(ExecutorError) -> (
    termination: Termination, stdout: String, stderr: String, timedOut: Bool
  ) {
    let base = directory + "/.capture-\(UUID().uuidString)"
    let child = try spawn(
      executable: executable, arguments: arguments, environment: environment,
      stdoutPath: base + ".out", stderrPath: base + ".err")
    var termination: Termination
    var timedOut = false
    if let timeoutSeconds {
      let deadline = RunnerProcess.now() + timeoutSeconds
      var pause: UInt32 = 1_000
      while true {
        if let ended = child.poll() {
          termination = ended
          break
        }
        if RunnerProcess.now() > deadline {
          child.killGroup()
          termination = child.wait()
          timedOut = true
          break
        }
        usleep(pause)
        pause = min(pause * 2, 20_000)
      }
    } else {
      termination = child.wait()
    }
    defer {
      unlink(base + ".out")
      unlink(base + ".err")
    }
    let out = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
    return (termination, out, err, timedOut)
  }
}

extension ChildProcess.Termination {
  /// `exit status N` or `signal N (SIGNAME)`.
  public var description: String {
    switch self {
    case .exited(let status): return "exit status \(status)"
    case .signaled(let signal): return "signal \(signal) (\(Self.signalName(signal)))"
    }
  }

  static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGILL: return "SIGILL, a Swift runtime trap"
    case SIGTRAP: return "SIGTRAP, a Swift runtime trap"
    case SIGABRT: return "SIGABRT"
    case SIGSEGV: return "SIGSEGV, a bad memory access or stack overflow"
    case SIGBUS: return "SIGBUS"
    case SIGFPE: return "SIGFPE"
    case SIGKILL: return "SIGKILL"
    case SIGXCPU: return "SIGXCPU, the CPU time limit"
    case SIGXFSZ: return "SIGXFSZ, the file size limit"
    default: return "signal \(signal)"
    }
  }
}
