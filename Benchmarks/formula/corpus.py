"""The benchmark's corpus: the display formulas of the homework and of the peers' pandoc
documents that state an equation.

A display formula is a `$$…$$` span, found with the math benchmarks' scanner
(`Benchmarks/math/dollars.py`). It states an equation when it has a relation at its top level:
`=`, `<`, `>`, `\\le`, `\\leq`, `\\ge`, `\\geq`, `\\ne`, `\\neq`, `\\approx`, `\\equiv`,
`\\coloneqq`, `\\triangleq`, `\\propto` or `\\sim`, outside every group: not inside braces
(a subscript such as `\\sum_{k=1}`), parentheses, brackets (`\\mathbb{1}[j = y]`), `\\{…\\}` or
`\\left…\\right`. An `aligned` environment's rows are at the top level, so `&=` counts.

Before a formula is used its `\\label{…}`, `\\tag{…}` (`\\tag*{…}`), `\\nonumber` and
`\\notag` are removed, and so is one full stop or comma that ends it (the sentence's
punctuation, which SymPy would otherwise fail on and hw passes over); line breaks become
spaces, which moves no byte, so that a formula fits on one line.

Run as a script, it writes the equations to standard output, one a line as `id<TAB>TeX`, the
id being `source:line`, and prints the counts to standard error.

usage: corpus.py ROOT PEERS_PANDOC_DIR
"""

import re
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "math"))
import dollars  # noqa: E402

RELATION_COMMANDS = {
    "le", "leq", "ge", "geq", "ne", "neq", "approx", "equiv", "coloneqq", "triangleq",
    "propto", "sim", "lt", "gt", "leqslant", "geqslant",
}
OPENERS = {"(", "[", "\\{", "\\langle", "\\lbrace", "\\lbrack", "\\lvert", "\\lVert"}
CLOSERS = {")", "]", "\\}", "\\rangle", "\\rbrace", "\\rbrack", "\\rvert", "\\rVert"}
TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|.", re.S)
REMOVED = re.compile(r"\\label\s*\{[^{}]*\}|\\tag\*?\s*\{[^{}]*\}|\\nonumber\b|\\notag\b")


class Equation(NamedTuple):
    id: str  # `source:line`, the line of the opening `$$`, 1-based
    source: str  # "homework" or the peers' file name
    tex: str  # cleaned as the module's documentation says


def top_level_relation(tex):
    """The first relation outside every group of `tex`, or None."""
    depth = 0
    tokens = TOKEN.findall(tex)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif token in ("\\left", "\\right"):
            # The delimiter after \left or \right is consumed with it.
            j = i + 1
            while j < len(tokens) and tokens[j].isspace():
                j += 1
            depth = depth + 1 if token == "\\left" else max(0, depth - 1)
            i = j
        elif token in OPENERS:
            depth += 1
        elif token in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            if token in ("=", "<", ">"):
                return token
            if token.startswith("\\") and token[1:] in RELATION_COMMANDS:
                return token
        i += 1
    return None


def clean(tex):
    """`tex` without labels, tags and a final full stop or comma, on one line."""
    tex = REMOVED.sub("", tex).replace("\r", " ").replace("\n", " ")
    tex = re.sub(r"\s*[.,]\s*$", "", tex.strip())
    return tex.strip()


def display_formulas(path):
    """The `$$…$$` formulas of the file at `path`, each with the 1-based line of its `$$`."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, span.offset) + 1, span.tex)
            for span in dollars.formulas(text) if span.display]


def sources(root, peers_pandoc):
    """(name, path) of every document of the corpus: the homework, then the peers' Markdown."""
    found = [("homework", root / "Content" / "ebm-homework.md")]
    found += [(path.name, path) for path in sorted(peers_pandoc.glob("*.md"))]
    return found


def equations(root, peers_pandoc, counts=None):
    """The corpus's equations in document order. `counts`, a dict, receives for each source
    its number of display formulas and of equations among them."""
    result = []
    for name, path in sources(root, peers_pandoc):
        formulas = display_formulas(path)
        kept = [Equation(f"{name}:{line}", name, clean(tex))
                for line, tex in formulas if top_level_relation(tex)]
        if counts is not None:
            counts[name] = (len(formulas), len(kept))
        result += kept
    return result


def main():
    root, peers_pandoc = Path(sys.argv[1]), Path(sys.argv[2])
    counts = {}
    for equation in equations(root, peers_pandoc, counts):
        print(f"{equation.id}\t{equation.tex}")
    for name, (formulas, kept) in counts.items():
        print(f"corpus: {name}: {formulas} display formulas, {kept} state an equation",
              file=sys.stderr)


if __name__ == "__main__":
    main()
