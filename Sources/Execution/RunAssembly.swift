import BlockRecords
import Diagnostics
import Foundation

/// Turns what a runner left behind (records, per-block output files, its exit, a backtrace)
/// into one `BlockRun` per block.
struct RunAssembly {
  var displayPath: String
  var blocks: [VerifyBlock]
  var limits: ResourceLimits
  var workDirectory: String

  /// Results for every block of a run that compiled.
  func blockRuns(
    from outcome: RunnerProcess.Outcome, warnings: [Int: [Diagnostic]]
  ) -> [BlockRun] {
    var finished: Set<Int> = []
    var started: Set<Int> = []
    for record in outcome.records {
      if case .started(let block) = record { started.insert(block) }
      if case .finished(let block) = record { finished.insert(block) }
    }
    // An answer counts for the block that was running when it arrived, as the stream of
    // records shows it, and only if it names that block: one written ahead of time, claiming
    // a later block, is dropped. A `finished` record does not end a block here (a block's own
    // code could write one to have the answer after it dropped): the next `started` does.
    var answers: [Int: [GradeAnswer]] = [:]
    var running: Int?
    for record in outcome.records {
      switch record {
      case .started(let block): running = block
      case .answer(let answer) where answer.block == running:
        answers[answer.block, default: []].append(answer)
      default: break
      }
    }
    // A handout's stub ends the program where it is called: the blocks after that one are not
    // run, and that is no crash.
    var unanswered: (block: Int, name: String)?
    for record in outcome.records {
      if case .notAnswered(let block, let name) = record, unanswered == nil,
        finished.contains(block)
      {
        unanswered = (block, name)
      }
    }
    var stopReason: String?
    var runs: [BlockRun] = []
    for (position, block) in blocks.enumerated() {
      var run = BlockRun(
        index: block.index, line: block.codeLine, status: .passed,
        warnings: warnings[position] ?? [])
      for record in outcome.records {
        switch record {
        case .check(let check) where check.block == block.index:
          run.checks.append(check.onOneLine)
        case .value(let value) where value.block == block.index: run.values.append(value)
        case .figure(let figure) where figure.block == block.index: run.figures.append(figure)
        case .ask(let ask) where ask.block == block.index: run.asks.append(ask)
        case .formula(let index, let label) where index == block.index:
          // A label as `\label` allows it (the record is the block's own word, and reports print
          // it): anything else, a forged line for instance, is dropped.
          if PageFormulas.isLabel(label) && !run.formulas.contains(label) {
            run.formulas.append(label)
          }
        default: break
        }
      }
      run.answers = answers[block.index] ?? []
      let (stdout, stdoutCut) = output(block: block.index, stream: "stdout")
      let (stderr, stderrCut) = output(block: block.index, stream: "stderr")
      run.stdout = ScratchPaths.stable(stdout)
      run.stderr = ScratchPaths.stable(Self.withoutCrashReporting(stderr))
      run.outputTruncated = stdoutCut || stderrCut

      if let stopReason {
        run.status = .notRun(reason: stopReason)
      } else if finished.contains(block.index) {
        run.status = Self.status(checks: run.checks, options: block.options)
        if let unanswered, unanswered.block == block.index {
          stopReason =
            "an earlier block (line \(block.codeLine)) called \(unanswered.name), which is "
            + "not answered yet"
        }
      } else if let stopped = outcome.stopped, stopped.block == block.index {
        run.status = .crashed(message: stopped.reason, location: nil)
        stopReason = "an earlier block (line \(block.codeLine)) was stopped: \(stopped.reason)"
      } else if let timedOut = outcome.timedOut, timedOut.block == block.index {
        run.status = .timedOut(seconds: timedOut.seconds)
        stopReason =
          "an earlier block (line \(block.codeLine)) ran past its time limit of "
          + "\(NumberText.format(timedOut.seconds)) s"
      } else {
        run.status = crashStatus(
          stderr: started.contains(block.index) ? stderr : runnerStderr(),
          termination: outcome.termination, started: started.contains(block.index))
        stopReason = "an earlier block (line \(block.codeLine)) crashed"
      }
      runs.append(run)
    }
    return runs
  }

  /// passed / failed, or for `expect-failure` blocks held / did not fail.
  static func status(checks: [CheckRecord], options: VerifyOptions) -> BlockStatus {
    let anyFailed = checks.contains { !$0.passed }
    if options.flags.contains(.expectFailure) {
      return anyFailed ? .expectedFailureHeld : .expectedFailureDidNotFail
    }
    return anyFailed ? .failed : .passed
  }

