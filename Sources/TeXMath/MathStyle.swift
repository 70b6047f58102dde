/// The CSS a page with math must include: the math font, cell alignment and equation numbers. (A
/// formula that did not convert is the page's business: the site's stylesheet styles its box.)
public enum MathStyle {
  /// The stylesheet with the font at `fonts/latinmodern-math.woff2` relative to the site root.
  public static let css = css(fontURL: "fonts/latinmodern-math.woff2")

  /// The stylesheet with the Latin Modern Math WOFF2 at `fontURL` (as written in `url(…)`,
  /// relative to the stylesheet or page that includes it).
  public static func css(fontURL: String) -> String {
    """
    @font-face {
      font-family: "Latin Modern Math";
      src: url("\(fontURL)") format("woff2");
      font-display: swap;
    }
    math {
      font-family: "Latin Modern Math", math;
      font-style: normal;
      font-weight: normal;
      line-height: normal;
      letter-spacing: normal;
      text-indent: 0;
      text-transform: none;
      direction: ltr;
    }
    /* No "display" rule for math: the browsers' own sheets make display="block" math
       "display: block math", and a plain "display: block" would switch math layout off in
       Chromium. */
    /* Display math is centred on the line whether or not it has a number, as in LaTeX. */
    .math-display {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr);
      align-items: center;
      margin: 0.6em 0;
      overflow-x: auto;
      overflow-y: hidden;
    }
    .math-display > math { grid-column: 2; margin: 0; }
    .math-eqno { grid-column: 3; justify-self: end; padding-left: 1em; }
    mo.math-vec { font-size: 0.7em; }
    /* TeX's null delimiters: 0.12 em of space on each side of a fraction. */
    mfrac { padding: 0 0.12em; }
    /* A binomial's parentheses take the place of the null delimiters. */
    mfrac[linethickness="0"] { padding: 0; }
    mrow.math-boxed { border: 0.06em solid; padding: 0.2em 0.3em; }
    a.math-ref { text-decoration: none; }
    /* Table cells: aligned pairs (right | left), cases, arrays. Chromium ignores columnalign
       and plain text-align on mtd but honours the -webkit- values. */
    mtd.math-r { text-align: right; }
    mtd.math-l { text-align: left; }
    @supports (not (-moz-appearance: none)) {
      mtd.math-r { text-align: -webkit-right; }
      mtd.math-l { text-align: -webkit-left; }
    }
    mtable.math-align > mtr > mtd { padding: 0.25em 0; }
    mtable.math-align > mtr > mtd.math-l + mtd.math-r { padding-left: 2em; }
    mtable.math-gather > mtr > mtd { padding: 0.25em 0; }
    mtable.math-cases > mtr > mtd { padding: 0; }
    mtable.math-cases > mtr > mtd + mtd { padding-left: 1em; }
    /* Arrays and matrices: \\arraycolsep (0.5 em) on each side of a column, none outside a
       matrix (amsmath's @{}); a cell's height is its strut's (an mspace). */
    mtable.math-matrix > mtr > mtd { padding: 0 0.5em; }
    mtable.math-matrix > mtr > mtd:first-child { padding-left: 0; }
    mtable.math-matrix > mtr > mtd:last-child { padding-right: 0; }
    mtable.math-array > mtr > mtd { padding: 0 0.5em; }
    mtable.math-substack > mtr > mtd { padding: 0; }
    /* The space of \\\\[4pt]: a row of its own, of that height. */
    mtable > mtr.math-row-skip > mtd { padding: 0; }
    /* Rules: | in an array's columns, \\hline between rows. */
    mtd.math-rule-left { border-left: 0.06em solid; }
    mtd.math-rule-right { border-right: 0.06em solid; }
    mtd.math-rule-above { border-top: 0.06em solid; }
    mtd.math-rule-below { border-bottom: 0.06em solid; }

    """
  }
}
