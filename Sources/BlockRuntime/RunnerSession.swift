import BlockRecords
import Synchronization

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// The state of the running runner: where records go, which block runs, where output goes.
///
/// Configured from the environment the builder sets:
/// - `HW_RECORDS`: the record file (JSON lines, appended, one `write(2)` per record);
/// - `HW_OUTPUT_DIR`: folder for `<block>.stdout` / `<block>.stderr`, one pair per block;
/// - `HW_SCRATCH`: the working folder the blocks run in;
/// - `HW_LIMIT_CPU_SECONDS`, `HW_LIMIT_ADDRESS_SPACE_BYTES`, `HW_LIMIT_FILE_BYTES`:
///   resource limits applied before any block runs.
final class RunnerSession: Sendable {
  static let shared = RunnerSession()

  /// What the session holds, behind one lock: block code may call in from any thread.
  private struct State {
    var recordsDescriptor: Int32 = -1
    var outputDirectory: String?
    var runningBlock = -1
  }

  private let state = Mutex(State())

  private init() {}

  /// The 0-based index of the block that is running (-1 before the first).
  var currentBlock: Int { state.withLock { $0.runningBlock } }

  /// Reads the environment, applies limits, makes stdout unbuffered and opens the record file.
  func start() {
    setvbuf(stdout, nil, _IONBF, 0)
    setvbuf(stderr, nil, _IONBF, 0)
    signal(SIGXFSZ, SIG_IGN)
    applyLimit("HW_LIMIT_CPU_SECONDS", resource: cpuLimit)
    applyLimit("HW_LIMIT_ADDRESS_SPACE_BYTES", resource: addressSpaceLimit)
    applyLimit("HW_LIMIT_FILE_BYTES", resource: fileSizeLimit)
    let records = environment("HW_RECORDS").map {
      open($0, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }
    let output = environment("HW_OUTPUT_DIR")
    state.withLock { state in
      if let records { state.recordsDescriptor = records }
      state.outputDirectory = output
    }
    if let scratch = environment("HW_SCRATCH") { _ = chdir(scratch) }
    if environment("HW_RECORDS") != nil { exitWhenOrphaned() }
  }

  /// Ends the runner when `hw` is gone (killed, or stopped with Ctrl-C): the runner has its own
  /// process group, so nothing else would stop a block that loops. A thread checks every 0.2 s
  /// whether the parent process changed.
  private func exitWhenOrphaned() {
    let parent = getppid()
    var thread = pthread_t()
    let started = pthread_create(
      &thread, nil,
      { argument in
        let parent = pid_t(Int(bitPattern: argument))
        while true {
          usleep(200_000)
          if getppid() != parent { _exit(137) }
        }
      }, UnsafeMutableRawPointer(bitPattern: Int(parent)))
    if started == 0 { pthread_detach(thread) }
  }

  /// Marks block `index` as running: output goes to its own files, a `started` record is written.
  func begin(block index: Int) {
    state.withLock { $0.runningBlock = index }
    redirectOutput(block: index)
    append(.started(block: index))
  }

  /// Marks block `index` as finished and writes a `finished` record.
  func end(block index: Int) {
    fflush(stdout)
    fflush(stderr)
    append(.finished(block: index))
  }

  /// Appends one record to the record file (a single `write(2)`, so a crash cannot tear it
  /// except by killing the process mid-call).
  func append(_ record: BlockRecord) {
    let line = RecordCodec.line(for: record)
    state.withLock { state in
      let descriptor = state.recordsDescriptor
      guard descriptor >= 0 else { return }
      line.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
          let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
          if written <= 0 { break }
          offset += written
        }
      }
    }
  }

  private func redirectOutput(block index: Int) {
    guard let directory = state.withLock({ $0.outputDirectory }) else { return }
    fflush(stdout)
    fflush(stderr)
    for (name, target) in [("stdout", STDOUT_FILENO), ("stderr", STDERR_FILENO)] {
      let descriptor = open(
        "\(directory)/\(index).\(name)", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { continue }
      dup2(descriptor, target)
      close(descriptor)
    }
  }

  private func applyLimit(_ variable: String, resource: Int32) {
    guard let text = environment(variable), let value = UInt(text) else { return }
    var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
    var current = rlimit()
    if getrlimit(resource, &current) == 0, current.rlim_max < limit.rlim_max {
      limit = rlimit(rlim_cur: current.rlim_max, rlim_max: current.rlim_max)
    }
    _ = setrlimit(resource, &limit)
  }

  private func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }
}

#if os(Linux)
  private let cpuLimit = Int32(RLIMIT_CPU.rawValue)
  private let addressSpaceLimit = Int32(RLIMIT_AS.rawValue)
  private let fileSizeLimit = Int32(RLIMIT_FSIZE.rawValue)
#else
  private let cpuLimit = RLIMIT_CPU
  private let addressSpaceLimit = RLIMIT_AS
  private let fileSizeLimit = RLIMIT_FSIZE
#endif

/// Called once by the generated runner before its first block. Not for use in blocks.
public func _hwRunnerStart() {
  RunnerSession.shared.start()
}

/// Called by the generated runner just before block `index` (0-based). Not for use in blocks.
public func _hwBlockBegin(_ index: Int) {
  RunnerSession.shared.begin(block: index)
}

/// Called by the generated runner just after block `index` (0-based). Not for use in blocks.
public func _hwBlockEnd(_ index: Int) {
  RunnerSession.shared.end(block: index)
}
