"""Writes the benchmark inputs from a Markdown file's math.

usage: generate.py HOMEWORK.md OUTDIR COUNT

OUTDIR/homework.bin   the file's own formulas (NUL-separated, "D"/"I" prefix: display/inline)
OUTDIR/formulas.bin   COUNT formulas: the file's formulas repeated with a varying extra term
OUTDIR/formulas.md    the same COUNT formulas as Markdown paragraphs, for pandoc
OUTDIR/baseline.md    the same paragraphs with each formula as a code span instead of math, to
                      estimate the part of pandoc's time that is not math
"""
import sys

import dollars

source, outdir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(source, encoding="utf-8").read()
formulas = [(span.display, span.tex) for span in dollars.formulas(text)]
if not formulas:
    sys.exit(f"no $…$ or $$…$$ math in {source}")


def write_bin(path, items):
    with open(path, "wb") as f:
        f.write(b"\0".join(((b"D" if d else b"I") + t.encode()) for d, t in items))


write_bin(f"{outdir}/homework.bin", formulas)
varied = []
i = 0
while len(varied) < count:
    display, tex = formulas[i % len(formulas)]
    k = i // len(formulas)
    if k > 0:
        tex = tex + " + c_{%d}" % k
    varied.append((display, tex))
    i += 1
write_bin(f"{outdir}/formulas.bin", varied)
with open(f"{outdir}/formulas.md", "w", encoding="utf-8") as f:
    for display, tex in varied:
        f.write(f"$$\n{tex}\n$$\n\n" if display else f"Text ${tex}$ text.\n\n")
with open(f"{outdir}/baseline.md", "w", encoding="utf-8") as f:
    for display, tex in varied:
        code = " ".join(tex.split())
        f.write(f"`` {code} ``\n\n" if display else f"Text `` {code} `` text.\n\n")
print(f"{len(formulas)} formulas in the homework, {len(varied)} in the benchmark")
