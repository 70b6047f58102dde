"""Math fidelity benchmark: hw's formulas, pandoc's and KaTeX's against LaTeX's, as pictures.

Run through `Benchmarks/mathlook/run`, which installs what is missing first; README.md beside
this file says what is measured and how.
"""
import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import corpus
import latex
import renderers
import report
import score
import shots

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FONT = ROOT / "Sources" / "Builder" / "Resources" / "fonts" / "latinmodern-math.woff2"
STYLE = ROOT / "Sources" / "Builder" / "Resources" / "theme" / "style.css"
RENDERERS = ["hw", "pandoc", "katex"]


def arguments():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hw", default=str(ROOT / ".build" / "release" / "hw"),
                    help="the hw to measure (default .build/release/hw of the repository)")
    ap.add_argument("--content", default=str(ROOT / "Content"),
                    help="the homework's content folder (default Content/)")
    ap.add_argument("--peers", default=str(ROOT.parent / "shared" / "peers"),
                    help="the peers' folder, whose docs/pandoc/math.md is read "
                         "(default ../shared/peers beside the repository)")
    ap.add_argument("--results", default=str(HERE / "results"),
                    help="where scores.json and the contact sheets go (default results/ here)")
    ap.add_argument("--compare", metavar="OLD.json",
                    help="print the formulas whose similarity changed since that run")
    ap.add_argument("--keep", action="store_true",
                    help="keep the pages and screenshots, in RESULTS/pages/")
    return ap.parse_args()


class Clock:
    def __init__(self):
        self.start = time.perf_counter()

    def lap(self, what):
        now = time.perf_counter()
        print(f"  {what}: {now - self.start:.1f} s", flush=True)
        self.start = now


