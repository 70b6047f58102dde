"""The MathML renderers: each formula's HTML from `hw render --fragment`, from
`pandoc --mathml` and from KaTeX's MathML output, and what each page gets to show it with."""
import json
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
KATEX = Path("/usr/share/javascript/katex/katex.js")  # Debian's libjs-katex
MARKER = re.compile(r'<div class="mathlook" data-i="(\d+)">\n?(.*?)\n?</div>', re.S)


def markdown(formulas, indices, preamble=""):
    """One Markdown document: each formula a paragraph alone in a marked div, in order."""
    parts = [preamble]
    for i in indices:
        formula = formulas[i]
        math = f"$$\n{formula.tex}\n$$" if formula.display else f"${formula.tex}$"
        parts.append(f'<div class="mathlook" data-i="{i}">\n\n{math}\n\n</div>\n')
    return "\n".join(parts)


def by_macros(formulas):
    """Indices of the formulas grouped by their macros (one document per group), in order."""
    groups = {}
    for i, formula in enumerate(formulas):
        groups.setdefault(tuple(sorted(formula.macros.items())), []).append(i)
    return groups


def split(html, indices, tool):
    """Each formula's HTML from a rendered document, found by its div."""
    found = {int(m.group(1)): m.group(2) for m in MARKER.finditer(html)}
    if sorted(found) != sorted(indices):
        missing = sorted(set(indices) - set(found))
        raise SystemExit(f"{tool}: {len(found)} formulas found of {len(indices)}; "
                         f"missing {missing[:10]}")
    return found


def yaml_quoted(text):
    return "'" + text.replace("'", "''") + "'"


def hw(formulas, hw_path, folder):
    """`hw render --fragment` of one Markdown file per set of macros (front matter `macros:`).
    Returns each formula's HTML and whether hw reported an error for it (its red box)."""
    html = {}
    for number, (macros, indices) in enumerate(by_macros(formulas).items()):
        front = ""
        if macros:
            front = "---\nmacros:\n" + "".join(
                f"  {name}: {yaml_quoted(body)}\n" for name, body in macros) + "---\n"
        source = folder / f"hw-{number}.md"
        source.write_text(markdown(formulas, indices, front), encoding="utf-8")
        run = subprocess.run([str(hw_path), "render", str(source), "--fragment"],
                             capture_output=True, text=True)
        if not run.stdout:
            raise SystemExit(f"hw render printed nothing:\n{run.stderr}")
        html.update(split(run.stdout, indices, "hw"))
    return [(html[i], "math-error" in html[i]) for i in range(len(formulas))]


def pandoc(formulas, folder):
    """`pandoc -f markdown -t html --mathml`, macros as \\newcommand lines (pandoc's
    latex_macros applies them to the math). A formula pandoc cannot convert stays TeX."""
    html = {}
    for number, (macros, indices) in enumerate(by_macros(formulas).items()):
        preamble = ""
        for name, body in macros:
            arguments = max((int(n) for n in re.findall(r"#(\d)", body)), default=0)
            count = f"[{arguments}]" if arguments else ""
            preamble += f"\\newcommand{{\\{name}}}{count}{{{body}}}\n"
        source = folder / f"pandoc-{number}.md"
        source.write_text(markdown(formulas, indices, preamble), encoding="utf-8")
        run = subprocess.run(["pandoc", "--quiet", "-f", "markdown", "-t", "html", "--mathml",
                              str(source)], capture_output=True, text=True, check=True)
        html.update(split(run.stdout, indices, "pandoc"))
    return [(html[i], "<math" not in html[i]) for i in range(len(formulas))]


def katex(formulas):
    """KaTeX's `renderToString(tex, {output: 'mathml', displayMode, throwOnError: false})`
    under node, with the formula's macros. Returns the HTML list and KaTeX's version."""
    payload = [{"tex": f.tex, "display": f.display,
                "macros": {"\\" + name: body for name, body in f.macros.items()}}
               for f in formulas]
    run = subprocess.run(["node", str(HERE / "katex.js"), str(KATEX)], input=json.dumps(payload),
                         capture_output=True, text=True, check=True)
    out = json.loads(run.stdout)
    return [(r["html"], r["error"]) for r in out["results"]], out["version"]


def site_math_css(style):
    """The rules of the site's stylesheet that set the math's font: its @font-face and its
    `math { … }` rule, word for word. The peers get these and nothing more of it."""
    rules = re.findall(r"^@font-face \{.*?^\}|^math \{.*?^\}", style, re.S | re.M)
    if len(rules) != 2:
        raise SystemExit("style.css: expected one @font-face and one math rule")
    return "\n".join(rules) + "\n"


def versions():
    def first_line(command):
        try:
            out = subprocess.run(command, capture_output=True, text=True).stdout
        except OSError:
            return "missing"
        return out.strip().splitlines()[0] if out.strip() else "unknown"
    return {"pandoc": first_line(["pandoc", "--version"]),
            "node": first_line(["node", "--version"])}
