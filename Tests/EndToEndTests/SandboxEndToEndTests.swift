import Foundation
import TestSupport
import Testing

/// A hostile student's blocks (`Tests/Fixtures/sandbox-attacks/`), graded by the built `hw` at
/// each sandbox level this machine has: the attacks fail, the report is the grader's, and
/// nothing of the run is left behind.
@Suite(.serialized) struct SandboxEndToEndTests {
  /// The levels to try: bubblewrap where it makes namespaces, the user level where the tests
  /// run as root (CI does).
  static let levels: [String] = {
    var levels: [String] = []
    if let folder = try? Setup(document: "limits.md", level: "bwrap"),
      let probe = try? folder.verify(),
      !probe.stderr.contains("bubblewrap")
    {
      levels.append("bwrap")
    }
    if geteuid() == 0 { levels.append("user") }
    return levels
  }()

  /// A content folder holding one attack document, with a canary beside it, a grader's folder
  /// that only the grader may enter (its report and a secret), and a Unix socket listening.
  struct Setup {
    let folder = TemporaryFolder()
    let level: String
    let socket: Int32

    var report: String { folder.path + "/grader/results.json" }

    init(document: String, level: String) throws {
      try self.init(documents: [document], level: level)
    }

    init(documents: [String], level: String) throws {
      self.level = level
      let hw = try BuiltProducts.hw().path
      let hwFolder = (hw as NSString).deletingLastPathComponent
      let names = [
        "@CANARY@": folder.path + "/canary.txt", "@CONTENT@": folder.path + "/Content",
        "@REPORT_DIR@": folder.path + "/grader", "@REPORT@": folder.path + "/grader/results.json",
        "@HW_DIR@": hwFolder, "@HW@": hw, "@RUNTIME@": hwFolder + "/libHWBlockRuntime.so",
        "@SOCKET@": folder.path + "/grader.sock",
      ]
      for document in documents {
        let fixture = Repository.fixtures.appendingPathComponent("sandbox-attacks/" + document)
        var text = try String(contentsOf: fixture, encoding: .utf8)
        for (name, value) in names { text = text.replacingOccurrences(of: name, with: value) }
        folder.write("Content/" + document, text)
      }
      folder.write("canary.txt", "canary\n")
      folder.write("grader/secret.txt", "secret\n")
      chmod(folder.path + "/canary.txt", 0o600)
      chmod(folder.path + "/grader", 0o700)
      socket = Self.listen(at: folder.path + "/grader.sock")
    }

    /// `hw verify` with a JSON report in the grader's folder.
    func verify() throws -> Program.Result {
      try Program.run(
        BuiltProducts.hw(),
        ["verify", "--sandbox", level, "--format", "json", "--report", report], in: folder.url)
    }

    /// Each item of the report by name (`path:line: label`): `passed`, or `failed` for any other
    /// outcome.
    func statuses() throws -> [String: String] {
      let data = try #require(FileManager.default.contents(atPath: report))
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let documents = try #require(object["documents"] as? [[String: Any]])
      var statuses: [String: String] = [:]
      for item in documents.flatMap({ $0["items"] as? [[String: Any]] ?? [] }) {
        guard let name = item["name"] as? String, let outcome = item["outcome"] as? String,
          let location = item["location"] as? [String: Any], let file = location["file"] as? String,
          let line = location["line"] as? Int
        else { continue }
        statuses["\(file):\(line): \(name)"] = outcome == "passed" ? "passed" : "failed"
      }
      return statuses
    }

