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
/// `hw` hands the runner its channels as open file descriptors, never as paths, so a block
/// cannot name, reopen or replace them (see `RunnerChannels` in the Execution module):
/// - descriptor 3: the record pipe (JSON lines, one `write(2)` per record);
/// - descriptors `4 + 2i` and `5 + 2i`: standard output and standard error of block `i`.
/// `HW_RUNNER_CHANNELS=1` says they are there. Limits are set by `hw` before the runner starts;
/// nothing here sets or could raise them.
final class RunnerSession: Sendable {
  static let shared = RunnerSession()

  /// What the session holds, behind one lock: block code may call in from any thread.
  private struct State {
    var recordsDescriptor: Int32 = -1
    var runningBlock = -1
  }

  private let state = Mutex(State())

  private init() {}

  /// The 0-based index of the block that is running (-1 before the first).
  var currentBlock: Int { state.withLock { $0.runningBlock } }

  /// Takes the channels `hw` opened, makes stdout unbuffered, and moves into the scratch folder.
  func start() {
    setvbuf(stdout, nil, _IONBF, 0)
    setvbuf(stderr, nil, _IONBF, 0)
    signal(SIGXFSZ, SIG_IGN)
    let channels = environment("HW_RUNNER_CHANNELS") == "1"
    if channels {
      // None is inherited by what a block starts, except as its own stdout and stderr (dup2
      // makes those without the flag).
      var descriptor = RunnerChannels.records
      while descriptor < 1 << 16, fcntl(descriptor, F_SETFD, FD_CLOEXEC) == 0 { descriptor += 1 }
      state.withLock { $0.recordsDescriptor = RunnerChannels.records }
    }
    if let scratch = environment("HW_SCRATCH") { _ = chdir(scratch) }
    if channels { exitWhenOrphaned() }
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
    guard state.withLock({ $0.recordsDescriptor }) >= 0, index >= 0 else { return }
    fflush(stdout)
    fflush(stderr)
    let base = RunnerChannels.firstBlock + 2 * Int32(clamping: index)
    guard fcntl(base, F_GETFD) >= 0, fcntl(base + 1, F_GETFD) >= 0 else { return }
    dup2(base, STDOUT_FILENO)
    dup2(base + 1, STDERR_FILENO)
  }

  private func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }
}

/// The descriptors `hw` passes to a runner.
enum RunnerChannels {
  /// The record pipe.
  static let records: Int32 = 3
  /// Standard output of block 0; its standard error is the next one, then block 1's pair.
  static let firstBlock: Int32 = 4
}

/// Called once by the generated runner before its first block. Not for use in blocks.
public func _hwRunnerStart() {
  RunnerSession.shared.start()
}

/// Called once by the generated runner before its first block, which is `first`. Not for use
/// in blocks.
public func _hwRunnerStart(beginning first: Int) {
  RunnerSession.shared.start()
  RunnerSession.shared.begin(block: first)
}

/// Called by the generated runner just before block `index` (0-based). Not for use in blocks.
public func _hwBlockBegin(_ index: Int) {
  RunnerSession.shared.begin(block: index)
}

/// Called by the generated runner between two blocks: just after block `previous`, just
/// before block `next`. Not for use in blocks.
public func _hwBlockBoundary(_ previous: Int, _ next: Int) {
  RunnerSession.shared.end(block: previous)
  RunnerSession.shared.begin(block: next)
}

/// Called by the generated runner just after block `index` (0-based). Not for use in blocks.
public func _hwBlockEnd(_ index: Int) {
  RunnerSession.shared.end(block: index)
}
