#!/usr/bin/env bash
# Times `hw build` on the homework against the peers (Jupyter Book 1 with its execution cache,
# jupytext + nbconvert) on the same homework, in one run: cold, no-op, prose edit, one-block
# edit; and hw's cold build and one-block edit without its sandbox, for the sandbox's cost.
# Prints one line per scenario, a table with the ratios and hw's goals, and the sandbox's cost.
#
# Usage: Benchmarks/build/run.sh              (from anywhere; N=5 runs per scenario)
#        N=3 Benchmarks/build/run.sh          (fewer runs)
#        SKIP_SETUP=1 ...                     (peers already installed: skip their pip install)
#        SKIP_PEERS=1 ...                     (hw only)
#        SKIP_RELEASE=1 ...                   (do not build or time the release configuration)
#        PEERS=path/to/peers ...              (default: ../shared/peers beside the project root)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
peers="${PEERS:-$root/../shared/peers}"
N=${N:-5}
PY=${PYTHON:-python3}
JB_VENV=${JB_VENV:-"${XDG_CACHE_HOME:-$HOME/.cache}/peers-bench/jb-venv"}
JB="$JB_VENV/bin/jupyter-book"
timing="$here/timing.py"

work="$(mktemp -d "${TMPDIR:-/tmp}/hw-build-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
results="$work/results.jsonl"

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "swift: $(swift --version 2>&1 | head -n 1)"

# --- hw: debug is what users run (scripts/site); release is tried and timed too.
cd "$root"
configs=()
echo "--- swift build --product hw / HWBlockRuntime (debug)"
if swift build --product hw >/dev/null && swift build --product HWBlockRuntime >/dev/null; then
  configs+=(debug)
else
  echo "debug build failed" >&2
  exit 1
fi
if [ "${SKIP_RELEASE:-0}" != 1 ]; then
  echo "--- swift build -c release --product hw / HWBlockRuntime"
  if swift build -c release --product hw >/dev/null \
    && swift build -c release --product HWBlockRuntime >/dev/null; then
    configs+=(release)
  else
    echo "    release build failed: timing debug only"
  fi
fi
echo "configurations timed: ${configs[*]}"

# bench TOOL SCENARIO DIR PREPARE [--watch D] -- COMMAND...  (untimed PREPARE, then timed run)
bench() {
  local tool=$1 scenario=$2 dir=$3 prepare=$4
  shift 4
  "$PY" "$timing" run --label "$tool $scenario" --tool "$tool" --scenario "$scenario" \
    --dir "$dir" --prepare "$prepare" -n "$N" --out "$results" "$@"
}

