#!/usr/bin/env bash
# bench/startup.sh: what starting ficus costs. Prints 'ficus version' wall
# time (median) and peak RSS for the full build and the ficus_nosvg build,
# before and after the embedded Graphviz became lazy, all built and measured
# in the same run. Target for the full build: <= 50 ms and <= 20 MB.
#
#   bash bench/startup.sh               # 20 runs per build
#   RUNS=50 bash bench/startup.sh
#   BASE=<commit> bash bench/startup.sh # another baseline
#
# The baseline defaults to the commit before reports/internal/graphviz
# started loading Graphviz lazily, built from 'git archive' in a temporary
# directory. Needs Go and git.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
COLD_RUNS=${COLD_RUNS:-3}
SVG_RUNS=${SVG_RUNS:-5}
lazy=reports/internal/graphviz/internal/wasm/lazy.go
if [ -z "${BASE:-}" ]; then
	added=$(git log --diff-filter=A --format=%H -- "$lazy" | tail -1)
	[ -n "$added" ] || { echo "no commit adds $lazy: set BASE=<commit>" >&2; exit 1; }
	BASE=$(git rev-parse --short "$added^")
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/base"
git archive "$BASE" | tar -x -C "$tmp/base"
go build -o "$tmp/startup" ./bench/startup
echo "building ficus at $BASE and at the work tree, with and without ficus_nosvg" >&2
(cd "$tmp/base" && go build -o "$tmp/before" ./cmd/ficus && go build -tags ficus_nosvg -o "$tmp/before-nosvg" ./cmd/ficus)
go build -o "$tmp/after" ./cmd/ficus
go build -tags ficus_nosvg -o "$tmp/after-nosvg" ./cmd/ficus

# One untimed run each fills the page cache (and, before, Graphviz's
# compilation cache under TMPDIR).
for b in before before-nosvg after after-nosvg; do "$tmp/$b" version >/dev/null; done

mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
row() { # row LABEL BINARY STARTUP-FLAGS...: one line for 'BINARY version'
	local label=$1 bin=$2; shift 2
	read -r ms kb < <("$tmp/startup" "$@" "$tmp/$bin" version)
	printf '  %-34s %8.1f ms %8s MiB  %6d KiB  %5.1f MB binary\n' "$label" "$ms" "$(mb "$kb")" "$kb" \
		"$(awk -v s="$(stat -c %s "$tmp/$bin")" 'BEGIN {print s / 1e6}')"
	echo "$ms $kb" >"$tmp/$bin.last"
}

echo "ficus version start-up ($(go env GOVERSION), $(nproc) CPUs; median wall of $RUNS runs, largest peak RSS)"
echo "  baseline: $BASE (Graphviz instantiated at package init)"
row "before: full build" before -runs "$RUNS"
row "before: ficus_nosvg" before-nosvg -runs "$RUNS"
row "after:  full build" after -runs "$RUNS"
row "after:  ficus_nosvg" after-nosvg -runs "$RUNS"
read -r ms kb <"$tmp/after.last"
verdict=$(awk -v ms="$ms" -v kb="$kb" 'BEGIN {print (ms <= 50 && kb / 1024 <= 20) ? "met" : "MISSED"}')
echo "  target for the full build: <= 50 ms and <= 20 MiB: $verdict"

echo "with an empty TMPDIR on every run (no compilation cache kept, as in a read-only container; median of $COLD_RUNS)"
row "before: full build" before -runs "$COLD_RUNS" -fresh-tmp
row "after:  full build" after -runs "$COLD_RUNS" -fresh-tmp

# The one command that pays: SVG still renders without a system Graphviz.
# The analysis of the sample is most of this time; on a busy machine, run
# the script twice before reading a difference here.
echo "ficus graph testdata/monolith --view packages --format svg (median of $SVG_RUNS, analysis included)"
for b in before after; do
	read -r ms kb < <("$tmp/startup" -runs "$SVG_RUNS" "$tmp/$b" graph testdata/monolith --view packages --format svg -o "$tmp/$b.svg")
	printf '  %-34s %8.1f ms %8s MiB  %6d KiB\n' "$b" "$ms" "$(mb "$kb")" "$kb"
done
if cmp -s "$tmp/before.svg" "$tmp/after.svg"; then
	echo "  SVG before and after: identical"
else
	echo "  SVG before and after: DIFFERENT"
	exit 1
fi
