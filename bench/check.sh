#!/usr/bin/env bash
# check.sh measures 'ficus check' against 'ficus analyze' of the same
# packages, in one run on this machine: wall time and peak RSS on
# $(go env GOROOT)/src/cmd with a warm build cache and a warm type cache.
# The target is at most 1.2x analyze's time: a check re-analyzes the code,
# so the analysis is its floor, and placing new units, finding violations
# and reading the source lines of the uses that cross a boundary must stay
# a small part of it.
#
# The plan is made once from the graph (untimed), and its violations
# recorded as the baseline, so the timed checks run as in CI: analyze,
# place, find violations, match them against the baseline, exit 0.
#
# Usage: bench/check.sh            (from any directory)
#   RUNS=N     timed runs of each command; the median is reported (default 3)
#   TARGET=DIR measure DIR instead of GOROOT/src/cmd (a module root)
#
# Needs Go and GNU time (/usr/bin/time; Debian package "time").
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
TARGET=${TARGET:-$(go env GOROOT)/src/cmd}

if [[ ! $RUNS =~ ^[1-9][0-9]*$ ]]; then
	echo "check.sh: RUNS=$RUNS: want a positive number of runs" >&2
	exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
	echo "check.sh: /usr/bin/time is missing: install GNU time (apt-get install time)" >&2
	exit 1
fi
if [[ ! -d $TARGET ]]; then
	echo "check.sh: TARGET=$TARGET is not a directory: give a module root" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=lib.sh
. bench/lib.sh

progress "building ficus"
go build -o "$tmp/ficus" ./cmd/ficus

# Untimed: warm the build and type caches, make the plan and the baseline.
progress "analyzing $TARGET (untimed warm-up)"
measure "$tmp/analyze.log" "$TARGET" "$tmp/ficus" analyze . ./... -o "$tmp/graph.json" >/dev/null
progress "planning (untimed)"
measure "$tmp/plan.log" "$TARGET" "$tmp/ficus" plan --graph "$tmp/graph.json" -o "$tmp/plan.json" >/dev/null
progress "recording the baseline (untimed)"
measure "$tmp/check.log" "$TARGET" "$tmp/ficus" check --plan "$tmp/plan.json" --baseline "$tmp/baseline.json" --update-baseline . ./... -o /dev/null >/dev/null

# Timed rounds, the two commands interleaved within each round so that a
# slow spell of a shared machine does not fall on one alone.
declare -A secs kb
for ((i = 1; i <= RUNS; i++)); do
	progress "run $i/$RUNS (analyze)"
	read -r t m <<<"$(measure "$tmp/analyze.log" "$TARGET" "$tmp/ficus" analyze . ./... -o /dev/null)"
	secs[analyze]+="$t"$'\n' kb[analyze]+="$m"$'\n'
	progress "run $i/$RUNS (check)"
	read -r t m <<<"$(measure "$tmp/check.log" "$TARGET" "$tmp/ficus" check --plan "$tmp/plan.json" --baseline "$tmp/baseline.json" . ./... -o /dev/null)"
	secs[check]+="$t"$'\n' kb[check]+="$m"$'\n'
done
progress ""

runs="median of $RUNS warm runs"
if [[ $RUNS == 1 ]]; then
	runs="1 warm run"
fi
size=$(sed -n 's/^ficus: planned \([0-9]*\) services .*(\(.*\) nodes, \(.*\) edges;.*/\1 services, \2 nodes, \3 edges/p' "$tmp/plan.log")
accepted=$(grep -c '"kind"' "$tmp/baseline.json" || true)
echo "ficus check vs ficus analyze on $TARGET ($size; $accepted violations in the baseline), $runs"
printf '%-10s %9s %9s\n' command seconds 'peak MB'
declare -A med_s med_kb
for c in analyze check; do
	med_s[$c]=$(printf '%s' "${secs[$c]}" | median)
	med_kb[$c]=$(printf '%s' "${kb[$c]}" | median)
	printf '%-10s %9.2f %9s\n' "$c" "${med_s[$c]}" "$(mb "${med_kb[$c]}")"
done
printf 'ratio check/analyze  time %s (target <= 1.2x)  memory %s\n' \
	"$(ratio "${med_s[check]}" "${med_s[analyze]}")" "$(ratio "${med_kb[check]}" "${med_kb[analyze]}")"
