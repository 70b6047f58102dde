"""The `$…$` and `$$…$$` formulas of a Markdown text, by pandoc's delimiter rules: an inline
formula's opening `$` is followed by a non-space, its closing `$` follows a non-space and is not
followed by a digit; `\\$` is no delimiter. Code is not told apart from prose.

Shared by the math benchmarks (`Benchmarks/math/generate.py`, `Benchmarks/mathlook/`)."""
import re
from typing import NamedTuple

PATTERN = re.compile(
    r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$]+?)(?<!\s)\$(?!\d)", re.S)


class Span(NamedTuple):
    display: bool
    tex: str
    offset: int  # of the opening `$`, in characters from the start of the text


def formulas(text):
    """The formulas of `text` in order, each with its TeX trimmed of surrounding white space."""
    spans = []
    for m in PATTERN.finditer(text):
        if m.group(1) is not None:
            spans.append(Span(True, m.group(1).strip(), m.start()))
        else:
            spans.append(Span(False, m.group(2).strip(), m.start()))
    return spans
