// KaTeX's MathML for a list of formulas. Reads JSON from standard input,
// [{"tex": "...", "display": true, "macros": {"\\R": "\\mathbb{R}"}}, ...], and writes
// {"version": "...", "results": [{"html": "...", "error": false}, ...]} in the same order.
// usage: node katex.js KATEX_JS < formulas.json
"use strict";
const katex = require(process.argv[2]);

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map((formula) => {
    const html = katex.renderToString(formula.tex, {
      output: "mathml",
      displayMode: formula.display,
      throwOnError: false,
      macros: Object.assign({}, formula.macros),
    });
    return { html: html, error: html.includes("katex-error") };
  });
  process.stdout.write(JSON.stringify({ version: katex.version, results: results }));
});
