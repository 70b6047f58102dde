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
  }

  var executable: String
  var blocks: [VerifyBlock]
  var limits: ResourceLimits
  var networkPrefix: [String]?

  /// Starts the runner in `workDirectory` (which gets `records.jsonl`, `out/`, `scratch/`,
  /// `backtrace.txt`) and waits for it.
  func run(in workDirectory: String) throws(ExecutorError) -> Outcome {
    let recordsPath = workDirectory + "/records.jsonl"
    let outputDirectory = workDirectory + "/out"
    let scratch = workDirectory + "/scratch"
    for folder in [outputDirectory, scratch] {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch { throw .system("cannot create \(folder)") }
    }
    guard FileManager.default.createFile(atPath: recordsPath, contents: Data()) else {
      throw .system("cannot create \(recordsPath)")
    }
    let totalTimeout = blocks.reduce(0) { $0 + $1.options.effectiveTimeoutSeconds }
    var environment = [
      "PATH": "/usr/bin:/bin",
      "HOME": scratch,
      "TMPDIR": scratch,
      "LANG": "C.UTF-8",
      "HW_RECORDS": recordsPath,
      "HW_OUTPUT_DIR": outputDirectory,
      "HW_SCRATCH": scratch,
      "HW_LIMIT_CPU_SECONDS": String(
        UInt64(totalTimeout.rounded(.up)) + limits.cpuSecondsBeyondTimeouts),
      "HW_LIMIT_FILE_BYTES": String(limits.fileSizeBytes),
      "SWIFT_BACKTRACE":
        "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,"
        + "limit=64,top=16,timeout=5s,output-to=\(workDirectory)/backtrace.txt",
    ]
    if let bytes = limits.addressSpaceBytes {
      environment["HW_LIMIT_ADDRESS_SPACE_BYTES"] = String(bytes)
    }
    let prefix = networkPrefix ?? []
    let command = prefix + [executable]
    let child = try ChildProcess.spawn(
      executable: command[0], arguments: Array(command.dropFirst()), environment: environment,
      stdoutPath: outputDirectory + "/runner.stdout",
      stderrPath: outputDirectory + "/runner.stderr")

    let descriptor = open(recordsPath, O_RDONLY | O_CLOEXEC)
    defer { close(descriptor) }
    var records: [BlockRecord] = []
    var pending: [UInt8] = []
    func readRecords() {
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        pending.append(contentsOf: buffer[0..<count])
      }
      let (found, consumed) = RecordCodec.records(in: pending)
      pending.removeFirst(consumed)
      records.append(contentsOf: found)
    }

    let timeouts = Dictionary(
      blocks.map { ($0.index, $0.options.effectiveTimeoutSeconds) }, uniquingKeysWith: { a, _ in a }
    )
    let started = Self.now()
    var running: (block: Int, since: Double)?
    var pause: UInt32 = 1_000
    var timedOut: (block: Int, seconds: Double)?
    var termination: ChildProcess.Termination
    while true {
      let before = records.count
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
        // Processes the block started and left behind share the runner's group.
        child.killGroup()
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
      usleep(pause)
      pause = min(pause * 2, 10_000)
    }
    readRecords()
    return Outcome(records: records, termination: termination, timedOut: timedOut)
  }

  /// Monotonic seconds.
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
