import Foundation
import Synchronization
import TeXMath
import TestSupport
import Testing

/// The homework's checked formulas are the formulas that are checked: one typo at a time
/// planted in the TeX of a numbered formula (a sign, a factor, a subscript, an answer, a
/// dropped hinge), and every mutant that changes the formula's value at the points the homework
/// checks must fail a check of a block that evaluates it, a check that names the formula.
///
/// Whether a mutant changes the value is decided first, here, by evaluating the original and
/// the mutant with TeXMath at those points (the energies of the homework's points, its answers,
/// margin and values of β; each energy's derivative a basis vector of its label). A mutant that
/// gives the same values everywhere (a change in a side no block evaluates) is not built.
@Suite struct FormulaMutationTests {
  /// The formulas checked, with the sides the homework's blocks evaluate.
  static let checked: [(label: String, sides: [Int])] = [
    ("energy", [1]), ("gibbs", [1]), ("gibbs-labels", [1]), ("nll-steps", [0, 1, 2]),
    ("nll-loss", [1, 2]), ("nll-chain-rule", [0, 1]), ("nll-grad", [1]), ("simple-grad", [1]),
    ("log-grad", [1]), ("sq-sq-grad", [1]),
  ]

  /// Typos, each applied at every place its text occurs: (what it does, text, replacement).
  static let typos: [(name: String, text: String, replacement: String)] = [
    ("minus to plus", " - ", " + "), ("plus to minus", " + ", " - "),
    ("y for ȳ", "(x, \\bar y)", "(x, y)"), ("ȳ for y", "(x, y)", "(x, \\bar y)"),
    ("y for y'", "(x, y')", "(x, y)"), ("factor 2 on β", "\\beta", "2\\beta"),
    ("sign of an exponent", "e^{-", "e^{"), ("hinge dropped", "]^+", "]"),
    ("factor 2 to 3", "2 \\,", "3 \\,"), ("1/β dropped", "\\frac{1}{\\beta}", ""),
    ("indicator reversed", "> 0]", "< 0]"), ("margin indicator reversed", "< m]", "> m]"),
    ("another row", "w_y", "w_0"), ("another bias", "b_y", "b_0"),
    ("σ of −z", "\\sigma(z)", "\\sigma(-z)"),
  ]

  /// The display formula labelled `label` in `page`: its TeX and where it sits.
  static func formula(_ label: String, in page: String) -> (
    tex: String, range: Range<String.Index>
  )? {
    guard let mark = page.range(of: "\\label{\(label)}"),
      let open = page.range(
        of: "$$", options: .backwards, range: page.startIndex..<mark.lowerBound),
      let close = page.range(of: "$$", range: mark.upperBound..<page.endIndex)
    else { return nil }
    return (String(page[open.upperBound..<close.lowerBound]), open.upperBound..<close.lowerBound)
  }

  /// Every mutant of `tex`: each typo at each place, outside the `\label{…}`.
  static func mutants(of tex: String) -> [(name: String, tex: String)] {
    let labelStart = tex.range(of: "\\label{")?.lowerBound ?? tex.endIndex
    var found: [(name: String, tex: String)] = []
    for typo in typos {
      var searchFrom = tex.startIndex
      while let range = tex.range(of: typo.text, range: searchFrom..<labelStart) {
        found.append((typo.name, tex.replacingCharacters(in: range, with: typo.replacement)))
        searchFrom = range.upperBound
      }
    }
    return found
  }

  /// The homework's checked points, as bindings: energies, answers, β and m, each energy's
  /// derivative the basis vector of its label.
  static func points(for label: String) -> [FormulaBindings] {
    if label == "energy" {
      let w = MathValue(rows: [[0.3, -1.2], [0.8, 0.1], [-0.5, 0.7]])
      return (0..<3).map { y in
        [
          "x": [0.4, -0.9], "y": .value(.scalar(Double(y))), "w": .value(w), "b": [0.2, -0.3, 1.1],
        ]
      }
    }
    if label == "gibbs" {
      let grid = (0...4000).map { -12 + 24 * Double($0) / 4000 }
      return [-0.5, 0.0, 1.6].map { answer in
        [
          "x": 0.7, "y": .value(.scalar(answer)), "\\beta": 2, "\\hat y": .grid(grid),
          "F_W": .function { a in
            .scalar((a[1].scalar! - a[0].scalar!) * (a[1].scalar! - a[0].scalar!))
          },
        ]
      }
    }
    let energies: [[Double]] = [
      [0.4, -0.3, 1.2, 2.5, -1.1], [2.9, 1.7, 0.6, 3.4, 4.2], [3.2, 4.1, 0.6, 3.7, 5.0],
      [2.8, 1.3, -0.7, 3.6, 4.4], [3.3, 4.0, -0.4, 3.9, 5.2], [1.3, 0.2, 2.1, 3.0, 4.4],
    ]
    var result: [FormulaBindings] = []
    for f in energies {
      let y = 2
      let yBar = (0..<5).filter { $0 != y }.min { f[$0] < f[$1] }!
      for beta in [0.5, 2.0, 3.7] {
        let weights = f.map { exp(-beta * $0) }
        let P = weights.map { $0 / weights.reduce(0, +) }
        let labels = (0..<5).map { MathValue.scalar(Double($0)) }
        result.append([
          "x": 0, "y": .value(.scalar(Double(y))), "\\bar y": .value(.scalar(Double(yBar))),
          "\\beta": .value(.scalar(beta)), "m": 2.5, "n": 5, "z": .value(.scalar(f[y] - f[yBar])),
          "y'": .set(labels), "y''": .set(labels),
          "F_W": .function { a in .scalar(f[Int(a[1].scalar!)]) },
          "P": .function { a in .scalar(P[Int(a[0].scalar!)]) },
          "\\partial F_W / \\partial W": .function { a in
            .vector((0..<5).map { $0 == Int(a[1].scalar!) ? 1 : 0 })
          },
        ])
      }
    }
    return result
  }

