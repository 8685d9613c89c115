#!/usr/bin/env bash
# history.sh measures 'ficus analyze --history' on a synthetic repository of
# 100,000 commits (bench/history writes it with git fast-import into a
# temporary directory): the time of the analysis with and without --history,
# beside the floor of the same run, 'git log' alone printing the commits and
# files --history reads. bench/README.md explains the figures.
#
# Usage: bench/history.sh            (from any directory)
#   COMMITS=N    commits after the first (default 100000)
#   RUNS=N       timed runs of each, the median printed (default 3)
#
# Needs Go and git.
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${COMMITS:-100000}
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ficus" ./cmd/ficus
go build -o "$tmp/gen" ./bench/history

repo="$tmp/repo"
git init -q -b main "$repo"
t0=$(date +%s.%N)
"$tmp/gen" -commits "$commits" | git -C "$repo" fast-import --quiet
git -C "$repo" checkout -q main
t1=$(date +%s.%N)
printf 'repository: %d commits, %d files, written in %.1fs\n' \
	"$(git -C "$repo" rev-list --count HEAD)" "$(git -C "$repo" ls-files | wc -l)" "$(echo "$t1 - $t0" | bc)"

# median runs a command RUNS times and prints the median wall time in seconds.
median() {
	local times=()
	for _ in $(seq "$runs"); do
		local s e
		s=$(date +%s.%N)
		"$@" >/dev/null 2>"$tmp/stderr"
		e=$(date +%s.%N)
		times+=("$(echo "$e - $s" | bc)")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

"$tmp/ficus" analyze "$repo" -o /dev/null 2>/dev/null # fill the type cache, untimed
floor=$(median git -C "$repo" log --no-merges --no-renames --name-only --relative -z '--format=%x1e%H %ct' -- .)
plain=$(median "$tmp/ficus" analyze "$repo" -o /dev/null)
hist=$(median "$tmp/ficus" analyze "$repo" --history -o /dev/null)
grep 'history ' "$tmp/stderr" | sed 's/^ */ficus: /'
printf '%-36s %8.2fs\n' "git log alone (floor)" "$floor" \
	"ficus analyze" "$plain" \
	"ficus analyze --history" "$hist"
printf '%-36s %8.2fs (%.2fx the git log floor)\n' "--history costs" "$(echo "$hist - $plain" | bc)" "$(echo "($hist - $plain) / $floor" | bc -l)"
