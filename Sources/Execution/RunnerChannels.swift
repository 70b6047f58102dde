import Foundation

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// The pipes between `hw` and a runner: its records, the output of each block, and its own
/// output before the first block. The runner gets only the write ends, as descriptors (see
/// `RunnerSession` in BlockRuntime: 3 for records, `4 + 2i` and `5 + 2i` for block `i`), so no
/// path of `hw`'s is named to it and nothing it writes lands on a disk: `hw` keeps the first
/// bytes of each stream, up to the output limit, and the last ones of each error stream, where
/// a crash's backtrace is.
struct RunnerChannels {
  /// One pipe and what came through it.
  struct Channel {
    var readEnd: Int32
    var writeEnd: Int32
    /// The first bytes (all of them for the record pipe until taken).
    var head: [UInt8] = []
    /// The last bytes once `head` is full (error streams only).
    var tail: [UInt8] = []
    /// Every byte that came through.
    var total = 0
    /// How many bytes `head` keeps; nil keeps all (records).
    var keep: Int?
    /// How many bytes `tail` keeps.
    var keepTail = 0

    /// Takes the bytes kept so far (records).
    mutating func take() -> [UInt8] {
      defer { head.removeAll(keepingCapacity: true) }
      return head
    }

    fileprivate mutating func append(_ bytes: UnsafeRawBufferPointer) {
      total += bytes.count
      var rest = bytes[...]
      if let keep {
        let room = max(0, keep - head.count)
        head.append(contentsOf: rest.prefix(room))
        rest = rest.dropFirst(room)
        guard !rest.isEmpty, keepTail > 0 else { return }
        tail.append(contentsOf: rest.suffix(keepTail))
        if tail.count > 2 * keepTail { tail.removeFirst(tail.count - keepTail) }
      } else {
        head.append(contentsOf: rest)
      }
    }
  }

  var records: Channel
  var runnerOutput: Channel
  var runnerError: Channel
  /// Block `i`'s stdout at `2i`, its stderr at `2i + 1`.
  var blockStreams: [Channel]

  /// Bytes of a crash report kept from the end of an error stream.
  static let tailBytes = 256 << 10

  /// Opens `streams` block streams that keep `keep` bytes each (one more, to tell a cut).
  init(streams: Int, keep: Int) throws(ExecutorError) {
    Self.raiseDescriptorLimit
    func open(keep: Int?, tail: Int = 0) throws(ExecutorError) -> Channel {
      var ends: [Int32] = [0, 0]
      guard GNUExtensions.closeOnExecPipe(&ends) == 0 else {
        throw .system("cannot open a pipe for a runner: \(String(cString: strerror(errno)))")
      }
      _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
      return Channel(readEnd: ends[0], writeEnd: ends[1], keep: keep, keepTail: tail)
    }
    var opened: [Channel] = []
    do {
      for _ in 0..<3 + streams {
        let position = opened.count
        let isError = position == 2 || (position >= 3 && (position - 3) % 2 == 1)
        opened.append(
          try open(
            keep: position == 0 ? nil : (position < 3 ? 64 << 10 : keep + 1),
            tail: isError ? Self.tailBytes : 0))
      }
    } catch {
      for channel in opened {
        close(channel.readEnd)
        close(channel.writeEnd)
      }
      throw error
    }
    records = opened[0]
    runnerOutput = opened[1]
    runnerError = opened[2]
    blockStreams = Array(opened[3...])
  }

  /// Lets `hw` hold the pipes of several runners at once (the soft limit is often 1,024).
  private static let raiseDescriptorLimit: Void = {
    var limit = rlimit()
    #if os(Linux)
      let resource = Int32(RLIMIT_NOFILE.rawValue)
    #else
      let resource = RLIMIT_NOFILE
    #endif
    if getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max {
      limit.rlim_cur = min(limit.rlim_max, 1 << 16)
      _ = setrlimit(resource, &limit)
    }
  }()

  /// Closes `hw`'s copies of the write ends, once the runner has them, so that a pipe ends
  /// when the runner's side is gone.
  mutating func closeWriteEnds() {
    forEach { channel in
      if channel.writeEnd >= 0 { close(channel.writeEnd) }
      channel.writeEnd = -1
    }
  }

  /// Closes every end still open.
  mutating func closeAll() {
    closeWriteEnds()
    forEach { channel in
      if channel.readEnd >= 0 { close(channel.readEnd) }
      channel.readEnd = -1
    }
  }

  /// Reads whatever is waiting on every pipe, waiting up to `waitingMilliseconds` for some.
  mutating func pump(waitingMilliseconds: Int32) {
    var polled: [pollfd] = []
    forEach { channel in
      if channel.readEnd >= 0 {
        polled.append(pollfd(fd: channel.readEnd, events: Int16(POLLIN), revents: 0))
      }
    }
    if polled.isEmpty {
      if waitingMilliseconds > 0 { usleep(UInt32(waitingMilliseconds) * 1_000) }
      return
    }
    let ready = poll(&polled, nfds_t(polled.count), waitingMilliseconds)
    guard ready > 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    forEach { channel in
      guard channel.readEnd >= 0 else { return }
      while true {
        let count = buffer.withUnsafeMutableBytes {
          read(channel.readEnd, $0.baseAddress, $0.count)
        }
        if count > 0 {
          buffer.withUnsafeBytes { channel.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
          if count < buffer.count { break }
          continue
        }
        if count == 0 || (errno != EAGAIN && errno != EINTR) {
          close(channel.readEnd)
          channel.readEnd = -1
        }
        break
      }
    }
  }

  /// Writes `out/<block>.stdout` and `.stderr` for blocks `0..<blocks`, `out/runner.stdout` and
  /// `.stderr`, and `backtrace.txt` when an error stream holds a crash report (which is taken
  /// out of that stream).
  mutating func save(in workDirectory: String, blocks: Int) throws(ExecutorError) {
    let out = workDirectory + "/out"
    var backtrace: [UInt8]?
    func text(of channel: Channel) -> [UInt8] {
      let marker = Data("*** Program crashed: ".utf8)
      var kept = Data(channel.head)
      let tail = Data(channel.tail)
      if let found = kept.range(of: marker) {
        backtrace = Array(kept[found.lowerBound...] + tail)
        kept.removeSubrange(found.lowerBound...)
      } else if let found = tail.range(of: marker) {
        backtrace = Array(tail[found.lowerBound...])
      }
      return Array(kept)
    }
    var files: [(String, [UInt8])] = [
      ("runner.stdout", runnerOutput.head), ("runner.stderr", text(of: runnerError)),
    ]
    for block in 0..<blocks {
      files.append(("\(block).stdout", blockStreams[2 * block].head))
      files.append(("\(block).stderr", text(of: blockStreams[2 * block + 1])))
    }
    for (name, bytes) in files where !bytes.isEmpty {
      guard FileManager.default.createFile(atPath: out + "/" + name, contents: Data(bytes)) else {
        throw .system("cannot write \(out)/\(name)")
      }
    }
    if let backtrace {
      _ = FileManager.default.createFile(
        atPath: workDirectory + "/backtrace.txt", contents: Data(backtrace))
    }
  }

  private mutating func forEach(_ body: (inout Channel) -> Void) {
    body(&records)
    body(&runnerOutput)
    body(&runnerError)
    for index in blockStreams.indices { body(&blockStreams[index]) }
  }
}