    private static func listen(at path: String) -> Int32 {
      let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      let bytes = Array(path.utf8CString)
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (offset, byte) in bytes.prefix(raw.count).enumerated() {
          raw[offset] = UInt8(bitPattern: byte)
        }
      }
      _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      chmod(path, 0o777)
      Glibc.listen(descriptor, 4)
      return descriptor
    }
  }

  /// Processes the attacks start and a sandbox run must not leave (each attack sleeps for a
  /// number of seconds of its own: 61, 62 or 63), still there after up to two seconds;
  /// zombies, which run nothing, do not count.
  static func leftovers() -> [String] {
    var found = runningLeftovers()
    for _ in 0..<20 where !found.isEmpty {
      Thread.sleep(forTimeInterval: 0.1)
      found = runningLeftovers()
    }
    return found
  }

  static func runningLeftovers() -> [String] {
    var found: [String] = []
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard Int32(name) != nil else { continue }
      let stat = (try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8)) ?? ""
      guard let end = stat.range(of: ") ", options: .backwards),
        !stat[end.upperBound...].hasPrefix("Z")
      else { continue }
      let words =
        (try? String(contentsOfFile: "/proc/\(name)/cmdline", encoding: .utf8))?
        .split(whereSeparator: { $0 == "\0" || $0 == " " || $0 == "'" }).map(String.init) ?? []
      if zip(words, words.dropFirst()).contains(where: {
        $0.0.hasSuffix("sleep") && ["61", "62", "63"].contains($0.1)
      }) {
        found.append("\(name): \(words.joined(separator: " "))")
      }
    }
    return found
  }

  @Test(.enabled(if: !levels.isEmpty, "no sandbox level works here"), arguments: levels)
  func nothingBeyondTheRunIsReachable(level: String) throws {
    let setup = try Setup(document: "reach.md", level: level)
    defer { close(setup.socket) }
    let result = try setup.verify()
    let statuses = try setup.statuses()
    // The user level keeps the network: a socket that others may write (this one is 0777) is
    // reachable there, as the README's table says.
    let socket = statuses.first { $0.key.hasSuffix(": a Unix socket at a path cannot be reached") }
    #expect(socket?.value == (level == "bwrap" ? "passed" : "failed"))
    #expect(result.status == (level == "bwrap" ? 0 : 1), "\(result.output)")
    let labels = [
      "/etc/shadow cannot be read", "a canary beside the content folder cannot be read",
      "the grader's folder cannot be read", "the content folder cannot be written",
      "the grader's results folder cannot be written", "hw's folder cannot be written",
      "hw cannot be replaced", "the engine library cannot be opened for writing",
      "the sandbox's runtime copy is read-only", "no process of the grader's can be killed",
    ]
    for label in labels {
      #expect(
        statuses.contains { $0.key.hasSuffix(": " + label) && $0.value == "passed" },
        "\(label): \(statuses) \(result.output)")
    }
    #expect(!setup.folder.exists("Content/planted.md"))
    #expect(Self.leftovers().isEmpty, "\(Self.leftovers())")
  }

  @Test(.enabled(if: !levels.isEmpty, "no sandbox level works here"), arguments: levels)
  func limitsHoldWhateverTheBlockDoes(level: String) throws {
    let setup = try Setup(document: "limits.md", level: level)
    defer { close(setup.socket) }
    let result = try setup.verify()
    let statuses = try setup.statuses()
    for label in [
      "the CPU limit is set", "the process limit is set", "the CPU limit cannot be raised",
      "forks stop at the process limit",
    ] {
      #expect(
        statuses.contains { $0.key.hasSuffix(": " + label) && $0.value == "passed" }, "\(label)")
    }
    if level == "bwrap" {
      // The scratch tmpfs and the private /dev/shm are full: writes fail, the checks pass.
      #expect(result.status == 0, "\(result.output)")
      for label in ["the scratch folder is limited in size", "/dev/shm is limited in size"] {
        #expect(statuses.contains { $0.key.hasSuffix(": " + label) && $0.value == "passed" })
      }
    } else {
      // Files are counted as they grow: the run is stopped past the limit, and says so.
      #expect(result.status == 1)
      #expect(
        result.output.contains(
          ": error: block crashed: the run's files passed the disk limit of 256 MiB"),
        "\(result.output)")
    }
    #expect(Self.leftovers().isEmpty, "\(Self.leftovers())")
    let shared = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm")) ?? []
    #expect(!shared.contains("hw-fill"))
  }

  @Test(.enabled(if: !levels.isEmpty, "no sandbox level works here"), arguments: levels)
  func noProcessOutlivesTheRunOrRewritesTheReport(level: String) throws {
    let setup = try Setup(document: "processes.md", level: level)
    defer { close(setup.socket) }
    let started = Date()
    let result = try setup.verify()
    #expect(Date().timeIntervalSince(started) < 30, "the time limit held")
    #expect(result.status == 1)
    #expect(result.output.contains("ran past its time limit of 2 s"), "\(result.output)")
    let report = try #require(FileManager.default.contents(atPath: setup.report))
    // The grandchild would rewrite the report one second after it started.
    Thread.sleep(forTimeInterval: 2)
    #expect(FileManager.default.contents(atPath: setup.report) == report)
    #expect(!String(decoding: report, as: UTF8.self).contains(#"{"score":100}"#))
    #expect(Self.leftovers().isEmpty, "\(Self.leftovers())")
  }

  @Test(.enabled(if: !levels.isEmpty, "no sandbox level works here"), arguments: levels)
  func aBlockCannotKillAnotherPagesRunner(level: String) throws {
    let setup = try Setup(documents: ["sibling.md", "victim.md"], level: level)
    defer { close(setup.socket) }
    let result = try setup.verify()
    #expect(result.status == 0, "\(result.output)")
    let statuses = try setup.statuses()
    #expect(
      statuses.contains {
        $0.key.hasSuffix(": the runner lived through its sibling") && $0.value == "passed"
      }, "\(statuses)")
    #expect(Self.leftovers().isEmpty, "\(Self.leftovers())")
  }

  @Test(.enabled(if: !levels.isEmpty, "no sandbox level works here"), arguments: levels)
  func aBlocksChildrenEndWhenHWIsKilled(level: String) throws {
    let setup = try Setup(document: "orphans.md", level: level)
    defer { close(setup.socket) }
    // At the user level, the pool's first uid is held as another run would hold it, so this
    // run gets another uid; the next run, which takes the first, must end these leftovers all
    // the same.
    var firstUid: Int32 = -1
    if level == "user" {
      firstUid = open("/tmp/hw-sandbox-\(geteuid())/uid-64000.lock", O_CREAT | O_RDWR, 0o600)
      if firstUid >= 0 { _ = flock(firstUid, LOCK_EX | LOCK_NB) }
    }
    let running = try RunningHW(["verify", "--sandbox", level], in: setup.folder.path)
    // Wait until the block's children run (compiling takes a second or two).
    var started = false
    for _ in 0..<300 where !started {
      Thread.sleep(forTimeInterval: 0.1)
      started = !Self.runningLeftovers().isEmpty
    }
    #expect(started, "the block's children started")
    running.kill()
    if firstUid >= 0 { close(firstUid) }
    if level == "user" {
      // Nothing is left to kill them at once: the next hw to run does, first, whichever uid
      // the killed run had.
      _ = try Setup(document: "victim.md", level: level).verify()
    }
    #expect(Self.leftovers().isEmpty, "\(Self.leftovers())")
  }

  @Test(.enabled(if: !levels.isEmpty, "no sandbox level works here"), arguments: levels)
  func blocksReadTheContentFolderAndRunAgainWhenAFileOfItChanges(level: String) throws {
    let setup = try Setup(document: "data.md", level: level)
    defer { close(setup.socket) }
    setup.folder.write("Content/data.txt", "3\n")
    let build = ["build", "--sandbox", level]
    let first = try Program.run(BuiltProducts.hw(), build, in: setup.folder.url)
    #expect(first.status == 0, "\(first.output)")
    #expect(!setup.folder.exists("Content/planted.txt"))
    // Only the data file changes: the cached result must not be used.
    setup.folder.write("Content/data.txt", "4\n")
    let second = try Program.run(BuiltProducts.hw(), build, in: setup.folder.url)
    #expect(second.status == 1)
    #expect(second.output.contains("check failed: the data file reads 3"), "\(second.output)")
  }
}
