import BlockRecords
import Execution
import Markup
import Reports

/// What a page shows of its verification: each block's HTML, a badge per heading section and the
/// summary at the top. The counts are those of the reports (`VerificationItem`), so the page and
/// `hw verify` agree.
struct PageResults {
  let document: MarkdownDocument
  let outcome: VerifyStage.Outcome
  /// Items of each verify block, by verify-block index.
  let itemsByBlock: [Int: [VerificationItem]]

  init(document: MarkdownDocument, outcome: VerifyStage.Outcome) {
    self.document = document
    self.outcome = outcome
    var items: [Int: [VerificationItem]] = [:]
    if let run = outcome.run {
      for item in VerificationItem.items(of: run, displayPath: document.path) {
        items[item.block, default: []].append(item)
      }
    }
    itemsByBlock = items
  }

  /// The HTML of every code block, in order.
  func codeBlockHTML() -> [String] {
    var renderer = VerifyBlockHTML()
    return document.codeBlocks.enumerated().map { codeIndex, block in
      guard let verify = outcome.verifyBlocks[codeIndex] else { return CodeBlockHTML.render(block) }
      return renderer.render(
        block, options: verify.options, index: verify.index,
        run: outcome.run?.blocks.first { $0.index == verify.index })
    }
  }

  /// Passed and counted items among some blocks (skipped items do not count).
  private func tally(_ blocks: some Sequence<Int>) -> (passed: Int, total: Int) {
    var passed = 0
    var total = 0
    for block in blocks {
      for item in itemsByBlock[block] ?? [] {
        switch item.outcome {
        case .passed:
          passed += 1
          total += 1
        case .failed, .error: total += 1
        case .skipped: break
        }
      }
    }
    return (passed, total)
  }

  /// A badge after each heading of level 2 or 3 for the checks in its section (up to the next
  /// heading of the same or a higher level); nothing for other headings.
  var headingBadges: [String] {
    guard outcome.run != nil else { return [] }
    let headings = document.headings
    let blockLines = outcome.verifyBlocks.map {
      (line: document.codeBlocks[$0.key].range.start.line, index: $0.value.index)
    }
    return headings.enumerated().map { position, heading in
      guard heading.level == 2 || heading.level == 3 else { return "" }
      let end =
        headings[(position + 1)...].first { $0.level <= heading.level }?.location.line ?? Int.max
      let blocks = blockLines.filter { $0.line > heading.location.line && $0.line < end }
        .map(\.index)
      let (passed, total) = tally(blocks)
      if total == 0 {
        return " <span class=\"badge none\" title=\"nothing checked in this section\">–</span>"
      }
      let state = passed == total ? "pass" : "fail"
      let mark = passed == total ? "✓" : "✗"
      return " <span class=\"badge \(state)\" title=\"\(passed) of \(total) checks pass\">"
        + "\(mark) \(passed)/\(total)</span>"
    }
  }

  /// "N of M checks pass" for the top of the page; empty for a page without verify blocks.
  var summaryHTML: String {
    guard outcome.run != nil else { return "" }
    let (passed, total) = tally(itemsByBlock.keys)
    guard total > 0 else {
      return "<p class=\"check-summary none\">Nothing on this page is checked.</p>"
    }
    let state = passed == total ? "pass" : "fail"
    let noun = total == 1 ? "check passes" : "checks pass"
    let text =
      passed == total && total == 1 ? "1 of 1 check passes" : "\(passed) of \(total) \(noun)"
    return "<p class=\"check-summary \(state)\">\(text)</p>"
  }
}
