#!/usr/bin/env bash
# Builds the engine benchmark in release mode and runs it against numpy, one thread each.
# Usage: Benchmarks/engine/run.sh   (from anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

python3 -c "import numpy" 2>/dev/null || python3 -m pip install --quiet numpy
python3 -c "import threadpoolctl" 2>/dev/null \
  || python3 -m pip install --quiet threadpoolctl 2>/dev/null || true

swift build -c release --product EngineBenchmark 2>&1 | tail -1
executable="$(swift build -c release --show-bin-path)/EngineBenchmark"

# One thread everywhere. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some machines to work
# around old OpenBLAS builds) slow a current numpy down, so they are unset for this run only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 VECLIB_MAXIMUM_THREADS=1 \
  python3 bench.py "$executable"
echo
"$executable" train
