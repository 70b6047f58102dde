#!/usr/bin/env bash
# Benchmark: the same two plots (four series of 1000 points; a 200 × 200 heat map with
# contours and a colour bar) drawn by Figures (release build) and by matplotlib's SVG backend.
# Prints the median time and SVG size of each and the ratios. Usage: run.sh [OUTPUT_DIR]
# (OUTPUT_DIR, default .build/bench-output, receives the SVGs and a preview page).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/.build/bench-output}"
mkdir -p "$out"
python3 -c "import matplotlib" 2>/dev/null || python3 -m pip install --quiet matplotlib
swift build -c release --package-path "$here" --product FiguresBenchmark >&2
swift_json="$("$here/.build/release/FiguresBenchmark" --write "$out")"
mpl_json="$(python3 "$here/bench_matplotlib.py" --write "$out")"
python3 - "$swift_json" "$mpl_json" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"matplotlib {theirs['matplotlib']}; medians of {ours['runs']} (Figures) and "
      f"{theirs['runs']} (matplotlib) renders")
print(f"{'plot':<10}{'Figures ms':>12}{'mpl ms':>10}{'speed-up':>10}"
      f"{'Figures kB':>12}{'mpl kB':>10}{'size ratio':>12}")
for plot in ("line", "heatmap"):
    a, b = ours[plot], theirs[plot]
    print(f"{plot:<10}{a['seconds'] * 1e3:>12.2f}{b['seconds'] * 1e3:>10.1f}"
          f"{b['seconds'] / a['seconds']:>9.1f}x{a['bytes'] / 1e3:>12.1f}{b['bytes'] / 1e3:>10.1f}"
          f"{b['bytes'] / a['bytes']:>11.1f}x")
PY
