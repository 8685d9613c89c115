#!/usr/bin/env bash
# plan.sh measures 'ficus plan' in one run on this machine:
#
#   1. on the graph of $(go env GOROOT)/src/cmd, against the time
#      'ficus analyze' takes to produce that graph (target: under 10%);
#   2. on a generated layered monolith of 1,000,000 edges (target: under
#      5 s), in process (BenchmarkPropose) and end to end from its JSON
#      file, whose reading is shown apart.
#
# Usage: bench/plan.sh               (from any directory)
#   RUNS=N     timed runs of each measure; the median is reported (default 3)
#   EDGES=N    edges of the generated graph (default 1000000)
#
# Needs Go and GNU time (/usr/bin/time; Debian package "time").
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
EDGES=${EDGES:-1000000}

for v in RUNS EDGES; do
	if [[ ! ${!v} =~ ^[1-9][0-9]*$ ]]; then
		echo "plan.sh: $v=${!v}: want a positive number" >&2
		exit 2
	fi
done
if [[ ! -x /usr/bin/time ]]; then
	echo "plan.sh: /usr/bin/time is missing: install GNU time (apt-get install time)" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

progress() {
	if [[ -t 2 ]]; then
		printf '\r\033[K%s' "$*" >&2
	fi
}

# wall LOG CMD...: runs CMD with its output in LOG and prints its wall time
# in seconds; a failure prints the end of LOG and stops the script.
wall() {
	local log=$1
	shift
	if ! /usr/bin/time -f '%e' -o "$tmp/time" "$@" >"$log" 2>&1; then
		progress ""
		echo "plan.sh: failed: $*" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	tail -n 1 "$tmp/time"
}

# planned LOG: the planning time 'ficus plan' reports on stderr, in seconds.
planned() {
	sed -n 's/^ficus: planned .* in \([0-9.]*\)\(m\?s\) .*/\1 \2/p' "$1" |
		awk '{ if ($2 == "ms") print $1 / 1000; else print $1 }'
}

median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

percent() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "n/a" }'
}

progress "building ficus and the graph generator"
go build -o "$tmp/ficus" ./cmd/ficus
go build -o "$tmp/synthgraph" ./planner/internal/synth/synthgraph

# 1. GOROOT/src/cmd: analyze (the baseline), then plan its graph.
cmddir=$(go env GOROOT)/src/cmd
progress "analyzing $cmddir (untimed warm-up)"
wall "$tmp/log" bash -c "cd '$cmddir' && '$tmp/ficus' analyze . ./... -o '$tmp/cmd.json'" >/dev/null
analyze=() plan=() planwall=()
for ((i = 1; i <= RUNS; i++)); do
	progress "GOROOT/src/cmd: run $i/$RUNS"
	analyze+=("$(wall "$tmp/log" bash -c "cd '$cmddir' && '$tmp/ficus' analyze . ./... -o '$tmp/cmd.json'")")
	planwall+=("$(wall "$tmp/planlog" "$tmp/ficus" plan --graph "$tmp/cmd.json" -o /dev/null)")
	plan+=("$(planned "$tmp/planlog")")
done
a=$(printf '%s\n' "${analyze[@]}" | median)
p=$(printf '%s\n' "${plan[@]}" | median)
pw=$(printf '%s\n' "${planwall[@]}" | median)
cmdsize=$(sed -n 's/^ficus: planned .*(\(.*\) nodes, \(.*\) edges;.*/\1 nodes, \2 edges/p' "$tmp/planlog")

# 2. A generated graph of EDGES edges.
progress "generating a graph of $EDGES edges"
"$tmp/synthgraph" -edges "$EDGES" -o "$tmp/big.json"
bigmb=$(du -m "$tmp/big.json" | cut -f1)
inproc=() bigplan=() bigwall=()
for ((i = 1; i <= RUNS; i++)); do
	progress "generated graph: run $i/$RUNS"
	go test ./planner -run '^$' -bench '^BenchmarkPropose$' -benchtime 1x -count 1 -bench.edges="$EDGES" >"$tmp/benchlog" 2>&1 ||
		{ tail -n 20 "$tmp/benchlog" >&2; exit 1; }
	inproc+=("$(awk '/^BenchmarkPropose/ { print $3 / 1e9 }' "$tmp/benchlog")")
	bigwall+=("$(wall "$tmp/biglog" "$tmp/ficus" plan --graph "$tmp/big.json" -o /dev/null)")
	bigplan+=("$(planned "$tmp/biglog")")
done
bi=$(printf '%s\n' "${inproc[@]}" | median)
bp=$(printf '%s\n' "${bigplan[@]}" | median)
bw=$(printf '%s\n' "${bigwall[@]}" | median)
progress ""

echo "ficus plan, median of $RUNS runs ($(nproc) cores, $(go version | cut -d' ' -f3))"
echo
printf '%-44s %10s   %s\n' "measure" "seconds" "against"
printf '%-44s %10.2f   %s\n' "analyze GOROOT/src/cmd (baseline)" "$a" ""
printf '%-44s %10.2f   %s of analyze (target < 10%%)\n' "plan its graph ($cmdsize)" "$p" "$(percent "$p" "$a")"
printf '%-44s %10.2f   %s of analyze\n' "  the same, whole command with JSON read" "$pw" "$(percent "$pw" "$a")"
printf '%-44s %10.2f   target < 5 s\n' "plan $EDGES generated edges, in process" "$bi"
printf '%-44s %10.2f   target < 5 s\n' "  the same, as reported by ficus plan" "$bp"
printf '%-44s %10.2f   %s MB of JSON read and checked\n' "  the same, whole command" "$bw" "$bigmb"
