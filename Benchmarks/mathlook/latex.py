"""The reference: each formula set by LaTeX (10 pt Computer Modern, amsmath), one page each of
one document, converted by dvisvgm to SVG with glyphs as paths and the page cropped to the exact
ink of its glyphs and rules."""
import re
import subprocess

PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage{amsmath,amssymb,mathtools,bm,mathrsfs,xcolor}
\pagestyle{empty}
\setlength{\parindent}{0pt}
% amssymb has no double-struck digits (\mathbb{1} prints another glyph); the one the homework
% uses is set as the usual stand-in, two ones overprinted, as wide as dsfont's \mathds{1}
% (dsrom10's 0.611 em: two ones of 0.5 em, less 7 mu); bbm and dsfont are in
% texlive-fonts-extra, too large to install for this.
\let\amsmathbb\mathbb
\def\mathlookone{1}
\renewcommand{\mathbb}[1]{\def\mathlookarg{#1}%
  \ifx\mathlookarg\mathlookone\mathrm{1\mkern-7mu1}\else\amsmathbb{#1}\fi}
\begin{document}
"""

# Display formulas that are environments of their own, not set inside \[ \].
TOP_LEVEL = re.compile(r"\s*\\begin\{(align\*|gather\*|multline\*|equation\*|flalign\*)\}")

# dvisvgm writes sizes in PostScript points (bp); TeX's 10 pt, the font's em, is 10 × 72/72.27 bp.
EM_BP = 10 * 72 / 72.27


def definitions(macros):
    """The page's macros as TeX definitions, local to the formula's group."""
    out = []
    for name, body in sorted(macros.items()):
        arguments = max((int(n) for n in re.findall(r"#(\d)", body)), default=0)
        count = f"[{arguments}]" if arguments else ""
        out.append(f"\\providecommand{{\\{name}}}{{}}\\renewcommand{{\\{name}}}{count}{{{body}}}")
    return "".join(out)


def page(formula):
    """One page of the document: the formula in a group with its macros. The TeX is on lines
    of its own, so that a % in it cannot hide the closing delimiter. Inline math is in a box,
    which no line break can split. An environment of its own (align*) has article's line
    width (345 pt), across which it spreads its column pairs; a display in \\[ \\] has a line
    of 2000 pt, so that a formula wider than 345 pt keeps its natural spacing (on a narrower
    line TeX shrinks the spaces around its operators and relations to fit, which a browser,
    scrolling a wide formula, does not)."""
    head = "\\begingroup" + definitions(formula.macros) + "%\n"
    if not formula.display:
        body = f"\\mbox{{${formula.tex}\n$}}\\par\n"
    elif TOP_LEVEL.match(formula.tex):
        body = f"{formula.tex}\n"
    else:
        body = f"\\hsize=2000pt\n\\[\n{formula.tex}\n\\]\n"
    return head + body + "\\endgroup\n\\newpage\n"


def write(formulas, path):
    """Writes the document; returns each formula's (first line, last line) in it."""
    text = PREAMBLE
    lines = []
    for formula in formulas:
        first = text.count("\n") + 1
        text += page(formula)
        lines.append((first, text.count("\n")))
    text += "\\end{document}\n"
    path.write_text(text, encoding="utf-8")
    return lines


def errors(log):
    """(message, line) of each error in a LaTeX log."""
    found = []
    for m in re.finditer(r"^! (.*?)$(.*?)^l\.(\d+)", log, re.S | re.M):
        found.append((m.group(1), int(m.group(3))))
    return found


def render(formulas, folder):
    """Compiles the formulas and converts each page to SVG. Returns (rendered, failed): rendered
    is a list of (formula, svg path, width bp, height bp); failed a list of (formula, message),
    the formulas LaTeX could not set, left out (each round of compiling drops those it blamed,
    until the document compiles cleanly)."""
    folder.mkdir(parents=True, exist_ok=True)
    tex = folder / "formulas.tex"
    failed = []
    for _ in range(8):
        lines = write(formulas, tex)
        run = subprocess.run(["latex", "-interaction=nonstopmode", tex.name], cwd=folder,
                             capture_output=True, text=True, errors="replace")
        log = (folder / "formulas.log").read_text(errors="replace")
        found = errors(log)
        if not found and run.returncode == 0:
            break
        blamed = set()
        for message, line in found:
            for index, (first, last) in enumerate(lines):
                if first <= line <= last:
                    if index not in blamed:
                        failed.append((formulas[index], message))
                    blamed.add(index)
                    break
        if not blamed:
            raise SystemExit(f"LaTeX failed outside any formula; see {folder / 'formulas.log'}")
        formulas = [f for i, f in enumerate(formulas) if i not in blamed]
    else:
        raise SystemExit(f"LaTeX still fails after 8 rounds; see {folder / 'formulas.log'}")
    for old in folder.glob("page-*.svg"):
        old.unlink()
    subprocess.run(["dvisvgm", "--no-fonts", "--exact-bbox", "--bbox=min", "--page=1-",
                    "--output=page-%p.svg", "formulas.dvi"], cwd=folder, check=True,
                   capture_output=True)
    pages = sorted(folder.glob("page-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    if len(pages) != len(formulas):
        raise SystemExit(f"{len(formulas)} formulas but {len(pages)} pages from dvisvgm")
    rendered = []
    for formula, svg in zip(formulas, pages):
        head = svg.read_text(encoding="utf-8")[:1000]
        m = re.search(r"<svg[^>]*width='([\d.]+)pt' height='([\d.]+)pt'", head)
        if not m:
            failed.append((formula, "no ink on its page"))
            continue
        rendered.append((formula, svg, float(m.group(1)), float(m.group(2))))
    return rendered, failed


def svg_size_px(width_bp, height_bp, em_px):
    """The size, in CSS pixels, at which a page's SVG has a 1 em of `em_px` pixels."""
    scale = em_px / EM_BP
    return width_bp * scale, height_bp * scale


def version():
    out = subprocess.run(["latex", "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else "latex"


def dvisvgm_version():
    out = subprocess.run(["dvisvgm", "--version"], capture_output=True, text=True).stdout
    return out.strip() or "dvisvgm"

