/// Gives characters the widths TeX gives them, which a browser does not (The TeXbook,
/// appendix G, rule 17, and chapter 17 on the sizes of scripts):
///
/// * **italic correction**: after a character of the math italic font (`F`, `W`, `y`) TeX puts
///   its italic correction δ (0.134 em for F in Latin Modern Math), unless the character has a
///   subscript, which then tucks under it; a superscript beside that subscript goes δ further
///   right. A browser puts none, so `F(x)` comes out 0.13 em narrower than LaTeX's and every
///   character after it stands that much further left.
/// * **script sizes**: TeX sets a script with the fonts designed for its size (cmmi7, cmr7),
///   whose characters are some 15 % wider for their size than the text fonts' scaled down; a
///   browser draws the text design scaled. A script's token is given the width of the font's
///   script design (``GlyphMetrics``), the drawn glyphs centred in it; the operators the font
///   has no script design for are drawn as much larger as TeX's script fonts draw them
///   (``scriptDesigns``), the delimiters only that much wider.
/// * `\ldots`, three periods with thin spaces in TeX, one narrower glyph in the font; `\|` and
///   `\mathbb{1}`, whose glyphs are narrower than cmsy10's and dsfont's.
///
/// A token becomes an `mpadded` around it (`width`, and `lspace` for the centring); an operator
/// is padded with CSS padding on itself, or gets `mathsize`; the superscript beside a subscript
/// gets a space before it. The pass runs on a whole formula once it is parsed and spaced, and
/// follows the browser's script levels (MathML Core's `math-depth`: one more in a script, a
/// limit, or a fraction that is not in display style), since those decide the size the
/// browser draws at.
enum GlyphWidths {
  /// Whose widths a page's characters get.
  enum Rule: Sendable {
    /// TeX's: this pass runs.
    case tex
    /// The browser's own: the parser's markup as it is (which the tests of the parser's other
    /// decisions read, and measure against hand-written MathML).
    case browser
  }

  /// `nodes`, a formula's top-level row, with its characters' widths made TeX's. `display`:
  /// the formula is display math.
  static func apply(to nodes: [MathNode], display: Bool) -> [MathNode] {
    let context = Context(level: 0, display: display)
    return nodes.map { adjust($0, context, correctable: true) }
  }

  /// Where a node stands: its script level (0 text size, 1 script, 2 or more scriptscript)
  /// and whether it is in display style.
  struct Context {
    var level: Int
    var display: Bool

    /// The context of a script of a node in this one.
    var script: Context { Context(level: level + 1, display: false) }
  }

  /// The font size at script level `level` relative to the text size (the font's
  /// `ScriptPercentScaleDown` and `ScriptScriptPercentScaleDown`, 70 and 50).
  static func scale(_ level: Int) -> Double {
    level == 0 ? 1 : level == 1 ? 0.7 : 0.5
  }

  /// `node` with its own and its descendants' widths adjusted; a token may come back wrapped.
  /// `correctable`: the node gets its italic correction (it is not the base of a subscript).
  static func adjust(_ node: MathNode, _ context: Context, correctable: Bool) -> MathNode {
    switch node.kind {
    case .mi, .mn, .mo, .mtext:
      return padded(node, context, correctable: correctable)
    case .msub, .msup, .msubsup:
      let base = node.children[0]
      node.children[0] = adjust(base, context, correctable: node.kind == .msup)
      for index in 1..<node.children.count {
        node.children[index] = scaled(node.children[index], context.script)
      }
      if node.kind == .msubsup, let shift = superscriptShift(base: base, context) {
        let space = MathNode.space(length(shift))
        node.children[2] = MathNode(.mrow, children: [space, node.children[2]])
      }
      return node
    case .munder, .mover, .munderover:
      node.children[0] = adjust(node.children[0], context, correctable: correctable)
      for index in 1..<node.children.count {
        let accent =
          index == 1 && node.kind == .munder && node.attribute("accentunder") == "true"
          || index == node.children.count - 1 && node.kind != .munder
            && node.attribute("accent") == "true"
        if accent {
          let inner = Context(level: context.level, display: false)
          node.children[index] = adjust(node.children[index], inner, correctable: true)
        } else {
          node.children[index] = scaled(node.children[index], context.script)
        }
      }
      return node
    case .mfrac:
      let inner = context.display ? Context(level: context.level, display: false) : context.script
      node.children = node.children.map { scaled($0, inner) }
      return node
    case .mroot:
      node.children[0] = adjust(node.children[0], context, correctable: true)
      let index = Context(level: context.level + 2, display: false)
      node.children[1] = scaled(node.children[1], index)
      return node
    case .mstyle, .mtable:
      var inner = context
      if let display = node.attribute("displaystyle") {
        inner.display = display == "true"
      } else if node.kind == .mtable {
        inner.display = false
      }
      if let level = node.attribute("scriptlevel"), let value = Int(level) {
        inner.level = level.hasPrefix("+") || level.hasPrefix("-") ? inner.level + value : value
      }
      node.children = node.children.map { adjust($0, inner, correctable: true) }
      return node
    case .mpadded where node.children.count == 1 && node.attribute("width") == nil:
      // A padded token (a lowered top, a raised script) takes the width on the same element.
      let child = adjust(node.children[0], context, correctable: correctable)
      if child !== node.children[0], child.kind == .mpadded {
        for attribute in child.attributes { node.setAttribute(attribute.name, attribute.value) }
        node.children = child.children
      } else {
        node.children = [child]
      }
      return node
    default:
      node.children = node.children.map { adjust($0, context, correctable: true) }
      return node
    }
  }

