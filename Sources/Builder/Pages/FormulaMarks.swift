import BlockRecords
import Execution
import Markup

/// The marks that tie a typeset formula to the blocks that evaluated it (`formula("label")`):
/// beside the formula's number, a link to the block with the verdict of its checks; in the block,
/// a line that links back to each formula it evaluated.
enum FormulaMarks {
  /// What the blocks that evaluated a formula say of it.
  enum Verdict: String {
    /// Every block that evaluated it passed.
    case checked
    /// A block expected to fail evaluated it and failed: the formula is shown wrong.
    case refuted
    /// A block that evaluated it failed, crashed or did not run.
    case failed

    var symbol: String {
      switch self {
      case .checked: "✓"
      case .refuted: "✗"
      case .failed: "!"
      }
    }

    func title(line: Int) -> String {
      switch self {
      case .checked: "Evaluated as typeset by the block at line \(line); its checks pass"
      case .refuted:
        "Evaluated as typeset by the block at line \(line), which shows it wrong (its checks "
          + "fail, as expected)"
      case .failed: "Evaluated as typeset by the block at line \(line); its checks do not pass"
      }
    }
  }

  /// The verdict of `run` on a formula it evaluated.
  static func verdict(of run: BlockRun) -> Verdict {
    switch run.status {
    case .passed: .checked
    case .expectedFailureHeld: .refuted
    default: .failed
    }
  }

  /// `html` (the page's formulas, in order) with a mark in each numbered formula that a block of
  /// `run` evaluated, linking to the first such block (`blockIDs`: each block's element id).
  static func apply(
    to html: [String], labelledSpans: [Int: String], run: DocumentRun, blockIDs: [Int: String]
  ) -> [String] {
    var html = html
    for (index, label) in labelledSpans where index < html.count {
      let blocks = run.blocks.filter { $0.formulas.contains(label) }
      let verdicts = blocks.map(verdict(of:))
      let verdict: Verdict =
        verdicts.contains(.failed) ? .failed : verdicts.contains(.refuted) ? .refuted : .checked
      // The link goes to the first block that gives the verdict.
      guard let first = blocks.first(where: { Self.verdict(of: $0) == verdict }),
        let id = blockIDs[first.index]
      else { continue }
      let mark =
        "<span class=\"math-eqno\"><a class=\"math-checked \(verdict.rawValue)\" href=\"#"
        + escapeHTML(id) + "\" title=\"" + escapeHTML(verdict.title(line: first.line))
        + "\">" + verdict.symbol + "</a> "
      if let range = html[index].range(of: "<span class=\"math-eqno\">") {
        html[index].replaceSubrange(range, with: mark)
      }
    }
    return html
  }

  /// The line a block shows under its status: the formulas it evaluated, linked, by number.
  static func blockLine(_ run: BlockRun, numbers: [String: String]) -> String? {
    let links = run.formulas.compactMap { label in
      numbers[label].map { "<a href=\"#eq-\(escapeHTML(label))\">\(escapeHTML($0))</a>" }
    }
    guard !links.isEmpty else { return nil }
    let noun = links.count == 1 ? "formula" : "formulas"
    return "<p class=\"block-formulas\">Evaluates \(noun) \(links.joined(separator: ", ")) "
      + "as typeset.</p>\n"
  }
}
