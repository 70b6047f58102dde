import Foundation
import TestSupport

@testable import TeXMath

/// Reads the formulas and macros of `Tests/Fixtures/math-<group>/`.
enum Fixtures {
  /// The formulas of a group: one per line, `$ tex` inline or `$$ tex` display.
  static func formulas(_ group: String) throws -> [Formula] {
    let url = Repository.fixtures.appendingPathComponent("math-\(group)/formulas.txt")
    return try String(contentsOf: url, encoding: .utf8)
      .split(separator: "\n").map { line in
        if line.hasPrefix("$$ ") { return Formula(tex: String(line.dropFirst(3)), display: true) }
        precondition(line.hasPrefix("$ "), "formulas.txt line must start with $ or $$: \(line)")
        return Formula(tex: String(line.dropFirst(2)), display: false)
      }
  }

  /// The group's macros: `macros.txt` lines `\name = body`, or none.
  static func macros(_ group: String) throws -> MacroTable {
    let url = Repository.fixtures.appendingPathComponent("math-\(group)/macros.txt")
    guard FileManager.default.fileExists(atPath: url.path) else { return MacroTable() }
    var definitions: [String: String] = [:]
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1)
      precondition(parts.count == 2, "macros.txt line must be '\\name = body': \(line)")
      definitions[parts[0].trimmingCharacters(in: .whitespaces)] =
        parts[1].trimmingCharacters(in: .whitespaces)
    }
    return try MacroTable(definitions)
  }

  /// One line per result: the HTML, or `error: message @offset+length`.
  static func render(_ page: MathPage) -> String {
    page.results.map { result in
      switch result {
      case .success(let html): return html
      case .failure(let e): return "error: \(e.message) @\(e.offset)+\(e.length)"
      }
    }.joined(separator: "\n") + "\n"
  }

}
