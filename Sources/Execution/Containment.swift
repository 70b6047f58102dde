import Foundation

/// Network isolation for runners, probed once per process.
enum Containment {
  /// The command prefix that puts a runner in its own user and network namespaces, or nil
  /// when the kernel or the system refuses (the probe runs `unshare … true` once).
  static let networkPrefix: [String]? = {
    #if os(Linux)
      let unshare = ["/usr/bin/unshare", "/bin/unshare"].first {
        FileManager.default.isExecutableFile(atPath: $0)
      }
      guard let unshare else { return nil }
      let prefix = [unshare, "--user", "--map-root-user", "--net", "--"]
      let truePath = ["/bin/true", "/usr/bin/true"].first {
        FileManager.default.isExecutableFile(atPath: $0)
      }
      guard let truePath,
        let result = try? ChildProcess.run(
          executable: prefix[0], arguments: Array(prefix.dropFirst()) + [truePath],
          environment: ["PATH": "/usr/bin:/bin"], directory: NSTemporaryDirectory(),
          timeoutSeconds: 5),
        result.termination == .exited(0)
      else { return nil }
      return prefix
    #else
      return nil
    #endif
  }()

  /// Says what is missing when runners cannot be put in a network namespace.
  static func warning(isolation: ExecutorConfiguration.Isolation) -> String? {
    switch isolation {
    case .none:
      return "verification blocks run without network isolation (turned off); "
        + "CPU, memory and file size limits still apply"
    case .automatic:
      return networkPrefix == nil
        ? "verification blocks run without network isolation: `unshare --user --net` is not "
          + "available here; CPU, memory and file size limits still apply"
        : nil
    }
  }
}
