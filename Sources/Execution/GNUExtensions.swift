#if canImport(Glibc)
  @preconcurrency import Glibc

  /// Two glibc functions that Swift's Glibc module does not declare (they need `_GNU_SOURCE`),
  /// looked up once by name.
  enum GNUExtensions {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias CloseFrom =
      @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
      ) -> Int32

    private static let pipe2Function: Pipe2? = dlsym(dlopen(nil, RTLD_NOW), "pipe2").map {
      unsafeBitCast($0, to: Pipe2.self)
    }
    private static let closeFromFunction: CloseFrom? = dlsym(
      dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np"
    ).map { unsafeBitCast($0, to: CloseFrom.self) }

    /// `pipe2(ends, O_CLOEXEC)`: both ends close-on-exec from their first instant, so a child
    /// that another thread starts meanwhile cannot inherit them. Falls back to `pipe` and
    /// `fcntl` where glibc lacks it.
    static func closeOnExecPipe(_ ends: UnsafeMutablePointer<Int32>) -> Int32 {
      if let pipe2Function { return pipe2Function(ends, O_CLOEXEC) }
      guard pipe(ends) == 0 else { return -1 }
      _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
      _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
      return 0
    }

    /// Adds "close every descriptor from `first` on" to `actions`, so that a child inherits
    /// exactly the descriptors it was given, whatever else `hw` has open. Returns false where
    /// glibc lacks it (before 2.34).
    static func closeFrom(
      _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ first: Int32
    ) -> Bool {
      guard let closeFromFunction else { return false }
      return closeFromFunction(actions, first) == 0
    }
  }
#endif
