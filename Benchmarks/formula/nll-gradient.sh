#!/bin/sh
# Micro-benchmark: the NLL-gradient formula of issue 17 evaluated 10,000 times by TeXMath's
# evaluator (Sources/TeXMath/Evaluation), beside the same gradient as a Swift loop. Prints the
# time per evaluation, and SymPy's lambdify on the same formulas (nll-gradient.py) with the
# virtualenv that `run` installs beside this script, or with python3 when it has sympy and numpy.
# Needs swiftc; builds in a temporary folder.
#
# usage: Benchmarks/formula/nll-gradient.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && swiftc -O -wmo -parse-as-library -module-name FormulaBench "$root"/Sources/TeXMath/*.swift \
  "$root"/Sources/TeXMath/Evaluation/*.swift "$here/nll-gradient.swift" -o "$work/bench")
"$work/bench"
python=python3
if [ -x "$here/.venv/bin/python" ]; then python="$here/.venv/bin/python"; fi
if "$python" -c "import sympy, numpy" 2>/dev/null; then
  "$python" "$here/nll-gradient.py"
else
  echo "(no sympy and numpy for $python: lambdify not measured; Benchmarks/formula/run installs them)"
fi
