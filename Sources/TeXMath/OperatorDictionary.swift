/// The spacing a browser gives an operator by itself: MathML Core's operator dictionary, for the
/// operators this parser writes, as Chromium lays them out (measured; `BrowserRenderingTests`
/// checks the spacing that results against TeX's). ``AtomSpacing`` writes `lspace` and `rspace`
/// only where TeX wants something else, so most operators carry no attributes.
enum OperatorDictionary {
  enum Form { case prefix, infix, postfix }

  /// `lspace` and `rspace` in mu (eighteenths of an em) of the operator `text` in `form`.
  static func spacing(of text: String, form: Form) -> (lspace: Int, rspace: Int) {
    if form == .prefix && prefixWithoutSpace.contains(text) { return (0, 0) }
    if form == .postfix && (text == "|" || text == "%") { return (0, 0) }
    return table[text] ?? (5, 5)
  }

  /// Signs, `∼` and `|` take no space as prefixes.
  static let prefixWithoutSpace: Set<String> = ["+", "−", "±", "∓", "∼", "|"]

  /// Operators whose spacing is not the dictionary's default of 5 mu on each side.
  static let table: [String: (lspace: Int, rspace: Int)] = {
    var table: [String: (lspace: Int, rspace: Int)] = [:]
    let none =
      "&[]_{}()!'¬°‖′″‴⁗‵∀∁∃∄∇∠∴∵⌈⌉⌊⌋⌢⌣⟦⟧⟨⟩⟮⟯⏞⏟\u{2061}"
    for c in none { table[String(c)] = (0, 0) }
    for c in "±∓÷∖∧∨∩∪⊎⊓⊔⊕⊖⊘⊞+−/" { table[String(c)] = (4, 4) }
    for c in ".×∏∐∑∗∘∙∫∬∭∮≀⊗⊙⊛⊠⊺⋀⋁⋂⋃⋄⋅⋆⋉⋊⨀⨁⨂⨄⨆⨿?*%" { table[String(c)] = (3, 3) }
    for c in ":;," { table[String(c)] = (0, 3) }
    for c in "∂√" { table[String(c)] = (3, 0) }
    return table
  }()
}
