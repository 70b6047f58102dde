/// TeX's classes of atoms: what an atom is decides the space TeX puts between it and its
/// neighbours (The TeXbook, chapter 17, and its table of spacing in chapter 18).
enum AtomClass: Int, Sendable {
  case ord, op, bin, rel, open, close, punct, inner
}

/// Puts TeX's space between the atoms of a list, in MathML Core terms.
///
/// A browser spaces only operators (`mo`, and "embellished" operators: an `mo` with scripts, or
/// alone in a row), by its own operator dictionary and by the operator's position in its row.
/// That dictionary often disagrees with TeX (`×` and `⋅` get 3/18 em where TeX puts 4/18, `/`
/// and `.` get space where TeX puts none, two relations in a row get two thick spaces) and knows
/// nothing of ordinary atoms (`\frac{1}{2}\log x` has a thin space before `\log` in TeX). So
/// the space between each pair of neighbouring atoms is computed as TeX does it, then put where
/// the browser will apply it: on the operator's `lspace` or `rspace` when the neighbour is an
/// operator, written only when it differs from the dictionary's; as an `mspace` otherwise.
enum AtomSpacing {
  /// TeX's table of inter-atom spaces, in mu (18 mu = 1 em): rows for the left atom, columns for
  /// the right one, in ``AtomClass`` order. A negative entry is a space TeX puts only in display
  /// and text style, not in scripts. Pairs that cannot occur (a binary operator next to a
  /// relation) are 0.
  static let table: [[Int8]] = [
    // ord op bin rel open close punct inner
    [0, 3, -4, -5, 0, 0, 0, -3],  // ord
    [3, 3, 0, -5, 0, 0, 0, -3],  // op
    [-4, -4, 0, 0, -4, 0, 0, -4],  // bin
    [-5, -5, 0, 0, -5, 0, 0, -5],  // rel
    [0, 0, 0, 0, 0, 0, 0, 0],  // open
    [0, 3, -4, -5, 0, 0, 0, -3],  // close
    [-3, -3, 0, -3, -3, -3, -3, -3],  // punct
    [-3, 3, -4, -5, -3, 0, -3, -3],  // inner
  ]

  /// The space in mu between atoms of classes `left` and `right`, in a script style or not.
  static func space(_ left: AtomClass, _ right: AtomClass, script: Bool) -> Int {
    let entry = Int(table[left.rawValue][right.rawValue])
    if entry < 0 { return script ? 0 : -entry }
    return entry
  }

  /// The CSS length of `mu` eighteenths of an em.
  static func length(_ mu: Int) -> String {
    switch mu {
    case 0: "0"
    case 3: "0.1667em"
    case 4: "0.2222em"
    case 5: "0.2778em"
    default: "\(Double(mu) / 18)em"
    }
  }

  /// The class of `node` as an atom, or nil for what is not one (spaces, the invisible function
  /// application, a style switch), which TeX's spacing passes over.
  static func atomClass(of node: MathNode) -> AtomClass? {
    if node.isAtomSpace { return nil }
    if let atom = node.atomClass { return atom }
    switch node.kind {
    case .mspace: return nil
    case .mo:
      if node.text == "\u{2061}" { return nil }
      if node.isLargeOperator { return .op }
      return characterClasses[node.text] ?? .ord
    case .mi: return node.isFunctionName ? .op : .ord
    case .msub, .msup, .msubsup, .munder, .mover, .munderover:
      return atomClass(of: node.children[0]) ?? .ord
    // LaTeX's `\frac` and `\binom` put the fraction in a group: an ordinary atom (TeX's own
    // `\over` would make it inner).
    case .mstyle:
      return node.attribute("scriptlevel") == "0" && node.children.count == 1
        && node.children[0].kind == .mfrac ? .ord : nil
    default: return .ord
    }
  }

  /// Classes of the operator characters the parser writes for plain characters and fences.
  static let characterClasses: [String: AtomClass] = [
    "+": .bin, "−": .bin, "∗": .bin, "±": .bin, "∓": .bin,
    "=": .rel, "<": .rel, ">": .rel, ":": .rel,
    ",": .punct, ";": .punct,
    "(": .open, "[": .open, "{": .open, "⟨": .open,
    ")": .close, "]": .close, "}": .close, "⟩": .close, "!": .close, "?": .close,
  ]

  /// The `mo` whose `lspace` and `rspace` the browser applies around `node` in its row: `node`
  /// itself, or the core of an embellished operator (MathML Core, section 3.2.4), or nil.
  static func core(of node: MathNode) -> MathNode? {
    switch node.kind {
    case .mo: return node
    case .msub, .msup, .msubsup, .munder, .mover, .munderover, .mfrac:
      return core(of: node.children[0])
    case .mrow, .mstyle, .mpadded, .mphantom:
      var found: MathNode? = nil
      for child in node.children where child.kind != .mspace {
        if found != nil { return nil }
        found = child
      }
      return found.flatMap(core(of:))
    default: return nil
    }
  }

  /// The form the browser infers for a child of a row: first of several is prefix, last of
  /// several postfix, otherwise infix; a `form` attribute on the core decides instead.
  static func form(of core: MathNode, at index: Int, count: Int) -> OperatorDictionary.Form {
    if let form = core.attribute("form") {
      switch form {
      case "prefix": return .prefix
      case "postfix": return .postfix
      default: return .infix
      }
    }
    if count > 1 && index == 0 { return .prefix }
    if count > 1 && index == count - 1 { return .postfix }
    return .infix
  }