for config in "${configs[@]}"; do
  hw="$(swift build -c "$config" --show-bin-path)/hw"
  # A copy of the content, so that the repository's Content/ is never edited.
  site="$work/hw-$config"
  mkdir -p "$site"
  cp -R "$root/Content" "$site/Content"
  doc="Content/ebm-homework.md"
  build=("$hw" build --content Content --output Output)
  tool="hw ($config)"
  # The same, with hw's runtime image and its prebuilt module cache (in $TMPDIR/hw-sandbox-*)
  # made again too: what the very first build on a machine pays once.
  # (Folders a sandbox's uid must reach are open to others: mktemp made $work 0700.)
  chmod 755 "$work"
  fresh="$work/tmp-$config"
  bench "$tool" "cold, empty compiler cache" "$site" \
    "rm -rf .hw-cache Output '$fresh' && mkdir -m 755 '$fresh'" \
    --watch .hw-cache -- env TMPDIR="$fresh" "${build[@]}"
  bench "$tool" cold "$site" "rm -rf .hw-cache Output" --watch .hw-cache -- "${build[@]}"
  # The sandbox's cost: the same cold build and one-block edit without it (--sandbox none),
  # beside the default (bubblewrap where it works), in the same run; and, to see the cost per
  # document through the noise of compiling, a site of 20 documents of one tiny block each.
  unboxed=("${build[@]}" --sandbox none)
  bench "$tool" "cold, no sandbox" "$site" "rm -rf .hw-cache Output" --watch .hw-cache \
    -- "${unboxed[@]}"
  bench "$tool" "one-block edit, no sandbox" "$site" "'$PY' '$timing' edit-block $doc" \
    --watch .hw-cache -- "${unboxed[@]}"
  many="$work/many-$config"
  mkdir -p "$many/Content"
  for i in $(seq -w 1 20); do
    printf '# Page %s\n\n```swift verify\ncheck(%s + 1 > %s, "page %s")\n```\n' \
      "$i" "$i" "$i" "$i" >"$many/Content/page-$i.md"
  done
  bench "$tool" "20 documents, cold" "$many" "rm -rf .hw-cache Output" --watch .hw-cache \
    -- "${build[@]}"
  bench "$tool" "20 documents, cold, no sandbox" "$many" "rm -rf .hw-cache Output" \
    --watch .hw-cache -- "${unboxed[@]}"
  bench "$tool" no-op "$site" "true" --watch .hw-cache -- "${build[@]}"
  bench "$tool" "prose edit" "$site" "'$PY' '$timing' edit-prose $doc" --watch .hw-cache \
    -- "${build[@]}"
  bench "$tool" "one-block edit" "$site" "'$PY' '$timing' edit-block $doc" --watch .hw-cache \
    -- "${build[@]}"
  # Where the time of a cold build goes: the programs hw starts, under strace (slower).
  if command -v strace >/dev/null; then
    echo "    programs started by one cold build ($config), under strace:"
    rm -rf "$site/.hw-cache" "$site/Output"
    "$PY" "$timing" execs "$site" -- "${build[@]}"
    echo "    programs started by one prose-edit build ($config), under strace:"
    "$PY" "$timing" edit-prose "$site/$doc"
    "$PY" "$timing" execs "$site" -- "${build[@]}"
  fi
done

# --- peers: set up once (pip; minutes), documents from make_docs.py, same four scenarios.
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  if [ ! -d "$peers" ]; then
    echo "peers folder not found: $peers (set PEERS=...)" >&2
    exit 1
  fi
  [ "${SKIP_SETUP:-0}" = 1 ] || "$peers/setup.sh"
  "$PY" "$peers/make_docs.py" "$work/peers" >/dev/null
  prose="'$peers/edit_prose.sh' doc.md"
  code="'$peers/edit_code.sh' doc.md"
  {
    echo "python: $("$PY" --version 2>&1)"
    "$PY" -c 'import jupytext, nbconvert; print("jupytext", jupytext.__version__,
      "| nbconvert", nbconvert.__version__)' 2>&1
    "$JB" --version 2>/dev/null | tr -s ' ' | paste -sd'|' -
  } | sed 's/^/peers: /'
  if [ -x "$JB" ]; then
    jb="$work/peers/jb"
    bench jupyter-book cold "$jb" "rm -rf _build" -- "$JB" build .
    bench jupyter-book no-op "$jb" "true" -- "$JB" build .
    bench jupyter-book "prose edit" "$jb" "$prose" -- "$JB" build .
    bench jupyter-book "one-block edit" "$jb" "$code" -- "$JB" build .
  else
    echo "jupyter-book not installed ($JB): skipped"
  fi
  if command -v jupytext >/dev/null && command -v jupyter >/dev/null; then
    jt="$work/peers/jupytext"
    pipeline="jupytext --to ipynb --execute doc.md && jupyter nbconvert --to html doc.ipynb"
    bench jupytext+nbconvert cold "$jt" "rm -f doc.ipynb doc.html" -- sh -c "$pipeline"
    bench jupytext+nbconvert "prose edit" "$jt" "$prose" -- sh -c "$pipeline"
  else
    echo "jupytext / jupyter not on PATH: skipped"
  fi
fi

echo
"$PY" "$timing" table "$results"
echo
"$PY" "$timing" sandbox "$results"
