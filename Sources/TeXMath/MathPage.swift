/// The math of one page, rendered to HTML with equation numbers and cross-references resolved.
///
/// Numbering rule: a display formula gets a number only when it has a `\label{name}` (numbered
/// (1), (2), … in page order) or a `\tag{text}` (shown as `(text)`; `\tag*{text}` as `text`,
/// neither uses a number). Unlabelled display math is not numbered, so a homework numbers exactly
/// the equations its prose cites. A formula holds at most one `\label`: a whole `align` gets one
/// number, shown at its right. `\nonumber` and `\notag` are accepted and change nothing (so the
/// LaTeX habit of `\notag` on all rows but the labelled one works). `\label` in a starred
/// environment (`align*`, `equation*`, `gather*`) is an error: it would name an equation that
/// LaTeX does not number. `\eqref{name}` shows `(n)` and `\ref{name}` shows `n`, linking to `#eq-name`;
/// references may point forward. A formula that is only `\eqref{…}` or `\ref{…}` becomes a plain
/// HTML link.
public struct MathPage: Sendable {
  /// For each formula, in order: the HTML to put in its place, or its error.
  ///
  /// Inline math is `<math>…</math>`; display math is
  /// `<span class="math-display"[ id="eq-name"]><math display="block">…</math>`
  /// `[<span class="math-eqno">(n)</span>]</span>` (a `span`, so it may sit inside a `<p>`); a
  /// lone reference is `<a class="math-ref" href="#eq-name">(n)</a>`. Each `<math>` holds a
  /// `<semantics>` with the TeX in `<annotation encoding="application/x-tex">`.
  public var results: [Result<String, TeXError>]

  /// The number of each label: its element id and the text shown by `\eqref` and `\ref`.
  public private(set) var labels: [String: (eqref: String, ref: String)] = [:]

  /// Renders `formulas` with the user commands in `macros`.
  public init(formulas: [Formula], macros: MacroTable = MacroTable()) {
    self.init(formulas: formulas, macros: macros, widths: .tex)
  }

  /// Renders `formulas` with the user commands in `macros` and the characters' widths that
  /// `widths` says.
  init(formulas: [Formula], macros: MacroTable = MacroTable(), widths: GlyphWidths.Rule) {
    var parsed: [Result<Parsed, TeXError>] = []
    parsed.reserveCapacity(formulas.count)
    var counter = 0
    var labels: [String: (eqref: String, ref: String)] = [:]
    // A formula that cannot number or reference anything converts the same wherever it stands,
    // so a repeated one ($x$, $\beta$, …) is converted once.
    let memoizable = !macros.macros.values.contains { Self.mayNumberOrReference($0.body) }
    struct Key: Hashable {
      var tex: String
      var display: Bool
    }
    var firstIndex: [Key: Int] = [:]
    // Macro expansion is bounded for the page as a whole (`Parser.maximumExpansionWork`).
    var expansionBudget = Parser.maximumExpansionWork
    var duplicateOf: [Int?] = []
    duplicateOf.reserveCapacity(formulas.count)
    for (index, formula) in formulas.enumerated() {
      if memoizable && !Self.mayNumberOrReference(formula.tex) {
        let key = Key(tex: formula.tex, display: formula.display)
        if let first = firstIndex[key] {
          duplicateOf.append(first)
          parsed.append(.success(Parsed(nodes: [])))
          continue
        }
        firstIndex[key] = index
      }
      duplicateOf.append(nil)
      do throws(TeXError) {
        var parser = try Parser(tex: formula.tex, display: formula.display, macros: macros)
        parser.expansionBudget = expansionBudget
        defer { expansionBudget -= parser.expansionWork }
        var nodes = try parser.parseFormula()
        if widths == .tex { nodes = GlyphWidths.apply(to: nodes, display: formula.display) }
        var result = Parsed(nodes: nodes)
        if let tag = parser.tag {
          result.number = tag.text
        } else if let label = parser.label {
          if parser.starredEnvironment != nil {
            throw TeXError(
              "\\label '\(label.name)' in a starred environment, which is not numbered",
              offset: label.token.offset, length: label.token.length)
          }
          counter += 1
          result.number = "(\(counter))"
        }
        if let label = parser.label {
          if labels[label.name] != nil {
            throw TeXError(
              "duplicate \\label '\(label.name)'", offset: label.token.offset,
              length: label.token.length)
          }
          let number = result.number!
          let bare =
            parser.tag == nil
            ? String(counter)
            : number.hasPrefix("(")
              ? String(number.dropFirst().dropLast()) : number
          labels[label.name] = (number, bare)
          result.id = "eq-" + label.name
        }
        parsed.append(.success(result))
      } catch {
        parsed.append(.failure(error))
      }
    }
    self.labels = labels
    let resolve: MathMLWriter.Resolver = { (reference) throws(TeXError) in
      guard let number = labels[reference.label] else {
        let command = reference.parenthesized ? "\\eqref" : "\\ref"
        throw TeXError(
          "\(command) to unknown label '\(reference.label)'", offset: reference.offset,
          length: reference.length)
      }
      return ("eq-" + reference.label, reference.parenthesized ? number.eqref : number.ref)
    }
    var results: [Result<String, TeXError>] = []
    results.reserveCapacity(formulas.count)
    for (index, (formula, parsed)) in zip(formulas, parsed).enumerated() {
      if let first = duplicateOf[index] {
        results.append(results[first])
        continue
      }
      switch parsed {
      case .failure(let error): results.append(.failure(error))
      case .success(let p):
        do throws(TeXError) {
          results.append(.success(try Self.html(formula, p, resolve: resolve)))
        } catch {
          results.append(.failure(error))
        }
      }
    }
    self.results = results
  }

