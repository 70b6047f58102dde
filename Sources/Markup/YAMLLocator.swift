import Diagnostics

/// Turns the positions the YAML parser reports into locations in the file.
///
/// libyaml counts its own way: a line ends at `\n`, `\r` or `\r\n` and also at NEL (U+0085),
/// LS (U+2028) and PS (U+2029); a column is a count of Unicode scalars; a byte order mark at the
/// start is not counted. A file location ends lines at `\n`, `\r\n` and `\r` only and counts
/// columns in UTF-8 bytes, like every other location of hw, so the two differ after any of those
/// line separators and after any character outside ASCII.
struct YAMLLocator {
  private let yaml: String
  /// Where each of libyaml's lines starts.
  private let yamlLineStarts: [String.Index]
  /// The UTF-8 offset at which each of the file's lines starts (the first: after a byte order
  /// mark when the text is the whole file).
  private let fileLineStarts: [Int]
  private let firstLine: Int

  /// - Parameters:
  ///   - yaml: the text given to the parser.
  ///   - firstLine: the 1-based line of the file on which the text starts; when 1, the text is
  ///     the whole file, and a byte order mark is not part of its first line.
  init(_ yaml: String, firstLine: Int) {
    let scalars = yaml.unicodeScalars
    var start = scalars.startIndex
    if scalars.first == "\u{FEFF}" { start = scalars.index(after: start) }
    var yamlStarts = [start]
    var fileStarts = [firstLine == 1 ? yaml.utf8.distance(from: yaml.startIndex, to: start) : 0]
    var index = start
    while index < scalars.endIndex {
      let scalar = scalars[index]
      index = scalars.index(after: index)
      switch scalar {
      case "\r":
        if index < scalars.endIndex && scalars[index] == "\n" {
          index = scalars.index(after: index)
        }
        fileStarts.append(yaml.utf8.distance(from: yaml.startIndex, to: index))
        yamlStarts.append(index)
      case "\n":
        fileStarts.append(yaml.utf8.distance(from: yaml.startIndex, to: index))
        yamlStarts.append(index)
      case "\u{85}", "\u{2028}", "\u{2029}":
        yamlStarts.append(index)
      default:
        break
      }
    }
    self.yaml = yaml
    yamlLineStarts = yamlStarts
    fileLineStarts = fileStarts
    self.firstLine = firstLine
  }

  /// The file location of libyaml's 1-based `line` and `column` (as Yams reports them); a
  /// position past the end of a line or of the text is put at that end.
  func location(line: Int, column: Int) -> SourceLocation {
    let scalars = yaml.unicodeScalars
    var index = yamlLineStarts[min(max(line, 1), yamlLineStarts.count) - 1]
    var remaining = column - 1
    while remaining > 0 && index < scalars.endIndex
      && !["\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalars[index])
    {
      index = scalars.index(after: index)
      remaining -= 1
    }
    return location(ofOffset: yaml.utf8.distance(from: yaml.startIndex, to: index))
  }

  /// The file location of a UTF-8 byte offset into the text (as `YAMLPrescan` reports them); an
  /// offset inside a byte order mark that is not part of the first line is put at that line's
  /// first column.
  func location(ofOffset offset: Int) -> SourceLocation {
    var low = 0
    var high = fileLineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if fileLineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return SourceLocation(
      line: firstLine + low, column: max(offset - fileLineStarts[low], 0) + 1)
  }
}
