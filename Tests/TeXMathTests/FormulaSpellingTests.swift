import Testing

@testable import TeXMath

/// The canonical spelling under which a formula's names are bound: a name in a formula and a
/// key in a binding table that an author writes differently still meet.
@Suite struct FormulaSpellingTests {
  static let spellings: [(written: String, canonical: String)] = [
    ("\\bar{y}", "\\bar y"),
    ("\\bar y", "\\bar y"),
    ("  \\bar   {y} ", "\\bar y"),
    ("F_{W}", "F_W"),
    ("F_W", "F_W"),
    ("w_{y}", "w_y"),
    ("\\beta", "\\beta"),
    ("{\\beta}", "\\beta"),
    ("\\beta_{W}", "\\beta_W"),
    ("y'", "y'"),
    ("y^{\\prime}", "y'"),
    ("y^\\prime", "y'"),
    ("y^{\\prime\\prime}", "y''"),
    ("y^{*}", "y^*"),
    ("x_{10}", "x_{10}"),
    ("w_{\\bar{y}}", "w_{\\bar y}"),
    ("\\bar{\\beta}", "\\bar \\beta"),
    ("\\mathbf{x}", "\\mathbf x"),
    ("\\mathcal{Y}", "\\mathcal Y"),
    ("\\ell_{\\text{NLL}}", "\\ell_{NLL}"),
    ("\\ell_\\text{NLL}", "\\ell_{NLL}"),
    ("\\mathrm{d}", "d"),
    ("\\operatorname{softmax}", "softmax"),
    ("\\operatorname{arg\\,min}", "argmin"),
    ("\\partial F_W / \\partial W", "\\partial F_W / \\partial W"),
    ("\\partial F_{W}/\\partial W", "\\partial F_W / \\partial W"),
    ("\\frac{\\partial F_W}{\\partial W}", "\\partial F_W / \\partial W"),
    ("\\frac{\\partial \\ell}{\\partial w_{y}}", "\\partial \\ell / \\partial w_y"),
    ("\\hat{y}", "\\hat y"),
    ("a\\,b", "ab"),
  ]

  @Test(arguments: spellings)
  func spellsANameOneWay(written: String, canonical: String) {
    #expect(FormulaBindings.canonicalSpelling(written) == canonical)
  }

  /// The short path for plain keys agrees with reading them as TeX.
  @Test(arguments: ["x", "F_W", "y'", "x_12", "x__y", "_", "\\beta", "ab'c_d", "W1"])
  func takesTheShortPathOnlyForSpellingsThatAreCanonical(key: String) throws {
    #expect(Spelling.isCanonical(key))
    #expect(Spelling.canonical(try Lexer.tokenize(key)[...]) == key)
  }

  /// Each name as a formula reads it, bound under another way of writing it.
  @Test(arguments: [
    ("\\bar{y} + 1", "\\bar y"), ("\\bar y + 1", "\\bar{y}"), ("F_{W} + 1", "F_W"),
    ("F_W + 1", "F_{W}"), ("y' + 1", "y^{\\prime}"), ("\\ell_{\\text{NLL}} + 1", "\\ell_{NLL}"),
    ("\\hat{y}^2 + 1", "\\hat y"), ("\\mathbf{x}^\\top \\mathbf x + 1", "\\mathbf{x}"),
    ("\\frac{\\partial \\ell}{\\partial W} + 1", "\\partial \\ell/\\partial W"),
    ("\\partial \\ell / \\partial W + 1", "\\frac{\\partial \\ell}{\\partial W}"),
  ])
  func bindsANameWrittenAnotherWay(tex: String, key: String) throws {
    var bindings = FormulaBindings()
    bindings[key] = 1
    let side = try EvaluableFormula(tex: tex).sides[0]
    #expect(side.freeSymbols.count == 1)
    #expect(side.freeSymbols.first?.spelling == FormulaBindings.canonicalSpelling(key))
    #expect(try side.evaluate(bindings) == 2)
  }

  @Test func appliesTheDerivativeSymbolToTheArgumentsWrittenInIt() throws {
    var bindings = FormulaBindings()
    bindings["\\partial F_W / \\partial W"] = .function { arguments in
      .vector(arguments.map { $0.scalar! })
    }
    bindings["x"] = 3
    bindings["y"] = 4
    for tex in [
      "\\frac{\\partial F_W(x, y)}{\\partial W}", "\\frac{\\partial}{\\partial W} F_W(x, y)",
      "\\partial F_W(x, y) / \\partial W", "\\dfrac{\\partial F_{W}(x,y)}{\\partial W}",
    ] {
      let side = try EvaluableFormula(tex: tex).sides[0]
      #expect(side.freeSymbols.first?.use == .function(arguments: 2), "\(tex)")
      #expect(try side.evaluate(bindings) == [3, 4], "\(tex)")
    }
  }
}
