import BlockRecords

/// Everything `hw verify` found: each document's block results and how the committed site
/// compares with a fresh build. The input of every report format.
public struct VerificationSummary: Sendable, Equatable {
  /// One document's results.
  public struct DocumentResult: Sendable, Equatable {
    /// The display path, e.g. `Content/hw.md`.
    public var displayPath: String
    /// Its blocks' results.
    public var run: DocumentRun

    /// Creates a document result.
    public init(displayPath: String, run: DocumentRun) {
      self.displayPath = displayPath
      self.run = run
    }
  }

  /// How the committed output folder compares with what the sources produce now.
  public enum OutputComparison: Sendable, Equatable {
    /// No comparison was made.
    case notCompared
    /// The output folder (path as given) does not exist; only the checks were judged.
    case outputFolderMissing(path: String)
    /// Every page is byte-for-byte what a fresh build writes.
    case matches
    /// These pages (paths relative to the output folder, sorted) differ, are missing or are
    /// extra.
    case differs(pages: [String])
  }

  /// The documents, in the order they are reported (sorted by path by the caller).
  public var documents: [DocumentResult]
  /// The comparison of the committed site with a fresh build.
  public var outputComparison: OutputComparison
  /// Problems in the content other than the checks' own, each as `path:line:col: error: …`:
  /// bad TeX, front matter, templates, block options. Any one fails the verification.
  public var contentProblems: [String] = []

  /// Creates a summary.
  public init(
    documents: [DocumentResult], outputComparison: OutputComparison = .notCompared,
    contentProblems: [String] = []
  ) {
    self.documents = documents
    self.outputComparison = outputComparison
    self.contentProblems = contentProblems
  }

  /// Every graded item of every document, in order (see `VerificationItem`).
  public var items: [VerificationItem] {
    documents.flatMap { VerificationItem.items(of: $0.run, displayPath: $0.displayPath) }
  }

  /// Counts of items by outcome.
  public var counts: VerificationCounts { VerificationCounts(items) }

  /// True when every item passed and the output comparison found no difference (a missing
  /// output folder is not a failure).
  public var succeeded: Bool {
    if case .differs = outputComparison { return false }
    if !contentProblems.isEmpty { return false }
    return counts.failed == 0 && counts.errors == 0 && counts.skipped == 0
  }
}

/// How many items passed, failed, could not run to a verdict (errors) or were skipped.
public struct VerificationCounts: Sendable, Equatable, Codable {
  /// Checks that held, and expect-failure blocks whose failure held.
  public var passed: Int
  /// Checks that failed, and expect-failure blocks that did not fail.
  public var failed: Int
  /// Blocks that did not compile, crashed or timed out.
  public var errors: Int
  /// Blocks not run because an earlier block of the document crashed, timed out or did not
  /// compile.
  public var skipped: Int
  /// All items.
  public var total: Int { passed + failed + errors + skipped }

  /// Counts `items` by outcome.
  public init(_ items: [VerificationItem]) {
    (passed, failed, errors, skipped) = (0, 0, 0, 0)
    for item in items {
      switch item.outcome.kind {
      case .passed: passed += 1
      case .failed: failed += 1
      case .error: errors += 1
      case .skipped: skipped += 1
      }
    }
  }

  private enum CodingKeys: String, CodingKey { case passed, failed, errors, skipped, total }

  /// Encodes the four counts and `total`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(passed, forKey: .passed)
    try container.encode(failed, forKey: .failed)
    try container.encode(errors, forKey: .errors)
    try container.encode(skipped, forKey: .skipped)
    try container.encode(total, forKey: .total)
  }

  /// Decodes the four counts (`total` is derived).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    passed = try container.decode(Int.self, forKey: .passed)
    failed = try container.decode(Int.self, forKey: .failed)
    errors = try container.decode(Int.self, forKey: .errors)
    skipped = try container.decode(Int.self, forKey: .skipped)
  }
}
