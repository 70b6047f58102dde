import Foundation

/// Limits applied to every runner.
public struct ResourceLimits: Sendable, Equatable, Hashable, Codable {
  /// Address space (virtual memory) in bytes, `RLIMIT_AS`; nil for none.
  public var addressSpaceBytes: UInt64?
  /// Largest file a runner may write, in bytes, `RLIMIT_FSIZE` (writes past it fail).
  public var fileSizeBytes: UInt64
  /// CPU seconds allowed beyond the sum of the blocks' time limits, `RLIMIT_CPU`.
  public var cpuSecondsBeyondTimeouts: UInt64
  /// Bytes of stdout (and of stderr) kept per block; the rest is cut with a note.
  public var outputBytesPerBlock: Int
  /// Processes and threads a runner may have at once, `RLIMIT_NPROC` of its uid.
  public var processes: UInt64
  /// Size of the runner's scratch folder, a tmpfs (bubblewrap level).
  public var scratchBytes: UInt64
  /// Size of the runner's private `/dev/shm` (bubblewrap level).
  public var sharedMemoryBytes: UInt64

  /// Creates limits; the defaults are 2 GiB of address space (a runner starts at about
  /// 70 MB of it, measured), 64 MiB files, 5 s of CPU slack, 1 MiB (1,048,576 bytes) of output
  /// per stream per block, 64 processes, a 256 MiB scratch folder and 64 MiB of `/dev/shm`.
  public init(
    addressSpaceBytes: UInt64? = 2 << 30, fileSizeBytes: UInt64 = 64 << 20,
    cpuSecondsBeyondTimeouts: UInt64 = 5, outputBytesPerBlock: Int = 1 << 20,
    processes: UInt64 = 64, scratchBytes: UInt64 = 256 << 20, sharedMemoryBytes: UInt64 = 64 << 20
  ) {
    self.addressSpaceBytes = addressSpaceBytes
    self.fileSizeBytes = fileSizeBytes
    self.cpuSecondsBeyondTimeouts = cpuSecondsBeyondTimeouts
    self.outputBytesPerBlock = outputBytesPerBlock
    self.processes = processes
    self.scratchBytes = scratchBytes
    self.sharedMemoryBytes = sharedMemoryBytes
  }
}

/// Everything the executor needs to know about its surroundings.
public struct ExecutorConfiguration: Sendable, Equatable {
  /// Folder holding `libHWBlockRuntime.so` (`.dylib` on macOS) and `Modules/`: the folder of
  /// the `hw` executable, i.e. `.build/<config>/`.
  public var runtimeDirectory: String
  /// Folder for cached results (e.g. `.hw-cache/`); nil turns caching off.
  public var cacheDirectory: String?
  /// `swiftc` to use; nil searches `$SWIFTC`, beside the running toolchain, then `PATH`.
  public var compilerPath: String?
  /// Limits for each runner.
  public var limits: ResourceLimits
  /// How runners and their compiles are contained.
  public var sandbox: SandboxRequest
  /// Where per-run scratch folders are made; nil for the system temporary folder.
  public var scratchRoot: String?
  /// Seconds one compile of a document may take before it is stopped (default 120).
  public var compileTimeoutSeconds: Double
  /// The content folder, which blocks may read (never write) through `contentFile(_:)`; nil
  /// shows them none. Its files other than Markdown are part of every result's cache key.
  public var contentDirectory: String?
  /// Whether the blocks before one that does not compile are run (a page shows their results);
  /// grading, which runs the program again without the block at fault, does not need them.
  public var runsBlocksBeforeACompileError = true

  /// Creates a configuration.
  public init(
    runtimeDirectory: String, cacheDirectory: String? = nil, compilerPath: String? = nil,
    limits: ResourceLimits = ResourceLimits(), sandbox: SandboxRequest = .automatic,
    scratchRoot: String? = nil, compileTimeoutSeconds: Double = 120,
    contentDirectory: String? = nil
  ) {
    self.runtimeDirectory = runtimeDirectory
    self.cacheDirectory = cacheDirectory
    self.compilerPath = compilerPath
    self.limits = limits
    self.sandbox = sandbox
    self.scratchRoot = scratchRoot
    self.compileTimeoutSeconds = compileTimeoutSeconds
    self.contentDirectory = contentDirectory.map {
      URL(fileURLWithPath: $0).standardizedFileURL.path
    }
  }

  /// The folder of the running executable (where `swift build` puts the runtime library).
  public static var executableDirectory: String {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    if FileManager.default.fileExists(atPath: executable.path), executable.path != "/proc/self/exe"
    {
      return executable.deletingLastPathComponent().path
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent().path
  }

  /// File name of the runtime library on this platform.
  public static var runtimeLibraryName: String {
    #if os(macOS)
      return "libHWBlockRuntime.dylib"
    #else
      return "libHWBlockRuntime.so"
    #endif
  }
}