  private func crashStatus(
    stderr: String, termination: ChildProcess.Termination, started: Bool
  ) -> BlockStatus {
    let fatal = stderr.split(separator: "\n").last { $0.contains("Fatal error") }
    var message: String
    var location: FileLocation?
    if let fatal, let range = fatal.range(of: "Fatal error") {
      message = String(fatal[range.lowerBound...])
      // "<file>:<line>: Fatal error: …" names the line when the trap is in the block itself.
      let prefix = fatal[..<range.lowerBound].dropLast(2)
      if let colon = prefix.lastIndex(of: ":"), String(prefix[..<colon]) == displayPath,
        let line = Int(prefix[prefix.index(after: colon)...])
      {
        location = FileLocation(path: displayPath, line: line, column: 0)
      }
    } else {
      switch termination {
      case .signaled(let signal):
        message = "the runner was stopped by \(ChildProcess.Termination.signalName(signal))"
      case .exited(let status):
        message =
          started
          ? "the block ended the program (exit status \(status))"
          : "the runner did not start (exit status \(status))"
      }
      if !started, let line = stderr.split(separator: "\n").first {
        message += ": " + line
      }
    }
    if let traced = backtraceLocation() {
      location = traced
    }
    return .crashed(message: ScratchPaths.stable(message), location: location)
  }

  /// The innermost backtrace frame located in the Markdown file
  /// (`… in runner at Content/x.md:12:7`).
  private func backtraceLocation() -> FileLocation? {
    guard
      let text = try? String(contentsOfFile: workDirectory + "/backtrace.txt", encoding: .utf8)
    else { return nil }
    let marker = " at \(displayPath):"
    for line in text.split(separator: "\n") {
      guard let range = line.range(of: marker, options: .backwards) else { continue }
      let numbers = line[range.upperBound...].split(separator: ":")
      guard let lineNumber = numbers.first.flatMap({ Int($0) }) else { continue }
      let column = numbers.count > 1 ? Int(numbers[1]) ?? 0 : 0
      return FileLocation(path: displayPath, line: lineNumber, column: column)
    }
    return nil
  }

  private func runnerStderr() -> String {
    (try? String(contentsOfFile: workDirectory + "/out/runner.stderr", encoding: .utf8)) ?? ""
  }

  /// The first `outputBytesPerBlock` bytes of a block's stream, cut at a character boundary,
  /// with a note when there was more.
  private func output(block: Int, stream: String) -> (String, Bool) {
    let path = workDirectory + "/out/\(block).\(stream)"
    guard let handle = FileHandle(forReadingAtPath: path) else { return ("", false) }
    defer { try? handle.close() }
    let limit = limits.outputBytesPerBlock
    var bytes = [UInt8]((try? handle.read(upToCount: limit + 1)) ?? Data())
    guard bytes.count > limit else { return (String(decoding: bytes, as: UTF8.self), false) }
    bytes.removeLast(bytes.count - limit)
    // Do not split a UTF-8 sequence: drop continuation bytes and their lead byte.
    while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
    if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
    let kept = String(decoding: bytes, as: UTF8.self)
    let note = "\n[\(stream) cut: the block wrote more than \(limit) bytes]\n"
    return (kept + note, true)
  }

  /// Stderr without what the Swift runtime writes about handling a crash, which changes from
  /// run to run: the backtracer's `*** Signal …: Backtracing from 0x… done ***` banner (an
  /// address) and the runtime's own `swift-runtime: …` lines (`failed to suspend thread <tid>
  /// while processing a crash`). The crash's message (`…: Fatal error: …`) stays.
  static func withoutCrashReporting(_ text: String) -> String {
    guard text.contains("*** Signal") || text.contains(runtimeLinePrefix) else { return text }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    lines.removeAll {
      ($0.hasPrefix("*** Signal ") && $0.contains("Backtracing"))
        || $0.hasPrefix(runtimeLinePrefix)
    }
    while lines.count > 1, lines[lines.count - 1].isEmpty, lines[lines.count - 2].isEmpty {
      lines.removeLast()
    }
    return lines.joined(separator: "\n")
  }

  /// How the Swift runtime starts the lines it writes about itself.
  static let runtimeLinePrefix = "swift-runtime: "
}
