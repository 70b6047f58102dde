#!/bin/sh
# Benchmark: converts the same formulas with our TeX → MathML converter (optimised build of
# Sources/TeXMath) and with `pandoc --mathml`, and prints the times and the ratio.
#
# usage: Benchmarks/math/run.sh HOMEWORK.md [COUNT]
#   HOMEWORK.md  a Markdown file with $…$ / $$…$$ math; its formulas are repeated with a varying
#                extra term up to COUNT formulas (default 400)
# Needs swiftc, python3 and pandoc. Inputs are generated in a temporary folder, never committed.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 HOMEWORK.md [COUNT]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${2:-400}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/generate.py" "$1" "$work" "$count"
# Optimised whole-module build; the standard library linked statically where the toolchain can
# (Linux), so that the whole-process time is not mostly the dynamic loader.
build() {
  (cd "$work" && swiftc -O -wmo "$@" -module-name MathBench "$root"/Sources/TeXMath/*.swift \
    "$here/main.swift" -o "$work/math-bench")
}
echo "building (swiftc -O -wmo)…"
build -static-stdlib 2>/dev/null || build

python3 - "$work" <<'PY'
import subprocess, sys, time
work = sys.argv[1]

def wall(cmd, runs=15):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best * 1000

def ours(path, iterations):
    out = subprocess.run([f"{work}/math-bench", path, str(iterations)], check=True,
                         capture_output=True, text=True).stdout.strip()
    fields = dict(f.split("=") for f in out.split())
    return fields

bench = ours(f"{work}/formulas.bin", 200)
homework = ours(f"{work}/homework.bin", 200)
ours_process = wall([f"{work}/math-bench", f"{work}/formulas.bin", "1"], runs=30)
pandoc = ["pandoc", "--quiet", "-f", "markdown", "-t", "html", "--mathml"]
pandoc_math = wall(pandoc + [f"{work}/formulas.md"])
pandoc_plain = wall(pandoc + [f"{work}/baseline.md"])
n = int(bench["formulas"])
best, mean = float(bench["best_ms"]), float(bench["mean_ms"])
pandoc_extra = pandoc_math - pandoc_plain
print(f"formulas: {n} ({bench['errors']} errors), homework: {homework['formulas']} formulas")
print(f"ours, in process:     {best:8.3f} ms best, {mean:.3f} ms mean"
      f" ({1000 * best / n:.2f} µs/formula)")
print(f"ours, whole process:  {ours_process:8.3f} ms (start-up, read, convert once)")
print(f"homework's math:      {float(homework['best_ms']):8.3f} ms in process")
print(f"pandoc --mathml:      {pandoc_math:8.3f} ms (whole process)")
print(f"pandoc, math as code: {pandoc_plain:8.3f} ms, so its math costs ~{pandoc_extra:.1f} ms")
print(f"ratio, whole process: {pandoc_math / ours_process:8.1f}x")
print(f"ratio, math only:     {pandoc_extra / best:8.1f}x"
      " (pandoc's extra time for math / ours in process)")
PY
