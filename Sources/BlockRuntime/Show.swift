import BlockRecords
import Diagnostics

/// Shows a number beside the block, at 6 significant digits (`NumberText`).
public func show(
  _ label: String, _ value: Double, file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  record(label, .scalar(NumberText.format(value)), file: file, line: line, column: column)
}

/// Shows an integer beside the block.
public func show(
  _ label: String, _ value: Int, file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  record(label, .scalar(NumberText.format(value)), file: file, line: line, column: column)
}

/// Shows text beside the block, verbatim.
public func show(
  _ label: String, _ value: String, file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  record(label, .text(value), file: file, line: line, column: column)
}

/// Shows a vector beside the block, each entry at 6 significant digits.
public func show(
  _ label: String, _ value: [Double], file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  record(label, .vector(value.map(NumberText.format)), file: file, line: line, column: column)
}

/// Shows a matrix (an array of rows) beside the block as a small table.
public func show(
  _ label: String, _ value: [[Double]], file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  record(
    label, .matrix(value.map { $0.map(NumberText.format) }), file: file, line: line,
    column: column)
}

/// Shows a figure made by the block: complete SVG text, an identifier unique in the document,
/// and a caption.
public func showFigure(
  svg: String, id: String, caption: String, file: StaticString = #filePath,
  line: UInt = #line, column: UInt = #column
) {
  let session = RunnerSession.shared
  session.append(
    .figure(
      FigureRecord(
        block: session.currentBlock, id: id, caption: caption, svg: svg,
        location: FileLocation(path: "\(file)", line: Int(line), column: Int(column)))))
}

private func record(
  _ label: String, _ content: ShownValue.Content, file: StaticString, line: UInt, column: UInt
) {
  let session = RunnerSession.shared
  session.append(
    .value(
      ShownValue(
        block: session.currentBlock, label: label, content: content,
        location: FileLocation(path: "\(file)", line: Int(line), column: Int(column)))))
}

/// Text forms shared by checks and shown values.
enum ShownText {
  /// Vectors of a check are kept whole up to this length, so that a page can fold the whole of
  /// a long one away; past it, the first and the last half of it are kept around `…`.
  static let checkedVectorLimit = 200

  /// `[a, b, c]` at 6 significant digits, whole up to `checkedVectorLimit` entries.
  static func checkedVector(_ values: [Double]) -> String {
    let texts = values.map(NumberText.format)
    if texts.count <= checkedVectorLimit { return "[" + texts.joined(separator: ", ") + "]" }
    let half = checkedVectorLimit / 2
    return "[" + texts.prefix(half).joined(separator: ", ") + ", …, "
      + texts.suffix(half).joined(separator: ", ") + "]"
  }
}
