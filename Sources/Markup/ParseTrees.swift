import Foundation

/// What becomes of the trees libcmark builds once they are rendered.
public enum ParseTrees {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var freed = true

  /// Whether a tree is freed once it is rendered (the default, which a long-running process
  /// needs). A command that renders one page and exits turns it off, as a compiler driver does
  /// for its one-shot runs: the exit gives the memory back at once, where freeing the tree of a
  /// large page, node by node on the thread that rendered it, took nearly as much CPU time as
  /// parsing it (a fifth of the CPU time of `hw render` on a 5 MB page: 0.43 s, 0.35 s without).
  public static var freedAfterRender: Bool {
    get { lock.withLock { freed } }
    set { lock.withLock { freed = newValue } }
  }
}
