import Figures
import TeXMath

/// Styles that parts of the page bring with them (verification results, math, figures), added
/// to the default stylesheet.
enum PageStyles {
  static var all: String {
    MathStyle.css(fontURL: SiteResources.mathFontPath) + "\n" + errors + "\n" + PlotStyle.css
      + "\n" + verification
  }

  /// Formulas that did not convert.
  static let errors = """
    .math-nowrap { white-space: nowrap; }
    .math-error { border: 1px solid var(--fail); border-radius: 3px; padding: 0 0.3em;
      color: var(--fail); background: var(--surface); }
    .math-error-display { display: block; margin: 0.6em 0; padding: 0.4em 0.6em; }
    .math-error code { background: none; color: inherit; }

    """

  /// Verify blocks, their checks, the badges after headings and the summary at the top.
  static let verification = """
    .block { border: 1px solid var(--border); border-left: 4px solid var(--none);
      border-radius: 6px; margin: 1.2em 0; padding: 0.2rem 0.9rem 0.6rem; background: var(--background); }
    .block.passed { border-left-color: var(--pass); }
    .block.failed, .block.error { border-left-color: var(--fail); }
    .block pre { margin: 0.5em 0; }
    .block-status { margin: 0.4em 0; font-size: 0.9rem; font-weight: 600; }
    .block.passed .block-status { color: var(--pass); }
    .block.failed .block-status, .block.error .block-status { color: var(--fail); }
    .block-code summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
    .block-stdout, .block-stderr, .block-diagnostics { font-size: 0.82em; }
    .block-stderr, .block-diagnostics { color: var(--fail); white-space: pre-wrap; }
    .block-values { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em;
      margin: 0.5em 0; font-size: 0.92rem; }
    .block-values dt { color: var(--muted); }
    .block-values dd { margin: 0; overflow-x: auto; }
    .value-table { border-collapse: collapse; font-family: ui-monospace, monospace; font-size: 0.85em; }
    .value-table td { border: 1px solid var(--border); padding: 0.1em 0.5em; text-align: right; }
    .block-checks { list-style: none; margin: 0.5em 0 0; padding: 0; font-size: 0.92rem; }
    .check { margin: 0.15em 0; }
    .check .mark { display: inline-block; width: 1.2em; font-weight: 700; }
    .check.pass .mark { color: var(--pass); }
    .check.fail .mark { color: var(--fail); }
    .check.expected-fail .mark { color: var(--muted); }
    .check-detail, .check-line { color: var(--muted); font-size: 0.9em; }
    .check-detail { font-family: ui-monospace, monospace; font-size: 0.82em; }
    .block-figure { margin: 1em 0; }
    .block-figure figcaption { font-size: 0.9rem; color: var(--muted); margin-top: 0.3em; }
    .figure-number { font-weight: 600; color: var(--text); }
    .badge { font-size: 0.6em; font-weight: 600; vertical-align: middle; padding: 0.1em 0.45em;
      border-radius: 1em; border: 1px solid currentColor; white-space: nowrap; }
    .badge.pass { color: var(--pass); } .badge.fail { color: var(--fail); }
    .badge.none { color: var(--none); }
    .toc .badge { font-size: 0.75em; margin-left: 0.4em; }
    .check-summary { display: inline-block; font-weight: 600; padding: 0.15em 0.7em;
      border-radius: 1em; border: 1px solid currentColor; font-size: 0.95rem; }
    .check-summary.pass { color: var(--pass); } .check-summary.fail { color: var(--fail); }
    .check-summary.none { color: var(--none); }
    @media print {
      .block { border-left-width: 2px; }
      .block-code[open] summary, .block-code summary { display: none; }
    }

    """
}
