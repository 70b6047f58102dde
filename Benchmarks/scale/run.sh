#!/usr/bin/env bash
# Linear time on every construct: builds Markdown documents of growing size (x1, x4, x16) made of
# one construct each (headings, links, formulas, lists, quotes, tables, code blocks, emphasis),
# times `hw render` (the whole page, the way `hw build` renders it) and `hw render --fragment`
# on each, and prints the times and the exponent k of time against size (time ~ size^k), taken
# between the x4 and x16 documents, where a construct's own cost dominates. The goal is
# k <= 1.15 for every construct; a line that misses it ends with "MISSED". The time of an empty
# page (starting hw) is taken off before the fit. The largest documents stay under hw's 8 MiB page
# limit.
#
# Usage: Benchmarks/scale/run.sh              (from anywhere; base 6,000 units, 3 runs each)
#        BASE=20000 RUNS=5 Benchmarks/scale/run.sh
#        LIMIT=60 ...                         (seconds one run may take; default 120)
#        SKIP_BUILD=1 ...                     (use the release build that is there)
# Needs: a Swift toolchain and python3. Builds hw in release.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
BASE=${BASE:-6000}
RUNS=${RUNS:-3}

cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product hw >/dev/null
fi
hw="$(swift build -c release --show-bin-path)/hw"
work="$(mktemp -d "${TMPDIR:-/tmp}/hw-scale-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "base: $BASE units; runs: $RUNS (median); hw: release"
python3 "$here/scale.py" "$hw" "$work" "$BASE" "$RUNS"