  /// Whether TeX may number an equation or refer to one (and so depends on the rest of the
  /// page): it mentions `\label`, `\tag`, `\ref` or `\eqref`.
  static func mayNumberOrReference(_ tex: String) -> Bool {
    var tex = tex
    return tex.withUTF8 { bytes in
      var index = 0
      while index < bytes.count {
        guard bytes[index] == UInt8(ascii: "\\") else {
          index += 1
          continue
        }
        var end = index + 1
        while end < bytes.count && (bytes[end] | 0x20) >= UInt8(ascii: "a")
          && (bytes[end] | 0x20) <= UInt8(ascii: "z")
        {
          end += 1
        }
        let name = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
        if name.elementsEqual("label".utf8) || name.elementsEqual("tag".utf8)
          || name.elementsEqual("ref".utf8) || name.elementsEqual("eqref".utf8)
        {
          return true
        }
        index = max(end, index + 1)
      }
      return false
    }
  }

  /// A parsed formula with its number and element id.
  struct Parsed {
    var nodes: [MathNode]
    var number: String? = nil
    var id: String? = nil
  }

  static func html(
    _ formula: Formula, _ parsed: Parsed, resolve: @escaping MathMLWriter.Resolver
  )
    throws(TeXError) -> String
  {
    var writer = MathMLWriter(resolve: resolve)
    let nodes = parsed.nodes
    if nodes.count == 1, nodes[0].kind == .ref {
      let target = try resolve(nodes[0].reference!)
      return "<a class=\"math-ref\" href=\"#\(MathMLWriter.escape(target.id))\">"
        + MathMLWriter.escape(target.text) + "</a>"
    }
    if formula.display {
      writer.raw("<span class=\"math-display\"")
      if let id = parsed.id {
        writer.raw(" id=\"")
        writer.text(id)
        writer.raw("\"")
      }
      writer.raw("><math display=\"block\">")
    } else {
      writer.raw("<math>")
    }
    writer.raw("<semantics>")
    if nodes.count == 1 {
      try writer.write(nodes[0])
    } else {
      try writer.write(MathNode(.mrow, children: nodes))
    }
    writer.raw("<annotation encoding=\"application/x-tex\">")
    writer.text(formula.tex)
    writer.raw("</annotation></semantics></math>")
    if formula.display {
      if let number = parsed.number {
        writer.raw("<span class=\"math-eqno\">")
        writer.text(number)
        writer.raw("</span>")
      }
      writer.raw("</span>")
    }
    return writer.output
  }
}
