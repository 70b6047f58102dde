#!/usr/bin/env python3
"""Times `hw render --fragment` against `cmark --unsafe` and `pandoc --mathml` on the same large
generated document, in one run, and prints the ratios.

Usage: Benchmarks/render/run.py [SIZE_MB]   (from the repository root; default 5)
Needs: cmark and pandoc (Debian packages), a release build of hw (built here).
"""
import os, statistics, subprocess, sys, tempfile, time

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
size = sys.argv[1] if len(sys.argv) > 1 else "5"
subprocess.run(["swift", "build", "-c", "release", "--product", "hw"], cwd=root, check=True,
               stdout=subprocess.DEVNULL)
bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root,
                         check=True, capture_output=True, text=True).stdout.strip()
hw = os.path.join(bin_dir, "hw")

with tempfile.TemporaryDirectory() as tmp:
    doc = os.path.join(tmp, "large.md")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "generate.py"), doc, size],
                   check=True)
    mb = os.path.getsize(doc) / 1e6

    def timed(cmd, runs):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    runs = int(os.environ.get("RUNS", "5"))
    results = {
        "cmark --unsafe": timed(["cmark", "--unsafe", doc], runs),
        "hw render --fragment": timed([hw, "render", doc, "--fragment"], runs),
        "pandoc --mathml": timed(["pandoc", "-f", "markdown", "-t", "html", "--mathml", doc],
                                 max(1, runs // 2)),
    }
    print(f"document: {mb:.1f} MB; median of {runs} runs (pandoc {max(1, runs // 2)})")
    for name, seconds in results.items():
        print(f"  {name:24s} {seconds:8.3f} s")
    ours = results["hw render --fragment"]
    print(f"hw / cmark  = {ours / results['cmark --unsafe']:.2f}x  (goal: at most 1.3x)")
    print(f"pandoc / hw = {results['pandoc --mathml'] / ours:.1f}x faster  (goal: at least 10x)")
