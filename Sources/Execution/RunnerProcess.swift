import BlockRecords
import Foundation

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Runs a compiled runner, reads its records as they arrive, and kills it when the block
/// that is running passes its time limit.
struct RunnerProcess {
  /// What the run produced.
  struct Outcome {
    /// Every record, in order.
    var records: [BlockRecord]
    /// How the runner ended.
    var termination: ChildProcess.Termination
    /// Block index that was killed for running past its limit, and the limit in seconds.
    var timedOut: (block: Int, seconds: Double)?
    /// Block index that `hw` stopped for passing a limit it watches (the user level's disk
    /// limit), and why.
    var stopped: (block: Int, reason: String)? = nil
  }

  var executable: String
  var blocks: [VerifyBlock]
  /// The page's labelled formulas, given to the runner as JSON in its environment.
  var formulas: PageFormulas
  var limits: ResourceLimits
  var sandbox: SandboxContext
  /// Folders the runner must see read-only (the runtime image).
  var readOnly: [String]
  /// The content folder, which the runner may read, or nil.
  var contentDirectory: String?

  /// Starts the runner, contained, with its channels, waits for it, and leaves in
  /// `workDirectory/out/` what each block wrote (`<block>.stdout`, `<block>.stderr`, cut past
  /// the limit) and in `workDirectory/backtrace.txt` the backtrace of a crash. Its scratch
  /// folder, `workDirectory/scratch`, is a tmpfs of its own at the bubblewrap level.
  func run(in workDirectory: String) throws(ExecutorError) -> Outcome {
    let outputDirectory = workDirectory + "/out"
    let scratch = workDirectory + "/scratch"
    for folder in [outputDirectory, scratch] {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch { throw .system("cannot create \(folder)") }
    }
    sandbox.handOver(workDirectory)
    sandbox.handOver(scratch)
    chmod(scratch, 0o700)
    let totalTimeout = blocks.reduce(0) { $0 + $1.options.effectiveTimeoutSeconds }
    var environment = [
      "PATH": "/usr/bin:/bin",
      "HOME": scratch,
      "TMPDIR": scratch,
      "LANG": "C.UTF-8",
      // The engine's products are small: OpenBLAS's worker threads only spin beside the one
      // that computes (0.13 s of CPU per run of the homework), taking the core a second
      // runner needs.
      "OPENBLAS_NUM_THREADS": "1",
      "HW_RUNNER_CHANNELS": "1",
      "HW_SCRATCH": scratch,
      "SWIFT_BACKTRACE":
        "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,"
        + "limit=64,top=16,timeout=5s,output-to=stderr",
    ]
    if let contentDirectory { environment["HW_CONTENT"] = contentDirectory }
    if !formulas.isEmpty {
      // A file, not the variable itself: one variable holds at most 128 KiB on Linux.
      let path = workDirectory + "/" + PageFormulas.fileName
      guard let json = try? JSONEncoder().encode(formulas),
        FileManager.default.createFile(atPath: path, contents: json)
      else { throw .system("cannot write the page's formulas to \(path)") }
      chmod(path, 0o444)
      environment[PageFormulas.environmentVariable] = path
    }
    let processLimits = ProcessLimits(
      cpuSeconds: UInt64(totalTimeout.rounded(.up)) + limits.cpuSecondsBeyondTimeouts,
      addressSpaceBytes: limits.addressSpaceBytes, fileSizeBytes: limits.fileSizeBytes,
      processes: limits.processes, scratchBytes: limits.scratchBytes,
      sharedMemoryBytes: limits.sharedMemoryBytes)
    let command = try SandboxCommand(
      level: sandbox.level, uid: sandbox.uid,
      readOnly: readOnly + (contentDirectory.map { [$0] } ?? []), directory: workDirectory,
      writable: false, scratch: sandbox.level == .bubblewrap ? scratch : nil,
      environment: environment, limits: processLimits
    ).arguments(program: [executable])

    let streamCount = (blocks.map(\.index).max() ?? -1) + 1
    var channels = try RunnerChannels(streams: 2 * streamCount, keep: limits.outputBytesPerBlock)
    defer { channels.closeAll() }
    let spawned = try ChildProcess.spawn(
      executable: command[0], arguments: Array(command.dropFirst()), environment: environment,
      stdout: .descriptor(channels.runnerOutput.writeEnd),
      stderr: .descriptor(channels.runnerError.writeEnd),
      descriptors: [channels.records.writeEnd] + channels.blockStreams.map(\.writeEnd))
    channels.closeWriteEnds()
    // At the user level the runner's processes may leave its group and session; they are
    // found by their uid instead.
    let child = ContainedChild(process: spawned, uid: sandbox.level == .user ? sandbox.uid : nil)

    var records: [BlockRecord] = []
    var pending: [UInt8] = []
    func readRecords() {
      pending.append(contentsOf: channels.records.take())
      let (found, consumed) = RecordCodec.records(in: pending)
      pending.removeFirst(consumed)
      records.append(contentsOf: found)
    }

    let timeouts = Dictionary(
      blocks.map { ($0.index, $0.options.effectiveTimeoutSeconds) }, uniquingKeysWith: { a, _ in a }
    )
    let started = Self.now()
    var running: (block: Int, since: Double)?
    var pause: Int32 = 1
    var lastDiskCheck = 0.0
    var timedOut: (block: Int, seconds: Double)?
    var stopped: (block: Int, reason: String)?
    var termination: ChildProcess.Termination
    while true {
      let before = records.count
      channels.pump(waitingMilliseconds: 0)
      readRecords()
      let now = Self.now()
      for record in records[before...] {
        switch record {
        case .started(let block): running = (block, now)
        case .finished: running = nil
        default: break
        }
      }
      if let ended = child.poll() {
        termination = ended
        // Processes the block started and left behind share the runner's group (and, at the
        // bubblewrap level, its PID namespace, which ended with it).
        child.killGroup()
        break
      }
      if pending.count > Self.recordBytesLimit || channels.records.total > Self.recordsLimit {
        // A runner that floods the record pipe is stopped where it is, before `hw`'s memory.
        stopped = (
          running?.block ?? blocks.first?.index ?? 0,
          "the run wrote more than \(Self.recordsLimit >> 20) MiB of records (checks, values, figures)"
        )
        child.killGroup()
        termination = child.wait()
        break
      }
      if let current = running, let limit = timeouts[current.block], now - current.since > limit {
        timedOut = (current.block, limit)
      } else if now - started > totalTimeout + 10 {
        // Stuck outside any block (should not happen): charge the block that would run next.
        let next =
          running?.block ?? blocks.first { block in
            !records.contains { $0 == .started(block: block.index) }
          }?.index ?? blocks.last?.index ?? 0
        timedOut = (next, timeouts[next] ?? VerifyOptions.defaultTimeoutSeconds)
      }
      if timedOut != nil {
        child.killGroup()
        termination = child.wait()
        break
      }
      if let uid = sandbox.uid, sandbox.level == .user, now - lastDiskCheck > 0.1 {
        // The user level has no tmpfs to cap a run's files: they are counted instead.
        lastDiskCheck = now
        let used = SandboxUsers.diskBytes(of: uid, scratch: scratch)
        if used > limits.scratchBytes {
          stopped = (
            running?.block ?? blocks.first?.index ?? 0,
            "the run's files passed the disk limit of \(limits.scratchBytes >> 20) MiB"
          )
          child.killGroup()
          termination = child.wait()
          break
        }
      }
      channels.pump(waitingMilliseconds: pause)
      pause = min(pause * 2, 10)
    }
    channels.pump(waitingMilliseconds: 0)
    readRecords()
    try channels.save(in: workDirectory, blocks: streamCount)
    return Outcome(
      records: records, termination: termination, timedOut: timedOut, stopped: stopped)
  }

  /// Bytes of one record line past which the runner is stopped.
  static let recordBytesLimit = 64 << 20
  /// Bytes of records in all past which the runner is stopped.
  static let recordsLimit = 16 << 20

  /// Monotonic seconds.
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

/// A runner and, at the user level, its uid: killing it kills every process of that uid.
struct ContainedChild {
  var process: ChildProcess
  var uid: uid_t?

  func poll() -> ChildProcess.Termination? { process.poll() }

  func wait() -> ChildProcess.Termination { process.wait() }

  func killGroup() {
    process.killGroup()
    if let uid { SandboxUsers.killAll(uid) }
  }
}
