#!/usr/bin/env bash
# analyze.sh measures 'ficus analyze' against its floor, a plain packages.Load
# of the same packages (bench/floor), in one run on this machine: wall time
# and peak RSS on $(go env GOROOT)/src/cmd and on testdata/monolith, with a
# warm build cache, then once each with an empty one.
#
# Usage: bench/analyze.sh            (from any directory)
#   RUNS=N   warm runs per tool and target; the median is reported (default 3)
#   COLD=0   skip the cold-cache part (it takes minutes: the floor compiles
#            every dependency of GOROOT/src/cmd for its export data)
#   SKIP_CMD=1  measure testdata/monolith only
#
# Besides peak RSS it prints the ratio of the memory each process uses
# beyond its own start-up footprint: the ficus binary starts at about 32 MB
# (planner, renderers, Graphviz compiled to WebAssembly, the proxy), which
# is most of its peak on a module as small as the sample.
#
# Needs Go and GNU time (/usr/bin/time; Debian package "time").
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
COLD=${COLD:-1}

if [[ ! $RUNS =~ ^[1-9][0-9]*$ ]]; then
	echo "analyze.sh: RUNS=$RUNS: want a positive number of runs" >&2
	exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
	echo "analyze.sh: /usr/bin/time is missing: install GNU time (apt-get install time)" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null || true; rm -rf "$tmp"' EXIT

# shellcheck source=lib.sh
. bench/lib.sh

progress "building ficus and the floor"
go build -o "$tmp/ficus" ./cmd/ficus
go build -o "$tmp/floor" ./bench/floor

# The three tools, each run in the target's directory on ./... ; tool_cmd
# sets cmd to the command line of one.
tools=(floor:types floor:syntax ficus)
tool_cmd() {
	case $1 in
	floor:types) cmd=("$tmp/floor" -mode types ./...) ;;
	floor:syntax) cmd=("$tmp/floor" -mode syntax ./...) ;;
	ficus) cmd=("$tmp/ficus" analyze . ./... -o /dev/null) ;;
	esac
}

# bench LABEL DIR: warms the cache with one untimed run of each tool, then
# times RUNS rounds, the tools interleaved within each round so that a slow
# spell of a shared machine does not fall on one tool alone.
bench() {
	local label=$1 dir=$2 tool i r t m cmd
	declare -A secs kb
	for tool in "${tools[@]}"; do
		progress "$label: warming the cache ($tool)"
		tool_cmd "$tool"
		measure "$tmp/$tool.log" "$dir" "${cmd[@]}" >/dev/null
		secs[$tool]="" kb[$tool]=""
	done
	for ((i = 1; i <= RUNS; i++)); do
		for tool in "${tools[@]}"; do
			progress "$label: run $i/$RUNS ($tool)"
			tool_cmd "$tool"
			r=$(measure "$tmp/$tool.log" "$dir" "${cmd[@]}")
			read -r t m <<<"$r"
			secs[$tool]+="$t"$'\n' kb[$tool]+="$m"$'\n'
		done
	done
	progress ""

	declare -A med_s med_kb
	for tool in "${tools[@]}"; do
		med_s[$tool]=$(printf '%s' "${secs[$tool]}" | median)
		med_kb[$tool]=$(printf '%s' "${kb[$tool]}" | median)
		printf '%-22s %-14s %7.2f %8s\n' "$label" "$tool" "${med_s[$tool]}" "$(mb "${med_kb[$tool]}")"
	done
	printf 'ratio ficus/floor:syntax  time %-7s memory %-7s (target: time <= 1.3x, memory <= 1.5x)\n' \
		"$(ratio "${med_s[ficus]}" "${med_s[floor:syntax]}")" "$(ratio "${med_kb[ficus]}" "${med_kb[floor:syntax]}")"
	printf 'ratio ficus/floor:types   time %-7s memory %-7s (export data only, no syntax: not an analysis floor)\n' \
		"$(ratio "${med_s[ficus]}" "${med_s[floor:types]}")" "$(ratio "${med_kb[ficus]}" "${med_kb[floor:types]}")"
	# The same ratio over the memory each process uses beyond its own
	# start-up footprint (the ficus binary carries the planner, the report
	# renderers with Graphviz compiled to WebAssembly, and the proxy), which
	# dominates on a small module.
	local base_ficus base_floor
	base_ficus=$(/usr/bin/time -f '%M' "$tmp/ficus" version 2>&1 >/dev/null | tail -1)
	base_floor=$( (/usr/bin/time -f '%M' "$tmp/floor" -mode bogus 2>&1 >/dev/null || true) | tail -1)
	printf 'memory above start-up (ficus %sMB, floor %sMB at start): ficus/floor:syntax %s\n' \
		"$(mb "$base_ficus")" "$(mb "$base_floor")" \
		"$(ratio "$((med_kb[ficus] - base_ficus))" "$((med_kb[floor:syntax] - base_floor))")"
	# Both must have loaded the same packages for the ratios to mean anything.
	local floor_pkgs ficus_pkgs
	floor_pkgs=$(sed -n 's/.* packages=\([0-9]*\).*/\1/p' "$tmp/floor:syntax.log")
	ficus_pkgs=$(sed -n 's/^ *packages *//p' "$tmp/ficus.log")
	printf 'packages: floor %s, ficus %s\n' "${floor_pkgs:-?}" "${ficus_pkgs:-?}"
}

