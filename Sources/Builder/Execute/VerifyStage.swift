import BlockRecords
import Diagnostics
import Execution
import Foundation
import Markup
import Reports

/// The execute stage: a document's `swift verify` blocks, run as one program, and what came of it.
struct VerifyStage: Sendable {
  /// Runs runners; `nil` when only showing pages (`hw render`), so blocks are shown, not run.
  var executor: Executor?
  /// Whether cached results may be reused (`hw verify` always re-runs).
  var useCache: Bool

  /// What running a document's blocks gave.
  struct Outcome: Sendable {
    /// For each code block that is a verify block: its options, and its index among them.
    var verifyBlocks: [Int: (options: VerifyOptions, index: Int)] = [:]
    /// The run, when the document has verify blocks and they were run.
    var run: DocumentRun?
    /// Problems with the blocks themselves: bad options, repeated ids.
    var diagnostics: [Diagnostic] = []
    /// What the run found: failed checks, blocks that did not compile, crashed or timed out.
    var runDiagnostics: [Diagnostic] = []
  }

  /// Finds a document's verify blocks, checks their options and runs them.
  ///
  /// - Parameters:
  ///   - document: the parsed document; its `path` is how diagnostics name the file.
  ///   - sitePath: how the run's records name the file (see `ContentFolder.Source.sitePath`).
  ///   - formulas: the page's labelled formulas, which its blocks may evaluate.
  func run(
    _ document: MarkdownDocument, sitePath: String, formulas: PageFormulas = PageFormulas()
  ) throws(ToolError) -> Outcome {
    var outcome = Outcome()
    var blocks: [VerifyBlock] = []
    var ids: [String: SourceLocation] = [:]
    for (codeIndex, block) in document.codeBlocks.enumerated() {
      let options: VerifyOptions?
      do {
        options = try VerifyOptions.parse(infoString: block.info)
      } catch {
        outcome.diagnostics.append(
          .error(
            error.message, path: document.path,
            at: SourceLocation(
              line: block.infoLocation.line, column: block.infoLocation.column + error.column)))
        continue
      }
      guard let options else { continue }
      if let id = options.id {
        if let first = ids[id] {
          outcome.diagnostics.append(
            Diagnostic(
              .error, "block id '\(id)' is already used", path: document.path,
              at: block.infoLocation,
              notes: [.init("first used here", at: first)]))
        } else {
          ids[id] = block.infoLocation
        }
      }
      outcome.verifyBlocks[codeIndex] = (options, blocks.count)
      blocks.append(
        VerifyBlock(
          code: block.code, codeLine: block.codeStartLine, options: options, index: blocks.count))
    }
    guard let executor, !blocks.isEmpty, !outcome.diagnostics.containsErrors else {
      return outcome
    }
    let run: DocumentRun
    do {
      run = try executor.run(
        ExecutionRequest(displayPath: sitePath, blocks: blocks, formulas: formulas),
        useCache: useCache)
    } catch {
      throw ToolError(error.description)
    }
    outcome.run = run
    outcome.runDiagnostics = Self.diagnostics(of: run, path: document.path, sitePath: sitePath)
    return outcome
  }

  /// The problems a run shows, one located diagnostic each, the way `hw build` prints them.
  ///
  /// The run names the document by its site path (`sitePath`); these name it by `path`, the
  /// way the user named it. A location whose column is unknown is shown at column 1.
  static func diagnostics(of run: DocumentRun, path: String, sitePath: String) -> [Diagnostic] {
    var found: [Diagnostic] = []
    func shown(_ location: SourceLocation) -> SourceLocation {
      SourceLocation(line: location.line, column: max(1, location.column))
    }
    func at(_ location: FileLocation?) -> SourceLocation? {
      location.map { shown($0.location) }
    }
    var figureIDs: [String: FileLocation] = [:]
    for figure in run.blocks.flatMap(\.figures) where !figure.id.isEmpty {
      if let first = figureIDs[figure.id] {
        found.append(
          Diagnostic(
            .error, "figure id '\(figure.id)' is already used on this page", path: path,
            at: at(figure.location),
            notes: [.init("first used here", at: at(first))]))
      } else {
        figureIDs[figure.id] = figure.location
      }
    }
    for block in run.blocks {
      let blockStart = SourceLocation(line: block.line, column: 1)
      for warning in block.warnings {
        found.append(.warning(warning.message, path: path, at: warning.location.map(shown)))
      }
      switch block.status {
      case .passed, .expectedFailureHeld:
        break
      case .failed:
        for check in block.checks where !check.passed {
          found.append(
            .error(
              VerificationItem.failureMessage(check), path: path, at: at(check.location)))
        }
      case .expectedFailureDidNotFail:
        found.append(
          .error(
            "this expect-failure block did not fail: every check held", path: path,
            at: blockStart))
      case .compileError(let diagnostics):
        for diagnostic in diagnostics {
          found.append(
            Diagnostic(
              diagnostic.severity == .warning ? .warning : .error, diagnostic.message,
              path: diagnostic.path == sitePath ? path : diagnostic.path,
              at: diagnostic.location.map(shown),
              notes: diagnostic.notes.map {
                .init(
                  $0.message, at: $0.location.map(shown),
                  path: $0.path == sitePath ? path : $0.path)
              }))
        }
      case .crashed(let message, let location):
        found.append(
          .error("the block crashed: \(message)", path: path, at: at(location) ?? blockStart))
      case .timedOut(let seconds):
        found.append(
          .error(
            "the block ran past its time limit of \(NumberText.format(seconds)) s", path: path,
            at: blockStart))
      case .notRun(let reason):
        found.append(.warning("the block was not run: \(reason)", path: path, at: blockStart))
      }
      if block.outputTruncated {
        found.append(.warning("the block's output was cut at 1 MB", path: path, at: blockStart))
      }
    }
    return found
  }
}
