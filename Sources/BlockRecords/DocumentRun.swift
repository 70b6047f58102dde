/// What every verification block of one document did, in document order.
public struct DocumentRun: Codable, Sendable, Equatable {
  /// One entry per `swift verify` block, in order.
  public var blocks: [BlockRun]
  /// True when these results came from the cache instead of a fresh run.
  public var fromCache: Bool

  /// Creates a document result.
  public init(blocks: [BlockRun], fromCache: Bool = false) {
    self.blocks = blocks
    self.fromCache = fromCache
  }

  /// All checks of all blocks, in order.
  public var checks: [CheckRecord] { blocks.flatMap(\.checks) }

  /// True when every block's status counts as success (`BlockStatus.isSuccess`).
  public var succeeded: Bool { blocks.allSatisfy { $0.status.isSuccess } }
}
