import FuzzSupport
import TeXMath

/// The TeX parser and MathML writer: a page of formulas, one a line, as in the TeXMath test
/// fixtures: `$$ …` is display math, `$ …` (or a line without a prefix) inline math, and
/// `%\name = body` defines a macro for the page besides the fixed ones below.
///
/// Invariants, besides not crashing:
/// - an error lies inside its formula (its offset and length within the TeX), in one line;
///   a bad macro definition's error lies inside its body;
/// - a formula's HTML is well-formed markup without characters XML forbids, of the documented
///   shape, and holds its TeX, escaped, in its annotation;
/// - a formula that cannot number or refer to anything converts the same on its own as on the
///   page (the page converts repeated formulas once).
enum TeXTarget {
  static let fixedMacros: [String: String] = [
    "R": "\\mathbb{R}", "E": "\\mathbb{E}", "argmin": "\\operatorname*{arg\\,min}",
    "norm": "\\left\\lVert #1 \\right\\rVert", "inner": "\\langle #1, #2 \\rangle",
    "KL": "D_{\\mathrm{KL}}\\left(#1 \\,\\middle\\|\\, #2\\right)", "grad": "\\nabla_{#1}",
    // Recursion and growth: expansion must stop with an error, not run away.
    "loop": "\\loop", "twice": "#1#1", "nest": "{\\nest}", "sub": "x_{#1}",
  ]

  static func run(_ input: [UInt8]) {
    let text = String(decoding: input, as: UTF8.self)
    // A control character in the TeX (a formula's or a macro's) reaches the MathML: found by this
    // target, reported, and left to be fixed elsewhere (see the README), so let pass here unless
    // `HW_FUZZ_ALL` is set.
    let knownProblem =
      KnownFindings.skipped
      && input.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    var formulas: [Formula] = []
    var definitions = fixedMacros
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("%\\"), let equals = line.firstIndex(of: "=") {
        let name = line[line.index(after: line.startIndex)..<equals]
          .trimmingCharacters(in: " ")
        let body = String(line[line.index(after: equals)...]).trimmingCharacters(in: " ")
        guard !name.isEmpty, name != "\\" else { continue }
        // Read alone by the name the page's table gets, without its backslash: the table takes a
        // leading backslash left on a name for the optional one, so `%\\ = …` names no macro to
        // either.
        let key = String(name.dropFirst())
        do throws(TeXError) {
          _ = try MacroTable([key: body])
          definitions[key] = body
        } catch {
          invariant(
            error.offset >= 0 && error.length >= 0
              && error.offset + error.length <= body.utf8.count,
            "macro error '\(error.message)' at \(error.offset)+\(error.length) of a "
              + "\(body.utf8.count)-byte body")
        }
      } else if line.hasPrefix("$$") {
        formulas.append(Formula(tex: String(line.dropFirst(2)), display: true))
      } else {
        formulas.append(
          Formula(tex: String(line.hasPrefix("$") ? line.dropFirst() : line), display: false))
      }
    }
    let macros: MacroTable
    do throws(TeXError) {
      macros = try MacroTable(definitions)
    } catch {
      invariant(false, "macros that each read on their own do not read together: \(error)")
      return
    }
    let page = MathPage(formulas: formulas, macros: macros)
    invariant(page.results.count == formulas.count, "one result per formula")
    let independent = !definitions.values.contains(where: mayNumberOrReference)
    for (formula, result) in zip(formulas, page.results) {
      check(formula, result, allowingControlCharacters: knownProblem)
      // The page's macros share one expansion budget (README, "Limits"): a formula the page
      // stops for it may convert on its own, by design.
      var stoppedByThePageBudget = false
      if case .failure(let error) = result {
        stoppedByThePageBudget = error.message.contains("a page's macros may write or move")
      }
      if independent && !stoppedByThePageBudget && !mayNumberOrReference(formula.tex) {
        let alone = MathPage(formulas: [formula], macros: macros).results[0]
        invariant(
          alone == result,
          "\(excerpt(formula.tex)) converts differently on its own:\n\(alone)\n\(result)")
      }
    }
  }

  static func check(
    _ formula: Formula, _ result: Result<String, TeXError>, allowingControlCharacters: Bool
  ) {
    let tex = formula.tex
    switch result {
    case .failure(let error):
      invariant(
        error.offset >= 0 && error.length >= 0 && error.offset + error.length <= tex.utf8.count,
        "error '\(error.message)' at \(error.offset)+\(error.length) of \(excerpt(tex))")
      invariant(
        !error.message.isEmpty && !error.message.contains("\n"),
        "error message \(excerpt(error.message))")
    case .success(let html):
      if let problem = MarkupCheck.problem(
        in: html, allowingControlCharacters: allowingControlCharacters)
      {
        invariant(
          false, "\(problem) in the MathML of \(excerpt(tex)): \(excerpt(html, limit: 2000))")
      }
      if html.hasPrefix("<a class=\"math-ref\"") { return }
      let opening = formula.display ? "<span class=\"math-display\"" : "<math><semantics>"
      invariant(html.hasPrefix(opening), "the MathML of \(excerpt(tex)) starts \(excerpt(html))")
      invariant(
        html.contains(
          "<annotation encoding=\"application/x-tex\">\(escaped(tex))</annotation></semantics>"
            + "</math>"),
        "the MathML of \(excerpt(tex)) does not hold its TeX: \(excerpt(html, limit: 2000))")
    }
  }

  /// Whether TeX mentions anything that numbers an equation or refers to one (more than
  /// `MathPage` looks for: any `label`, `tag` or `ref`).
  static func mayNumberOrReference(_ tex: String) -> Bool {
    tex.contains("label") || tex.contains("tag") || tex.contains("ref")
  }

  /// The TeX as the annotation holds it: `& < > "` escaped, U+2061 and U+00A0 as references.
  static func escaped(_ tex: String) -> String {
    var result = ""
    for scalar in tex.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\u{2061}": result += "&#x2061;"
      case "\u{A0}": result += "&#xA0;"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in character: Character) -> Substring {
    var slice = self
    while slice.first == character { slice = slice.dropFirst() }
    while slice.last == character { slice = slice.dropLast() }
    return slice
  }
}

extension String {
  fileprivate func trimmingCharacters(in character: Character) -> String {
    String(Substring(self).trimmingCharacters(in: character))
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTeX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  TeXTarget.run(fuzzInput(data, size))
  return 0
}