goroot_cmd="$(go env GOROOT)/src/cmd"
runs="median of $RUNS warm runs"
if [[ $RUNS == 1 ]]; then
	runs="1 warm run"
fi
echo "ficus analyze benchmark ($runs; $(go env GOVERSION), $(nproc) CPUs)"
printf '%-22s %-14s %7s %12s\n' target tool 'time(s)' 'peakRSS(MB)'
[[ ${SKIP_CMD:-0} == 1 ]] || bench GOROOT/src/cmd "$goroot_cmd"
bench testdata/monolith testdata/monolith

if [[ $COLD == 0 ]]; then
	echo "cold cache: skipped (COLD=0)"
	exit 0
fi
# Each tool gets its own empty cache, so neither benefits from the other.
# cold NAME CMD...: measures CMD once in GOROOT/src/cmd with an empty GOCACHE.
cold() {
	local name=$1
	shift
	mkdir "$tmp/cache-$name"
	# XDG_CACHE_HOME empties ficus's own type cache too.
	measure "$tmp/cold-$name.log" "$goroot_cmd" env GOCACHE="$tmp/cache-$name" XDG_CACHE_HOME="$tmp/cache-$name/xdg" "$@"
	chmod -R u+w "$tmp/cache-$name" && rm -rf "$tmp/cache-$name"
}
progress "GOROOT/src/cmd: cold cache (ficus)"
r=$(cold ficus "$tmp/ficus" analyze . ./... -o /dev/null)
read -r cf_s cf_kb <<<"$r"
progress "GOROOT/src/cmd: cold cache (floor:syntax; this takes minutes)"
r=$(cold floor "$tmp/floor" -mode syntax ./...)
read -r cs_s cs_kb <<<"$r"
progress ""
printf 'cold caches (empty GOCACHE and ficus type cache), GOROOT/src/cmd: ficus %ss %sMB, floor:syntax %ss %sMB (ficus/floor:syntax time %s)\n' \
	"$cf_s" "$(mb "$cf_kb")" "$cs_s" "$(mb "$cs_kb")" "$(ratio "$cf_s" "$cs_s")"
echo "  ficus asks the go command for no export data: it type-checks dependencies from source (then keeps"
echo "  their types in its own cache), so nothing is compiled for it; the floor waits for the go command"
echo "  to compile every dependency to export data first."