  /// `node`, which a browser sets a size smaller than its parent (a script, a limit, a part of
  /// a fraction), adjusted. An operator drawn larger (`mathsize`, which sets the font size and
  /// so would replace the smaller size on the script itself) goes in a row that has that size.
  /// (Inside a row it stays as it is: a row of its own would change the form, and so the
  /// spacing, that the browser infers for it.)
  static func scaled(_ node: MathNode, _ context: Context) -> MathNode {
    let adjusted = adjust(node, context, correctable: true)
    guard adjusted.kind == .mo, adjusted.attribute("mathsize") != nil else { return adjusted }
    let row = MathNode(.mrow, children: [adjusted])
    row.atomClass = AtomSpacing.atomClass(of: adjusted)
    return row
  }

  /// The token `node` in an `mpadded` of the width TeX gives it, or `node` itself where that
  /// is its width already (or a character is not in the table).
  static func padded(_ node: MathNode, _ context: Context, correctable: Bool) -> MathNode {
    let size = min(context.level, 2)
    if size == 0 {
      // At text size only an italic correction and an ellipsis change a width (most tokens).
      switch node.kind {
      case .mi where correctable && node.text.unicodeScalars.count == 1: break
      case _ where node.text.unicodeScalars.contains(where: { textSizeWidths[$0.value] != nil }):
        break
      default: return node
      }
    }
    if node.kind == .mo {
      let fixed = ["movablelimits", "largeop", "mathsize", "minsize", "fence"]
      let sized = node.attributes.contains { fixed.contains($0.name) }
      if sized || node.attribute("stretchy") == "true" { return node }
    }
    guard let metrics = self.metrics(of: node) else { return node }
    if size > 0, node.kind == .mo, metrics.count == 1,
      let design = scriptDesigns[metrics[0].scalar], design.grows
    {
      // An operator drawn larger, as TeX's script font draws it (``scaled(_:)``), and moved
      // down to stay centred on the axis (a quarter em up), as the script font's is: the font
      // size grows from the baseline.
      let ratio = design.ratio(size: size)
      node.setAttribute("mathsize", length(ratio))
      let shift = length(250 * (ratio - 1000) / ratio)
      let transform = "transform: translateY(\(shift))"
      node.setAttribute("style", node.attribute("style").map { $0 + "; " + transform } ?? transform)
      return node
    }
    var drawn = 0
    var designed = 0
    for glyph in metrics {
      drawn += glyph.advance(size: 0)
      if size == 0, let width = textSizeWidths[glyph.scalar] {
        designed += width
      } else if size > 0, let design = scriptDesigns[glyph.scalar] {
        designed += glyph.advance(size: 0) * design.ratio(size: size) / 1000
      } else {
        designed += glyph.advance(size: size)
      }
    }
    let italic =
      correctable && node.kind == .mi && metrics.count == 1 ? metrics[0].italic(size: size) : 0
    guard designed > drawn || italic > 0 else { return node }
    if node.kind == .mo {
      // An operator is padded on itself: in an `mpadded` of its own the browser would infer
      // another form for it, and so other spacing.
      let left = (designed - drawn) / 2
      let padding =
        "padding-left: \(length(left)); padding-right: \(length(designed - drawn - left))"
      let style = node.attribute("style").map { $0 + "; " + padding } ?? padding
      node.setAttribute("style", style)
      return node
    }
    var attributes: [(name: String, value: String)] = []
    if designed > drawn, metrics.count > 1 {
      // Each character of a word (`\text{NLL}`, `0.1`) centred in its own wider cell, as the
      // script font spreads them, not the word centred with the whole gap at its two ends.
      let spacing = (designed - drawn) / metrics.count
      let rule = "letter-spacing: \(length(spacing))"
      node.setAttribute("style", node.attribute("style").map { $0 + "; " + rule } ?? rule)
      attributes.append(("lspace", length(spacing / 2)))
    } else if designed > drawn {
      attributes.append(("lspace", length((designed - drawn) / 2)))
    }
    attributes.append(("width", length(designed + italic)))
    let padded = MathNode(.mpadded, children: [node], attributes)
    padded.atomClass = AtomSpacing.atomClass(of: node)
    return padded
  }

