import BlockRecords
import Diagnostics

/// Records that `condition` holds, with `label`, at the caller's line in the Markdown file.
///
/// A failing check does not stop the block; it is reported on the page and by `hw verify`.
public func check(
  _ condition: Bool, _ label: String, file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  let session = RunnerSession.shared
  session.append(
    .check(
      CheckRecord(
        block: session.currentBlock, kind: .condition, label: label, passed: condition,
        location: FileLocation(path: "\(file)", line: Int(line), column: Int(column)))))
}

/// Records that `actual` is close to `expected`: |a − e| ≤ tolerance · max(1, |e|).
///
/// The tolerance is relative for |e| > 1 and absolute below, so `1e-8` means "8 digits".
/// NaN never passes. The record carries both numbers at 6 significant digits.
public func checkClose(
  _ actual: Double, _ expected: Double, tolerance: Double = 1e-8, _ label: String,
  file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) {
  let error = scaledError(actual, expected)
  let passed = error <= tolerance
  recordClose(
    CheckRecord(
      block: RunnerSession.shared.currentBlock, kind: .close, label: label, passed: passed,
      actual: NumberText.format(actual), expected: NumberText.format(expected),
      tolerance: tolerance, worstError: passed ? nil : NumberText.format(error),
      location: FileLocation(path: "\(file)", line: Int(line), column: Int(column))))
}

/// Records that `actual` is close to `expected` elementwise:
/// |aᵢ − eᵢ| ≤ tolerance · max(1, |eᵢ|) for every i, and the lengths agree.
///
/// Passing or failing, the record names the worst element, the one of largest scaled error
/// |aᵢ − eᵢ| / max(1, |eᵢ|): its index, both values and that error (a NaN counts as worst).
public func checkClose(
  _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-8, _ label: String,
  file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) {
  let location = FileLocation(path: "\(file)", line: Int(line), column: Int(column))
  var record = CheckRecord(
    block: RunnerSession.shared.currentBlock, kind: .close, label: label, passed: false,
    actual: ShownText.checkedVector(actual), expected: ShownText.checkedVector(expected),
    tolerance: tolerance, entries: actual.count, location: location)
  guard actual.count == expected.count else {
    record.note = "length \(actual.count) differs from expected length \(expected.count)"
    recordClose(record)
    return
  }
  var worstIndex = 0
  var worstError = 0.0
  var passed = true
  for index in actual.indices {
    let error = scaledError(actual[index], expected[index])
    if !(error <= tolerance) { passed = false }
    if error > worstError || (error.isNaN && !worstError.isNaN) {
      worstError = error
      worstIndex = index
    }
  }
  record.passed = passed
  if !actual.isEmpty {
    record.worstIndex = worstIndex
    record.worstError = NumberText.format(worstError)
    record.worstActual = NumberText.format(actual[worstIndex])
    record.worstExpected = NumberText.format(expected[worstIndex])
  }
  recordClose(record)
}

/// |a − e| / max(1, |e|); NaN when either is NaN or both are infinite with a NaN difference.
func scaledError(_ actual: Double, _ expected: Double) -> Double {
  if actual == expected { return 0 }
  return (actual - expected).magnitude / max(1, expected.magnitude)
}

private func recordClose(_ record: CheckRecord) {
  RunnerSession.shared.append(.check(record))
}
