#!/usr/bin/env bash
# bench/report.sh: how long 'ficus report' takes on a large real module
# (GOROOT/src/cmd) against 'ficus analyze' of the same module in the same
# run (target: under 2x), and how long the HTML takes to become interactive
# in headless Chromium (target: under 2 s).
#
#   bash bench/report.sh          # needs Go; installs chromium if missing
#   RUNS=5 bash bench/report.sh   # median of 5 timed runs (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v chromium >/dev/null; then
	echo "installing chromium (Debian package)" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
go build -o "$tmp/ficus" ./cmd/ficus
go build -o "$tmp/reportopen" ./bench/reportopen
target=$(go env GOROOT)/src/cmd

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# secs CMD...: wall seconds of one run
secs() {
	local s e
	s=$(date +%s.%N)
	"$@" >/dev/null 2>"$tmp/last.log" || { cat "$tmp/last.log" >&2; exit 1; }
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" 'BEGIN {print e - s}'
}

# one untimed run of each fills the build and type caches
(cd "$target" && "$tmp/ficus" analyze . -o /dev/null 2>/dev/null)
(cd "$target" && "$tmp/ficus" report . -o "$tmp/report.html" 2>/dev/null)

a=(); r=()
for _ in $(seq "$RUNS"); do
	a+=("$(cd "$target" && secs "$tmp/ficus" analyze . -o "$tmp/graph.json")")
	r+=("$(cd "$target" && secs "$tmp/ficus" report . -o "$tmp/report.html")")
done
am=$(printf '%s\n' "${a[@]}" | median)
rm_=$(printf '%s\n' "${r[@]}" | median)
size=$(du -k "$tmp/report.html" | cut -f1)
open=$("$tmp/reportopen" -runs "$RUNS" "$tmp/report.html" | awk '{print $2}' | median)

echo "ficus report benchmark (median of $RUNS runs; $(go env GOVERSION), $(nproc) CPUs), GOROOT/src/cmd"
printf '  ficus analyze  %6.2f s\n' "$am"
printf '  ficus report   %6.2f s   (analyze + plan + render; report.html %d KB)\n' "$rm_" "$size"
printf '  ratio report/analyze  %.2fx   (target < 2x)\n' "$(awk -v r="$rm_" -v a="$am" 'BEGIN {print r / a}')"
printf '  report.html interactive in headless Chromium  %.2f s   (target < 2 s)\n' "$open"
