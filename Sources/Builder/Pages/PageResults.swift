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

  /// The HTML of every code block, in order; `formulaNumbers` numbers the formulas blocks
  /// evaluated, by label.
  func codeBlockHTML(formulaNumbers: [String: String] = [:]) -> [String] {
    var renderer = VerifyBlockHTML()
    return document.codeBlocks.enumerated().map { codeIndex, block in
      guard let verify = outcome.verifyBlocks[codeIndex] else { return CodeBlockHTML.render(block) }
      return renderer.render(
        block, options: verify.options, index: verify.index,
        run: outcome.run?.blocks.first { $0.index == verify.index },
        formulaNumbers: formulaNumbers)
    }
  }

  /// Each verify block's element id on the page, by block index.
  var blockIDs: [Int: String] {
    var ids: [Int: String] = [:]
    for verify in outcome.verifyBlocks.values {
      ids[verify.index] = VerifyBlockHTML.elementID(verify.options, index: verify.index)
    }
    return ids
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

  /// A badge after each heading of level 2 to 4 (those the table of contents lists) for the
  /// checks in its section (up to the next heading of the same or a higher level); nothing for
  /// other headings.
  var headingBadges: [String] {
    guard outcome.run != nil else { return [] }
    let headings = document.headings
    let blockLines = outcome.verifyBlocks.map {
      (line: document.codeBlocks[$0.key].range.start.line, index: $0.value.index)
    }
    return headings.enumerated().map { position, heading in
      guard (2...4).contains(heading.level) else { return "" }
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

  /// The top of the page: "N checks pass", or "P of N checks pass", and apart from them the
  /// errata, the `expect-failure` blocks ("M errata fail as expected"); empty for a page without
  /// verify blocks.
  var summaryHTML: String {
    guard outcome.run != nil else { return "" }
    let errata = Set(
      outcome.verifyBlocks.values.filter { $0.options.flags.contains(.expectFailure) }.map(\.index))
    let checks = tally(itemsByBlock.keys.filter { !errata.contains($0) })
    let held = tally(itemsByBlock.keys.filter { errata.contains($0) })
    guard checks.total + held.total > 0 else {
      return "<p class=\"check-summary none\">Nothing on this page is checked.</p>"
    }
    var parts: [String] = []
    if checks.total > 0 {
      let noun = checks.total == 1 ? "check passes" : "checks pass"
      parts.append(
        checks.passed == checks.total
          ? "\(checks.total) \(noun)" : "\(checks.passed) of \(checks.total) \(noun)")
    }
    if held.total > 0 {
      let noun = held.total == 1 ? "erratum fails as expected" : "errata fail as expected"
      parts.append(
        held.passed == held.total
          ? "\(held.total) \(noun)" : "\(held.passed) of \(held.total) \(noun)")
    }
    let state = checks.passed == checks.total && held.passed == held.total ? "pass" : "fail"
    return "<p class=\"check-summary \(state)\">\(parts.joined(separator: " · "))</p>"
  }
}
