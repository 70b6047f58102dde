import Foundation

/// What becomes of the trees libcmark builds once they are rendered.
public enum ParseTrees {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var freed = true

  /// Whether a tree is freed once it is rendered (the default, which a long-running process
  /// needs). A command that renders one page and exits turns it off, as a compiler driver does
  /// for its one-shot runs: the exit gives the memory back at once, where freeing the tree of a
  /// large page, node by node on the thread that rendered it, took as much CPU time as parsing
  /// it (about 0.25 s of a 5 MB page's 0.55 s).
  public static var freedAfterRender: Bool {
    get { lock.withLock { freed } }
    set { lock.withLock { freed = newValue } }
  }
}
