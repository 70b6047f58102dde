import ArgumentParser
import Execution

/// The folders a command reads and writes.
struct PathOptions: ParsableArguments {
  @Option(name: .customLong("content"), help: "The folder of Markdown documents.")
  var content = "Content"

  @Option(name: .customLong("output"), help: "The folder the site is written to.")
  var output = "Output"
}

/// How verify blocks are contained.
struct SandboxOptions: ParsableArguments {
  @Option(
    name: .customLong("sandbox"),
    help: ArgumentHelp(
      "How blocks and their compiles are contained: bwrap, user or none (default: bwrap where "
        + "it works, else user when run as root, with a warning).",
      discussion: """
        bwrap: bubblewrap namespaces (own user, PID, network, IPC, UTS and mounts), a read-only \
        view of the toolchain and runtime, a size-limited scratch tmpfs and /dev/shm, an \
        unprivileged uid. user: a dedicated unprivileged uid (hw must run as root), its \
        processes killed after each run; the network stays reachable. none: no containment, \
        only CPU, memory and file size limits.
        """, valueName: "level"))
  var sandbox: SandboxChoice?

  /// What the executor is asked for.
  var request: SandboxRequest {
    sandbox.map { .exactly($0.level) } ?? .automatic
  }
}

/// `--sandbox` values.
enum SandboxChoice: String, ExpressibleByArgument, CaseIterable {
  case bwrap, user, none

  var level: SandboxLevel {
    switch self {
    case .bwrap: return .bubblewrap
    case .user: return .user
    case .none: return .none
    }
  }
}
