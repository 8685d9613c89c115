#!/usr/bin/env bash
# coverage.sh records which functions each route of the shop executes:
# it builds the shop with coverage counters, then for every route group of
# traffic/requests.txt starts a fresh shop with its own GOCOVERDIR,
# replays that group's requests, and stops the shop (coverage is written
# on exit). A run that serves nothing is kept as the baseline (start-up
# and seeding), which ficus subtracts. Then:
#
#   ficus evidence --graph graph.json --coverage OUT -o graph.json
#
# Usage: scripts/coverage.sh [OUT]   (from the shop's directory; OUT
# defaults to ./coverage). Needs Go; the shop listens on 127.0.0.1.
set -euo pipefail
out=${1:-coverage}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -cover -covermode=count -o "$bin/shop" ./cmd/shop
(cd traffic && go build -o "$bin/traffic" .)
rm -rf "$out"
mkdir -p "$out"

# serve DIR [ROUTE]: a fresh shop writing coverage to DIR, fed ROUTE's group.
serve() {
	local dir=$1 route=${2:-} log="$bin/$(basename "$1").log"
	mkdir -p "$dir"
	GOCOVERDIR=$dir "$bin/shop" -addr 127.0.0.1:0 -jobs=false 2>"$log" &
	local pid=$! addr=""
	for _ in $(seq 100); do
		addr=$(sed -n 's/.*msg=listening addr=\([^ ]*\).*/\1/p' "$log")
		[ -n "$addr" ] && break
		sleep 0.05
	done
	if [ -z "$addr" ]; then
		kill "$pid" 2>/dev/null || true
		echo "coverage.sh: the shop did not start:" >&2
		cat "$log" >&2
		exit 1
	fi
	if [ -n "$route" ]; then
		printf '%s\n' "$route" >"$dir/route"
		"$bin/traffic" -base "http://$addr" -route "$route" >/dev/null
	fi
	kill -INT "$pid"
	wait "$pid"
}

serve "$out/baseline"
i=0
while IFS= read -r route; do
	i=$((i + 1))
	serve "$out/$(printf 'route%02d' "$i")" "$route"
done < <("$bin/traffic" -list)
echo "coverage.sh: $i routes recorded in $out" >&2
