#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer, then runs each for SECONDS, one
# after another on one core, starting from the checked-in seeds. Prints, per target, the runs,
# the coverage and any finding; exits 1 when a target found something (the input that did it is
# kept under the scratch folder), 2 when the targets do not build.
#
# Usage: Benchmarks/fuzz/run.sh SECONDS [TARGET...]   (from anywhere)
#   TARGET: markdown, mathscan, tex, frontmatter, template (default: all of them)
#   HW_FUZZ_SCRATCH: where new inputs and findings go (default Benchmarks/fuzz/.build/runs);
#     never the checked-in corpus. Runs go on from the inputs found before.
#   HW_FUZZ_ALL=1: also fuzz the inputs of findings that are reported and not fixed yet.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-}"
if [[ ! "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [markdown|mathscan|tex|frontmatter|template ...]" >&2
  exit 2
fi
shift
all=(markdown mathscan tex frontmatter template)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

# The sanitizers on every Swift module (testable, so that a target can reach the parser's
# internal entry points), libFuzzer's coverage on the C ones too (libyaml); the package's own
# scratch folder, so the main package's build is untouched.
build=(swift build --package-path "$here" --scratch-path "$here/.build" -c release
  --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)
echo "== building the fuzz targets"
mkdir -p "$here/.build"
started=$SECONDS
if ! "${build[@]}" >"$here/.build/build.log" 2>&1; then
  # ld.gold warns about every sanitizer symbol it cannot export; those warnings are harmless.
  grep -v "Cannot export local symbol" "$here/.build/build.log" | tail -30 >&2
  exit 2
fi
echo "built in $((SECONDS - started)) s"
bin="$("${build[@]}" --show-bin-path)"

scratch="${HW_FUZZ_SCRATCH:-$here/.build/runs}"
# libFuzzer reports crashes itself; the Swift runtime's backtracer would get there first and
# trip AddressSanitizer.
export SWIFT_BACKTRACE=enable=no
# No leak checks: Swift packs enum payload pointers with spare bits, which LeakSanitizer cannot
# follow, so it takes globals for leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
TIMEFORMAT='%U %S'

found=0
for target in "${targets[@]}"; do
  case "$target" in
    markdown) executable=FuzzMarkdown ;;
    mathscan) executable=FuzzMathScan ;;
    tex) executable=FuzzTeX ;;
    frontmatter) executable=FuzzFrontMatter ;;
    template) executable=FuzzTemplate ;;
    *) echo "unknown target '$target' (one of: ${all[*]})" >&2; exit 2 ;;
  esac
  corpus="$scratch/corpus/$target"
  findings="$scratch/findings"
  log="$scratch/$target.log"
  mkdir -p "$corpus" "$findings"
  options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=4096 -detect_leaks=0
    -print_final_stats=1 -artifact_prefix="$findings/$target-")
  [[ -f "$here/dict/$target.dict" ]] && options+=(-dict="$here/dict/$target.dict")
  status=0
  # New inputs go to the first folder, the scratch one; the seeds are only read.
  { time "$bin/$executable" "${options[@]}" "$corpus" "$here/corpus/$target" >"$log" 2>&1; } \
    2>"$scratch/$target.time" || status=$?
  read -r user system <"$scratch/$target.time"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  coverage="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  features="$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  inputs="$(find "$corpus" -type f | wc -l)"
  printf '%-12s %9s runs, %6.1f s CPU, coverage %s edges, %s features, %s inputs in the scratch corpus\n' \
    "$target" "${runs:-0}" "$(awk "BEGIN { print $user + $system }")" "${coverage:-?}" "${features:-?}" \
    "$inputs"
  if [[ $status -ne 0 ]]; then
    found=1
    reason="$(grep -m1 -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer)|SUMMARY' "$log" || true)"
    unit="$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)"
    echo "  FINDING (exit $status): ${reason:-see the log}" >&2
    echo "  input: ${unit:-none written}; log: $log" >&2
  fi
done
exit "$found"
