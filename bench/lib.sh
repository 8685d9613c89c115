# lib.sh holds the helpers the bench scripts share; source it after setting
# tmp (a scratch directory). Not a script of its own.

# progress: a status line on stderr, only when it is a terminal.
progress() {
	if [[ -t 2 ]]; then
		printf '\r\033[K%s' "$*" >&2
	fi
}

# measure LOG DIR CMD...: runs CMD in DIR, its output to LOG, and prints
# "seconds peakRSS-KB". A failure prints the end of LOG and stops the script.
measure() {
	local log=$1 dir=$2
	shift 2
	if ! (cd "$dir" && exec /usr/bin/time -f '%e %M' -o "$tmp/time" "$@") >"$log" 2>&1; then
		progress ""
		echo "$(basename "$0"): failed in $dir: $*" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	tail -n 1 "$tmp/time"
}

# median: the median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A/B, as "1.23x".
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'
}

# mb KB: kilobytes as whole megabytes.
mb() {
	awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'
}