  /// A character Latin Modern Math has no script design for, as TeX's script fonts draw it
  /// (cmr7 and cmr5, cmsy7 and cmsy5 against cmr10 and cmsy10; their widths read from the TFM
  /// files with `tftopl`): `ratio`, the script and scriptscript widths over the text width in
  /// thousandths; `grows`: the whole glyph is that much larger (the operators, whose script
  /// designs are taller too), or only wider (delimiters, of the same height at every size).
  struct ScriptDesign {
    var script: Int
    var scriptScript: Int
    var grows: Bool

    func ratio(size: Int) -> Int { size == 1 ? script : scriptScript }
  }

  /// Characters TeX sets wider than the font's glyph, at text size: `\ldots` is three periods
  /// with thin spaces between (3 × 0.278 + 2 × 0.167 em), the glyph …  0.837 em; `\|` is
  /// cmsy10's 0.5 em, the glyph ‖ 0.398 em (its bars closer together, as its width); the
  /// double-struck one of an indicator, `\mathbb{1}`, which LaTeX sets with dsfont's
  /// `\mathds{1}` (amssymb has none), is dsrom10's 0.611 em, the glyph 𝟙 0.556 em.
  static let textSizeWidths: [UInt32: Int] = [0x2016: 500, 0x2026: 1167, 0x1D7D9: 611]

  static let scriptDesigns: [UInt32: ScriptDesign] = [
    0x2B: ScriptDesign(script: 1128, scriptScript: 1321, grows: true),  // +
    0x3D: ScriptDesign(script: 1128, scriptScript: 1321, grows: true),  // =
    0x2212: ScriptDesign(script: 1148, scriptScript: 1393, grows: true),  // −
    0xD7: ScriptDesign(script: 1148, scriptScript: 1393, grows: true),  // ×
    0xB1: ScriptDesign(script: 1148, scriptScript: 1393, grows: true),  // ±
    0x22C5: ScriptDesign(script: 1221, scriptScript: 1650, grows: true),  // ⋅
    0x28: ScriptDesign(script: 1148, scriptScript: 1393, grows: false),  // (
    0x29: ScriptDesign(script: 1148, scriptScript: 1393, grows: false),  // )
    0x5B: ScriptDesign(script: 1164, scriptScript: 1450, grows: false),  // [
    0x5D: ScriptDesign(script: 1164, scriptScript: 1450, grows: false),  // ]
    0x2F: ScriptDesign(script: 1139, scriptScript: 1361, grows: false),  // /
    0x7C: ScriptDesign(script: 1221, scriptScript: 1650, grows: false),  // |
  ]

  /// The metrics of the characters `node` draws, or nil if one is not in the table.
  static func metrics(of node: MathNode) -> [GlyphMetrics]? {
    let scalars = node.text.unicodeScalars
    guard !scalars.isEmpty else { return nil }
    let italic =
      node.kind == .mi && scalars.count == 1 && node.attribute("mathvariant") == nil
    var metrics: [GlyphMetrics] = []
    metrics.reserveCapacity(scalars.count)
    for scalar in scalars {
      let drawn = italic ? GlyphMetrics.italicForm(of: scalar.value) : scalar.value
      guard let glyph = GlyphMetrics.table[drawn] else { return nil }
      metrics.append(glyph)
    }
    return metrics
  }

  /// How much further right TeX sets the superscript of `base` than its subscript: the base's
  /// italic correction, in the superscript's em; nil for none.
  static func superscriptShift(base: MathNode, _ context: Context) -> Int? {
    var token = base
    while token.kind == .mpadded && token.children.count == 1 { token = token.children[0] }
    guard token.kind == .mi, let metrics = metrics(of: token), metrics.count == 1 else {
      return nil
    }
    let italic = metrics[0].italic(size: min(context.level, 2))
    guard italic > 0 else { return nil }
    let shift = Double(italic) * scale(context.level) / scale(context.level + 1)
    return Int(shift.rounded())
  }

  /// The CSS length of `thousandths` thousandths of an em: `0.134em`, `1.2em`.
  static func length(_ thousandths: Int) -> String {
    var digits = String(thousandths % 1000)
    digits = String(repeating: "0", count: 3 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    let whole = String(thousandths / 1000)
    return digits.isEmpty ? "\(whole)em" : "\(whole).\(digits)em"
  }
}
