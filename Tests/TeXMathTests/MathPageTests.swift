import Testing

@testable import TeXMath

@Suite struct MathPageTests {
  func page(_ formulas: [(String, Bool)]) -> MathPage {
    MathPage(formulas: formulas.map { Formula(tex: $0.0, display: $0.1) }, macros: MacroTable())
  }

  @Test func numbersOnlyLabelledDisplayFormulasInPageOrder() throws {
    let p = page([("a \\label{one}", true), ("b", true), ("c \\label{two}", true)])
    #expect(try p.results[0].get().hasSuffix("<span class=\"math-eqno\">(1)</span></span>"))
    #expect(try !p.results[1].get().contains("math-eqno"))
    #expect(try p.results[2].get().contains("<span class=\"math-eqno\">(2)</span>"))
    #expect(p.labels["two"]?.eqref == "(2)")
  }

  @Test func resolvesReferencesForwardAndBackward() throws {
    let p = page([
      ("\\eqref{later}", false), ("x \\label{later}", true), ("\\ref{later}", false),
    ])
    #expect(try p.results[0].get() == "<a class=\"math-ref\" href=\"#eq-later\">(1)</a>")
    #expect(try p.results[1].get().hasPrefix("<span class=\"math-display\" id=\"eq-later\">"))
    #expect(try p.results[2].get() == "<a class=\"math-ref\" href=\"#eq-later\">1</a>")
  }

  @Test func showsATagInsteadOfANumberWithoutUsingACounterValue() throws {
    let p = page([("a \\tag{$\\star$}", true), ("b \\label{x}", true), ("\\eqref{x}", false)])
    #expect(throws: TeXError.self) { try p.results[0].get() }
    let q = page([("a \\tag{A} \\label{a}", true), ("b \\label{x}", true), ("\\eqref{a}", false)])
    #expect(try q.results[0].get().contains("<span class=\"math-eqno\">(A)</span>"))
    #expect(try q.results[1].get().contains("<span class=\"math-eqno\">(1)</span>"))
    #expect(try q.results[2].get() == "<a class=\"math-ref\" href=\"#eq-a\">(A)</a>")
  }

  @Test func numbersAWholeAlignOnceAndAcceptsNotagOnItsOtherRows() throws {
    let p = page([
      ("\\begin{align} a &= b \\notag \\\\ &= c \\label{last} \\end{align}", true),
      ("x \\nonumber", true),
    ])
    let html = try p.results[0].get()
    #expect(html.hasPrefix("<span class=\"math-display\" id=\"eq-last\">"))
    #expect(html.hasSuffix("<span class=\"math-eqno\">(1)</span></span>"))
    #expect(try !p.results[1].get().contains("math-eqno"))
  }

  @Test func keepsTheSourceInATeXAnnotationWithMarkupEscaped() throws {
    let html = try page([("a<b \\text{\\&\"}", false)]).results[0].get()
    #expect(
      html.hasSuffix(
        "<annotation encoding=\"application/x-tex\">a&lt;b \\text{\\&amp;&quot;}</annotation>"
          + "</semantics></math>"))
    #expect(html.contains("<mo>&lt;</mo>"))
    #expect(html.contains("<mtext>&amp;&quot;</mtext>"))
  }

  @Test func marksDisplayMathAsBlockAndInlineMathNot() throws {
    let p = page([("x", true), ("x", false)])
    #expect(try p.results[0].get().contains("<math display=\"block\">"))
    #expect(try p.results[1].get().hasPrefix("<math><semantics>"))
  }

  @Test func linksAReferenceInsideALargerFormula() throws {
    let p = page([("a \\label{k}", true), ("\\text{by } \\eqref{k}", false)])
    #expect(try p.results[1].get().contains("<mtext><a href=\"#eq-k\">(1)</a></mtext>"))
  }
}