def main():
    a = arguments()
    hw = Path(a.hw)
    if not hw.exists():
        sys.exit(f"no hw at {hw}: build it (swift build -c release) or pass --hw PATH")
    results = Path(a.results)
    results.mkdir(parents=True, exist_ok=True)
    if a.keep:
        work = results / "pages"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
    else:
        work = Path(tempfile.mkdtemp(prefix="mathlook-"))
    try:
        run(a, hw, results, work)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(a, hw, results, work):
    clock = Clock()
    peers_file = Path(a.peers) / "docs" / "pandoc" / "math.md"
    formulas, numbering = corpus.gather(Path(a.content), peers_file)
    counts = {g: sum(f.group == g for f in formulas) for g in corpus.GROUPS}
    print("corpus: " + ", ".join(f"{n} {g}" for g, n in counts.items())
          + f" ({len(formulas)} distinct); {len(numbering)} left out for numbering or references"
          + ("" if peers_file.exists() else f"; no {peers_file}"))

    rendered, failed = latex.render(formulas, work / "latex")
    print(f"LaTeX: {len(rendered)} set, {len(failed)} left out that LaTeX cannot set:")
    for formula, message in failed:
        print(f"  {formula.source}: {message}  {report.one_line(formula.tex, 60)}")
    clock.lap("LaTeX and dvisvgm")

    formulas = [formula for formula, _, _, _ in rendered]
    sizes = [latex.svg_size_px(w, h, shots.EM_PX) for _, _, w, h in rendered]
    cells = shots.layout(sizes)
    outputs = {
        "hw": renderers.hw(formulas, hw, work),
        "pandoc": renderers.pandoc(formulas, work),
    }
    outputs["katex"], katex_version = renderers.katex(formulas)
    clock.lap("hw, pandoc and KaTeX")

    (work / "fonts").mkdir(exist_ok=True)
    shutil.copy(FONT, work / "fonts" / FONT.name)
    style = STYLE.read_text(encoding="utf-8")
    (work / "style.css").write_text(style, encoding="utf-8")
    (work / "peers.css").write_text(renderers.site_math_css(style), encoding="utf-8")
    heads = {"latex": "", "hw": '<link rel="stylesheet" href="style.css">',
             "pandoc": '<link rel="stylesheet" href="peers.css">',
             "katex": '<link rel="stylesheet" href="peers.css">'}
    contents = {"latex": [
        f'<img src="latex/{svg.name}" alt="" style="width:{w:.3f}px;height:{h:.3f}px">'
        for (_, svg, _, _), (w, h) in zip(rendered, sizes)]}
    for name in RENDERERS:
        contents[name] = [html for html, _ in outputs[name]]
    pages = {name: shots.write_pages(work, name, cells, contents[name], heads[name])
             for name in contents}
    order = [(name, page) for name in contents for page in pages[name]]
    images = shots.shoot([page for _, page in order])
    by_renderer = {name: [] for name in contents}
    for (name, _), image in zip(order, images):
        by_renderer[name].append(image)
    crops = {name: [score.crop(cell) for cell in shots.cut(by_renderer[name], cells)]
             for name in contents}
    clock.lap(f"screenshots ({len(order)} pages)")

    rows, no_ink = [], []
    for i, formula in enumerate(formulas):
        reference = crops["latex"][i]
        if reference is None:
            no_ink.append(formula)
            continue
        row = {"key": key(formula), "source": formula.source, "group": formula.group,
               "display": formula.display, "tex": formula.tex}
        for name in RENDERERS:
            s = score.measure(reference, crops[name][i])
            row[name] = {"similarity": round(s.similarity, 4),
                         "height_scaled": round(s.height_scaled, 4),
                         "same_size": round(s.same_size, 4), "width": round(s.width, 4),
                         "height": round(s.height, 4), "clipped": s.clipped,
                         "error": outputs[name][i][1]}
        row["index"] = i
        rows.append(row)
    if no_ink:
        print(f"{len(no_ink)} left out whose LaTeX page has no ink: "
              + ", ".join(f.source for f in no_ink))
    calibration = [score.self_check(crops["latex"][row["index"]].image) for row in rows]
    by_box = sorted(c[0] for c in calibration)
    by_height = sorted(c[1] for c in calibration)
    print(f"\nThe measure against itself: LaTeX's pictures moved down half a pixel, scored against "
          f"LaTeX's: by the box, worst {by_box[0]:.3f}, {sum(v < report.BAR for v in by_box)} "
          f"under {report.BAR}; by the height alone, worst {by_height[0]:.3f}, "
          f"{sum(v < report.BAR for v in by_height)} under {report.BAR}")
    clock.lap("scores")

    summaries = report.print_tables(rows, RENDERERS)
    under, homework = report.print_homework(rows)
    best = max(RENDERERS, key=lambda name: summaries[name]["median_similarity"])
    print("\nGoals:")
    print(f"  hw's median similarity the best of the three: "
          f"{'met' if best == 'hw' else 'missed (' + best + ' is best)'} "
          + ", ".join(f"{n} {summaries[n]['median_similarity']:.3f}" for n in RENDERERS))
    print(f"  no homework formula under {report.BAR} for hw: "
          f"{'met' if under == 0 else f'missed ({under} of {homework})'}")

    sheets = {f"worst-{name}.png": (name, rows) for name in RENDERERS}
    sheets["worst-hw-homework.png"] = ("hw", [row for row in rows if row["group"] == "homework"])
    for file, (name, among) in sheets.items():
        entries = [(row, crops["latex"][row["index"]].image,
                    crops[name][row["index"]].image if crops[name][row["index"]] else None)
                   for row in report.worst(among, name)]
        report.contact_sheet(entries, name, results / file)
    for row in rows:
        del row["index"]
    report.write_json(results / "scores.json", {
        "em_px": shots.EM_PX, "threshold": score.THRESHOLD, "bar": report.BAR,
        "versions": {"latex": latex.version(), "dvisvgm": latex.dvisvgm_version(),
                     "katex": katex_version, **renderers.versions(),
                     "chromium": shots.chromium_version()},
        "left_out": {
            "numbering": [f.source for f in numbering],
            "latex_cannot_set": [{"source": f.source, "tex": f.tex, "message": m}
                                 for f, m in failed],
            "no_ink": [f.source for f in no_ink]},
        "self_check": {"shift_px": 0.5, "worst_box": round(by_box[0], 4),
                       "worst_height": round(by_height[0], 4),
                       "under_bar_box": sum(v < report.BAR for v in by_box),
                       "under_bar_height": sum(v < report.BAR for v in by_height)},
        "summary": {name: {k: round(v, 4) for k, v in summaries[name].items()}
                    for name in RENDERERS},
        "formulas": rows,
    })
    print(f"\nWrote scores.json and the contact sheets {', '.join(sheets)} in {results}")
    if a.compare:
        report.compare(a.compare, rows, RENDERERS)
    clock.lap("report")


def key(formula):
    """A formula's identity across runs: mode, TeX (white space collapsed) and macros."""
    macros = "".join(f" \\{n}={b}" for n, b in sorted(formula.macros.items()))
    return formula.key + (f" | macros:{macros}" if macros else "")


if __name__ == "__main__":
    main()