  /// `nodes`, a list of one row, with TeX's spaces between its atoms. `script`: the list is in a
  /// script style. `afterOrdinary`: an ordinary atom precedes the list (the empty `{}` amsmath
  /// puts at the start of an aligned column, so that `&= x` spaces `=` as a relation).
  ///
  /// Applying it again to the same nodes, or to a row they were put into, gives the same result
  /// as applying it once: spaces it inserted are taken out first, and the spacing of every
  /// operator is set anew.
  static func apply(to nodes: [MathNode], script: Bool, afterOrdinary: Bool = false)
    -> [MathNode]
  {
    // A single atom that is no operator (a script's `i`, a group's `x`) has nothing to space:
    // most lists are such, and they cost no arrays.
    if nodes.count == 1 && !nodes[0].isAtomSpace && core(of: nodes[0]) == nil { return nodes }
    var nodes = nodes
    if nodes.contains(where: \.isAtomSpace) { nodes.removeAll(where: \.isAtomSpace) }
    // TeX's rule for binary operators: one with nothing to operate on to its left (at the start,
    // after an operator, relation, opening or punctuation) or to its right (before a relation,
    // closing or punctuation, or at the end) is an ordinary atom.
    var atoms: [(index: Int, atom: AtomClass)] = []
    atoms.reserveCapacity(nodes.count)
    for (index, node) in nodes.enumerated() {
      guard var atom = atomClass(of: node) else { continue }
      let previous = atoms.last?.atom ?? (afterOrdinary ? .ord : nil)
      switch atom {
      case .bin:
        switch previous {
        case nil, .bin?, .op?, .rel?, .open?, .punct?: atom = .ord
        default: break
        }
      case .rel, .close, .punct:
        if previous == .bin { atoms[atoms.count - 1].atom = .ord }
      default: break
      }
      atoms.append((index, atom))
    }
    if atoms.last?.atom == .bin { atoms[atoms.count - 1].atom = .ord }
    if atoms.isEmpty { return nodes }

    // The space on each side of each operator core, and the spaces to insert before atoms.
    var lspace = [Int](repeating: 0, count: nodes.count)
    var rspace = [Int](repeating: 0, count: nodes.count)
    var inserted: [(before: Int, mu: Int)] = []
    let cores = nodes.map(core(of:))
    var previous: (index: Int, atom: AtomClass)? =
      afterOrdinary ? (-1, .ord) : nil
    for (index, atom) in atoms {
      defer { previous = (index, atom) }
      guard let left = previous else { continue }
      let mu = space(left.atom, atom, script: script)
      let leftCore = left.index >= 0 ? cores[left.index] : nil
      if let rightCore = cores[index] {
        // Between two operators, on the side that needs fewer attributes written: on the
        // left one's rspace when that takes no more than on the right one's lspace.
        let right = defaults(rightCore, at: index, in: nodes)
        if let leftCore {
          let leftDefault = defaults(leftCore, at: left.index, in: nodes)
          let onLeft = (leftDefault.rspace == mu ? 0 : 1) + (right.lspace == 0 ? 0 : 1)
          let onRight = (leftDefault.rspace == 0 ? 0 : 1) + (right.lspace == mu ? 0 : 1)
          if onLeft < onRight {
            rspace[left.index] = mu
            continue
          }
        }
        lspace[index] = mu
      } else if leftCore != nil {
        rspace[left.index] = mu
      } else if mu > 0 {
        inserted.append((index, mu))
      }
    }
    write(nodes, cores: cores, lspace: lspace, rspace: rspace)
    guard !inserted.isEmpty else { return nodes }
    // The spaces go between atoms, never first or last, so the forms the browser infers in the
    // spaced row, and the dictionary's spacing just compared with, stay the same.
    var spaced: [MathNode] = []
    spaced.reserveCapacity(nodes.count + inserted.count)
    var next = 0
    for (index, node) in nodes.enumerated() {
      if next < inserted.count && inserted[next].before == index {
        let space = MathNode.space(length(inserted[next].mu))
        space.isAtomSpace = true
        spaced.append(space)
        next += 1
      }
      spaced.append(node)
    }
    return spaced
  }

  /// Sets `lspace` and `rspace` on the cores of the atoms of `nodes` where they differ from the
  /// browser's dictionary, and removes them where they agree.
  private static func write(
    _ nodes: [MathNode], cores: [MathNode?], lspace: [Int], rspace: [Int]
  ) {
    for (index, node) in nodes.enumerated() {
      guard let core = cores[index], atomClass(of: node) != nil else { continue }
      let dictionary = defaults(core, at: index, in: nodes)
      set("lspace", lspace[index], default: dictionary.lspace, on: core)
      set("rspace", rspace[index], default: dictionary.rspace, on: core)
    }
  }

  private static func set(_ name: String, _ mu: Int, default dictionary: Int, on core: MathNode) {
    if mu == dictionary {
      if core.attribute(name) != nil { core.attributes.removeAll { $0.name == name } }
    } else {
      core.setAttribute(name, length(mu))
    }
  }

  /// The spacing the browser's dictionary gives the core of `nodes[index]` in its row.
  static func defaults(_ core: MathNode, at index: Int, in nodes: [MathNode]) -> (
    lspace: Int, rspace: Int
  ) {
    OperatorDictionary.spacing(
      of: core.text, form: form(of: core, at: index, count: nodes.count))
  }
}
