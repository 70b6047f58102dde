/// Why the executor could not run at all (the command line maps this to exit status 2).
///
/// Problems in the content (compile errors, crashes, failed checks) are never errors: they
/// are results in `DocumentRun`.
public enum ExecutorError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No usable `swiftc`: not in `$SWIFTC`, beside the running toolchain, nor on `PATH`.
  case compilerNotFound
  /// The runtime library or its module files are missing from the folder named.
  case runtimeMissing(directory: String, missing: String)
  /// The compiler cannot compile a runner without any block (e.g. the runtime module cannot
  /// be imported), so no block can be blamed; `output` is what it printed.
  case toolchainFailed(output: String)
  /// A process could not be started or a working file could not be written.
  case system(String)

  /// One line for the user.
  public var description: String {
    switch self {
    case .compilerNotFound:
      return "no Swift compiler found: set SWIFTC or put swiftc on PATH"
    case .runtimeMissing(let directory, let missing):
      return "the block runtime is missing \(missing) in \(directory): run `swift build` first"
    case .toolchainFailed(let output):
      return "the Swift compiler cannot compile a runner without any block:\n\(output)"
    case .system(let message):
      return message
    }
  }
}
