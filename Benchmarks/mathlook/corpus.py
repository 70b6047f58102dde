"""The benchmark's formulas: the homework's, the TeXMath fixtures', the peers' math.md's and the
extra list's, each tagged with its source and whether it is display math, deduplicated, in that
order (a formula of the homework stays the homework's when a later source has it too)."""
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "math"))
import dollars  # noqa: E402  (Benchmarks/math/dollars.py, the shared formula scanner)

# Formulas left out, and why: LaTeX and hw number and cross-reference differently, which is no
# matter of looks. A `\label{…}` alone only numbers its formula: it is taken out and the formula
# kept (the homework labels the formulas its blocks evaluate).
NUMBERING = re.compile(
    r"\\(tag|eqref|ref|nonumber|notag)\b|\\begin\{(equation|align|gather|multline)\}")
LABEL = re.compile(r"\\label\{[^{}]*\}")
GROUPS = ["homework", "fixture", "peers", "extra"]


@dataclass
class Formula:
    tex: str
    display: bool
    source: str  # "homework ebm-homework.md:12", "fixture math-accents", "peers math.md:7", …
    group: str  # the source's kind: homework, fixture, peers, extra
    macros: dict = field(default_factory=dict)  # name (without "\") → body with #1, #2

    @property
    def key(self):
        """Identity across runs: the TeX with its white space collapsed, and the mode."""
        return ("D " if self.display else "I ") + " ".join(self.tex.split())


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def front_matter_macros(text):
    """The `macros:` of a YAML front matter or of site.yml: `name: 'body'` lines indented under
    the key (single- or double-quoted or plain). Only this shape, which is what the README
    documents, is read."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        text = text[4:end] if end >= 0 else ""
    macros = {}
    inside = False
    for line in text.splitlines():
        if re.match(r"macros:\s*$", line):
            inside = True
            continue
        if inside:
            m = re.match(r"\s+([A-Za-z]+):\s*(.*?)\s*$", line)
            if not m:
                if line.strip() and not line.startswith((" ", "\t")):
                    inside = False
                continue
            name, value = m.groups()
            if len(value) >= 2 and value[0] == value[-1] == "'":
                value = value[1:-1].replace("''", "'")
            elif len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1].encode().decode("unicode_escape")
            macros[name] = value
    return macros


def homework(content):
    """Every `$…$` and `$$…$$` formula of the content folder's Markdown files, with the page's
    macros (site.yml's, then the front matter's, which win)."""
    site = content / "site.yml"
    shared = front_matter_macros(site.read_text(encoding="utf-8")) if site.exists() else {}
    for path in sorted(content.rglob("*.md")):
        if any(part.startswith((".", "_")) for part in path.relative_to(content).parts):
            continue
        text = path.read_text(encoding="utf-8")
        macros = {**shared, **front_matter_macros(text)}
        name = path.relative_to(content).as_posix()
        for span in dollars.formulas(text):
            yield Formula(span.tex, span.display, f"homework {name}:{line_of(text, span.offset)}",
                          "homework", macros)


def formula_lines(path):
    """A file of one formula a line, `$ tex` or `$$ tex`, as Tests/Fixtures/math-*/formulas.txt;
    blank lines and lines starting with % are skipped."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("%"):
            continue
        if line.startswith("$$ "):
            yield number, True, line[3:]
        elif line.startswith("$ "):
            yield number, False, line[2:]
        else:
            raise SystemExit(f"{path}:{number}: a formula line starts with '$ ' or '$$ '")


def fixture_macros(path):
    """`macros.txt` beside a fixture: `\\name = body` lines."""
    macros = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, body = line.partition("=")
            macros[name.strip().lstrip("\\")] = body.strip()
    return macros


def swift_string(literal):
    """The value of a simple Swift string literal's body (escapes \\\\, \\" and \\n)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), literal)


def fixtures(root):
    """The TeXMath fixtures: each Tests/Fixtures/math-*/formulas.txt (with its macros.txt), and
    the formula table of the browser rendering test, `("id", "tex", display)` tuples."""
    for folder in sorted((root / "Tests" / "Fixtures").glob("math-*")):
        macros = fixture_macros(folder / "macros.txt")
        for number, display, tex in formula_lines(folder / "formulas.txt"):
            yield Formula(tex, display, f"fixture {folder.name}:{number}", "fixture", macros)
    browser = root / "Tests" / "TeXMathTests" / "BrowserRenderingTests.swift"
    if browser.exists():
        text = browser.read_text(encoding="utf-8")
        table = re.search(r"static let formulas[^=]*=\s*\[(.*?)\n  \]", text, re.S)
        if table:
            for m in re.finditer(r'\(\s*"(\w+)",\s*"((?:[^"\\]|\\.)*)",\s*(true|false)\s*,?\s*\)',
                                 table.group(1)):
                yield Formula(swift_string(m.group(2)), m.group(3) == "true",
                              f"fixture browser:{m.group(1)}", "fixture")


def peers(path):
    """The formulas of the peers' pandoc math.md, with the \\newcommand lines it may hold."""
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    for span in dollars.formulas(text):
        yield Formula(span.tex, span.display, f"peers {path.name}:{line_of(text, span.offset)}",
                      "peers")


def extra(path):
    for number, display, tex in formula_lines(path):
        yield Formula(tex, display, f"extra {path.name}:{number}", "extra")


def gather(content, peers_file):
    """The corpus, deduplicated, and the formulas left out for numbering (a list)."""
    seen = set()
    kept, numbering = [], []
    sources = [homework(content), fixtures(ROOT), peers(peers_file), extra(HERE / "extra.txt")]
    for source in sources:
        for formula in source:
            key = (formula.key, tuple(sorted(formula.macros.items())))
            if key in seen:
                continue
            seen.add(key)
            if LABEL.search(formula.tex) and not NUMBERING.search(formula.tex):
                formula = replace(formula, tex=LABEL.sub("", formula.tex).strip())
            if NUMBERING.search(formula.tex):
                numbering.append(formula)
            else:
                kept.append(formula)
    return kept, numbering