  /// The values of `sides` of `tex` at every point, or nil when it does not evaluate.
  static func values(_ tex: String, sides: [Int], at points: [FormulaBindings]) -> [MathValue]? {
    guard let formula = try? EvaluableFormula(tex: tex) else { return nil }
    var values: [MathValue] = []
    for point in points {
      for side in sides {
        guard side < formula.sides.count, let value = try? formula.sides[side].evaluate(point)
        else { return nil }
        values.append(value)
      }
    }
    return values
  }

  static func differ(_ a: [MathValue], _ b: [MathValue]) -> Bool {
    guard a.count == b.count else { return true }
    for (x, y) in zip(a, b) {
      if x.shape != y.shape { return true }
      for (u, v) in zip(x.elements, y.elements) where abs(u - v) > 1e-9 * max(1, abs(v)) {
        return true
      }
    }
    return false
  }

  @Test(.enabled(if: RunningHW.isBuilt, "hw is not built"))
  func everyMutantThatChangesAFormulasValueFailsACheckNamingIt() throws {
    let root = Repository.root
    let page = try String(
      contentsOf: root.appendingPathComponent("Content/ebm-homework.md"), encoding: .utf8)
    var planted: [(label: String, name: String, page: String)] = []
    for (label, sides) in Self.checked {
      let found = try #require(Self.formula(label, in: page), "no formula labelled \(label)")
      let points = Self.points(for: label)
      let original = try #require(Self.values(found.tex, sides: sides, at: points), "\(label)")
      // At most three mutants per formula, the first three that change its value.
      var taken = 0
      for mutant in Self.mutants(of: found.tex) where taken < 3 {
        guard let changed = Self.values(mutant.tex, sides: sides, at: points),
          Self.differ(changed, original)
        else { continue }
        planted.append(
          (label, mutant.name, page.replacingCharacters(in: found.range, with: mutant.tex)))
        taken += 1
      }
    }
    #expect(planted.count >= 20, "only \(planted.count) mutants change a value")

    // Two builds at a time, each in a folder of its own (its own cache of compiled blocks); a
    // mutant's page is cut after the last block that evaluates the formula.
    let hw = try BuiltProducts.hw()
    let folders = (0..<2).map { _ in TemporaryFolder() }
    for folder in folders {
      try FileManager.default.copyItem(
        at: root.appendingPathComponent("Content"),
        to: folder.url.appendingPathComponent("Content"))
    }
    let paths = folders.map(\.url.path)
    let mutants = planted
    let survivors = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: paths.count) { worker in
      let content = paths[worker] + "/Content"
      for mutant in mutants.enumerated().filter({ $0.offset % paths.count == worker }) {
        let (label, name, text) = mutant.element
        let blocks = Self.blockLines(evaluating: label, in: text)
        let lines = text.components(separatedBy: "\n")
        let cut = lines.prefix(blocks.last?.upperBound ?? lines.count).joined(separator: "\n")
        let output: String
        do {
          try (cut + "\n").write(
            toFile: content + "/ebm-homework.md", atomically: true, encoding: .utf8)
          output =
            try Program.run(
              hw, ["build", "--content", content, "--output", paths[worker] + "/Output"]
            ).output
        } catch {
          survivors.withLock { $0.append("\(label), \(name): \(error)") }
          continue
        }
        // A failed check inside a block that evaluates the formula, naming it.
        let killed = output.split(separator: "\n").contains { line in
          guard line.contains(": error: check failed:"), line.contains(label),
            let number = line.split(separator: ":").dropFirst().first.flatMap({ Int($0) })
          else { return false }
          return blocks.contains { $0.contains(number) }
        }
        if !killed {
          survivors.withLock { $0.append("\(label), \(name) survived:\n\(output.prefix(2000))") }
        }
      }
    }
    #expect(survivors.withLock { $0 }.isEmpty, "\(survivors.withLock { $0 })")
  }

  /// The line ranges of the verify blocks of `page` that call `formula("label")`.
  static func blockLines(evaluating label: String, in page: String) -> [ClosedRange<Int>] {
    let lines = page.components(separatedBy: "\n")
    var ranges: [ClosedRange<Int>] = []
    var start: Int?
    for (index, line) in lines.enumerated() {
      if line.hasPrefix("```swift verify") {
        start = index + 1
      } else if line.hasPrefix("```"), let first = start {
        let body = lines[first..<index].joined(separator: "\n")
        if body.contains("formula(\"\(label)\")") {
          ranges.append((first + 1)...(index + 1))
        }
        start = nil
      }
    }
    return ranges
  }
}
