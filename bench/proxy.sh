#!/usr/bin/env bash
# bench/proxy.sh: req/s and latency of the same backend measured directly,
# through 'ficus proxy', through 'ficus proxy' with server.fast_path off
# (ficus-std: net/http's server and httputil.ReverseProxy), and through
# nginx proxy_pass with upstream keepalive, in one run, all on 127.0.0.1.
# Prints a table, the fast path's gain, and the ficus/nginx ratios against
# the targets (>= 0.65x nginx's req/s, p99 within 2x nginx's).
#
# Before that, on the freshly started ficus (default settings) and nginx,
# it measures memory under slow clients (bench/slowclients): 500 clients
# trickling a request body at 1 B/s, 300 not reading a large answer and 500
# sending unfinished heads of about 950 KB, held for HOLD; it prints each
# proxy's peak RSS (target for ficus: < 300 MB) and the backend connections
# it held. That part takes about 2 x HOLD.
#
# Usage: bash bench/proxy.sh
# Environment: DURATION (default 10s), ROUNDS (3), CONNECTIONS (64),
# THREADS (2), WARMUP (2s), BODY (response size in bytes, 64),
# BASE_PORT (18100), HOLD (20s), SLOW (1; 0 skips the slow clients).
#
# Each round measures the four targets one after the other; the figures
# printed are the medians over the rounds, which damps other load on the
# machine. "cpu_us/req" is the CPU time the process under test (the backend
# for "direct", the proxy otherwise) spent per request, read from /proc: it
# does not depend on how busy the rest of the machine is.
# Installs nginx and wrk with apt-get when they are missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2s}
BODY=${BODY:-64}
BASE_PORT=${BASE_PORT:-18100}
HOLD=${HOLD:-20s}
SLOW=${SLOW:-1}
BACKEND_PORT=$BASE_PORT
FICUS_PORT=$((BASE_PORT + 1))
FICUS_ADMIN_PORT=$((BASE_PORT + 2))
NGINX_PORT=$((BASE_PORT + 3))
STD_PORT=$((BASE_PORT + 4))
STD_ADMIN_PORT=$((BASE_PORT + 5))

need() {
	local missing=()
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
	command -v wrk >/dev/null || missing+=(wrk)
	if [ ${#missing[@]} -gt 0 ]; then
		echo "installing ${missing[*]} from the Debian packages..." >&2
		local sudo=""
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		local log
		log=$(mktemp)
		if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
			cat "$log" >&2
			echo "could not install ${missing[*]}" >&2
			exit 1
		fi
		rm -f "$log"
	fi
}
need
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d)
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "building..." >&2
go build -o "$WORK/backend" ./bench/backend
go build -o "$WORK/ficus" ./cmd/ficus
go build -o "$WORK/slowclients" ./bench/slowclients

wait_port() { # wait until 127.0.0.1:$1 accepts connections
	for _ in $(seq 100); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
		sleep 0.1
	done
	echo "nothing listens on 127.0.0.1:$1" >&2
	return 1
}

"$WORK/backend" -addr "127.0.0.1:$BACKEND_PORT" -size "$BODY" &
PIDS+=($!)
BACKEND_PID=$!

cat >"$WORK/ficus-proxy.yaml" <<EOF
listen: 127.0.0.1:$FICUS_PORT
admin: 127.0.0.1:$FICUS_ADMIN_PORT
backends:
  monolith: {url: http://127.0.0.1:$BACKEND_PORT}
  orders: {url: http://127.0.0.1:$BACKEND_PORT}
default: monolith
routes:
  - name: orders-read
    match: {methods: [GET], path: "/orders/{id}"}
    to: orders
    weight: 50
    cohort: header:X-User-ID
    fallback: monolith
EOF
# Access logs off on both proxies: the benchmark measures proxying.
FICUS_ADMIN_TOKEN=bench "$WORK/ficus" proxy --config "$WORK/ficus-proxy.yaml" --access-log off --log-level warn --no-watch &
PIDS+=($!)
FICUS_PID=$!

# The same proxy with server.fast_path off (net/http's server and
# httputil.ReverseProxy for every request), to show what the fast path buys.
sed -e "s/^listen: .*/listen: 127.0.0.1:$STD_PORT/" -e "s/^admin: .*/admin: 127.0.0.1:$STD_ADMIN_PORT/" \
	"$WORK/ficus-proxy.yaml" >"$WORK/ficus-std.yaml"
printf 'server: {fast_path: false}\n' >>"$WORK/ficus-std.yaml"
FICUS_ADMIN_TOKEN=bench "$WORK/ficus" proxy --config "$WORK/ficus-std.yaml" --access-log off --log-level warn --no-watch &
PIDS+=($!)
STD_PID=$!

mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
worker_rlimit_nofile 16384;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    upstream backend {
        server 127.0.0.1:$BACKEND_PORT;
        keepalive 128;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_buffering off;
        }
    }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)

wait_port "$BACKEND_PORT"
wait_port "$FICUS_PORT"
wait_port "$NGINX_PORT"
wait_port "$STD_PORT"

# to_ms converts a wrk latency like 512.00us, 1.20ms or 1.01s to milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000
		else if (v ~ /ms$/) n = n
		else if (v ~ /m$/) n *= 60000
		else if (v ~ /s$/) n *= 1000
		printf "%.3f", n
	}'
}

# cpu_ticks PID...: user+system clock ticks used so far by the processes.
cpu_ticks() {
	local t=0 p f
	for p in "$@"; do
		read -r -a f <"/proc/$p/stat"
		t=$((t + f[13] + f[14]))
	done
	echo "$t"
}

# measure NAME URL PID...: warm up, then one measured wrk run; appends the
# results to the NAME's lists.
declare -A RPS P50 P99 CPU
measure() {
	local name=$1 url=$2 out before after n
	shift 2
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
	before=$(cpu_ticks "$@")
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "X-User-ID: bench" "$url")
	after=$(cpu_ticks "$@")
	if echo "$out" | grep -q "Non-2xx\|Socket errors"; then
		echo "$out" >&2
		echo "warning: $name had errors (above)" >&2
	fi
	n=$(echo "$out" | awk '/requests in/ {print $1}')
	RPS[$name]+="$(echo "$out" | awk '/^Requests\/sec:/ {print $2}') "
	P50[$name]+="$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')") "
	P99[$name]+="$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')") "
	CPU[$name]+="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}') "
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

NGINX_MASTER=$(cat "$WORK/nginx/nginx.pid")
NGINX_PIDS=$(pgrep -f "nginx: worker process" -P "$NGINX_MASTER" | tr '\n' ' ')

# Slow clients first, while both proxies are fresh: peak RSS then is what
# the slow clients cost, not what the throughput rounds left behind.
if [ "$SLOW" != 0 ]; then
	echo "slow clients: 500 trickling bodies, 300 not reading, 500 unfinished heads, held $HOLD per proxy..." >&2
	slow() { # NAME PORT PIDS
		"$WORK/slowclients" -target "127.0.0.1:$2" -name "$1" -pids "$3" -backend-port "$BACKEND_PORT" -hold "$HOLD" | tee "$WORK/slow-$1.txt"
	}
	echo
	slow ficus "$FICUS_PORT" "$FICUS_PID"
	slow nginx "$NGINX_PORT" "$NGINX_MASTER,$(echo "$NGINX_PIDS" | tr ' ' ',' | sed 's/,$//')"
	awk '/rss_mb/ { split($4, a, "="); peak[$1] = a[2]; split($7, c, "="); conns[$1] = c[2] }
	END {
		f = peak["ficus:"]; n = peak["nginx:"]
		printf "\nficus peak RSS under slow clients: %.0f MB (target < 300 MB) %s; nginx %.0f MB (%.1fx)\n", f, (f < 300 ? "ok" : "ABOVE TARGET"), n, f / n
		printf "backend connections held: ficus %d, nginx %d\n", conns["ficus:"], conns["nginx:"]
	}' "$WORK/slow-ficus.txt" "$WORK/slow-nginx.txt"
	echo
fi
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds, ${BODY}-byte responses, $(nproc) CPUs, $(go version | awk '{print $3}'), $("$NGINX" -v 2>&1 | sed 's/.*: //')" >&2
for round in $(seq "$ROUNDS"); do
	echo "round $round/$ROUNDS..." >&2
	measure direct "http://127.0.0.1:$BACKEND_PORT/orders/1" "$BACKEND_PID"
	measure ficus "http://127.0.0.1:$FICUS_PORT/orders/1" "$FICUS_PID"
	measure ficus-std "http://127.0.0.1:$STD_PORT/orders/1" "$STD_PID"
	# shellcheck disable=SC2086 # one argument per worker
	measure nginx "http://127.0.0.1:$NGINX_PORT/orders/1" $NGINX_PIDS
done

declare -A M
printf '\n%-10s %12s %10s %10s %12s\n' target req/s p50_ms p99_ms cpu_us/req
for n in direct ficus ficus-std nginx; do
	M[$n.rps]=$(echo "${RPS[$n]}" | median)
	M[$n.p50]=$(echo "${P50[$n]}" | median)
	M[$n.p99]=$(echo "${P99[$n]}" | median)
	M[$n.cpu]=$(echo "${CPU[$n]}" | median)
	printf '%-10s %12.0f %10.3f %10.3f %12.1f\n' "$n" "${M[$n.rps]}" "${M[$n.p50]}" "${M[$n.p99]}" "${M[$n.cpu]}"
done
awk -v fr="${M[ficus.rps]}" -v sr="${M[ficus-std.rps]}" -v fc="${M[ficus.cpu]}" -v sc="${M[ficus-std.cpu]}" 'BEGIN {
	printf "\nfast path/net/http req/s: %.2fx, cpu/req: %.2fx (ficus vs ficus-std)\n", fr / sr, fc / sc
}'
awk -v fr="${M[ficus.rps]}" -v nr="${M[nginx.rps]}" -v fp="${M[ficus.p99]}" -v np="${M[nginx.p99]}" -v fc="${M[ficus.cpu]}" -v nc="${M[nginx.cpu]}" 'BEGIN {
	rr = fr / nr; pr = fp / np
	printf "\nficus/nginx req/s:      %.2fx (target >= 0.65x) %s\n", rr, (rr >= 0.65 ? "ok" : "BELOW TARGET")
	printf "ficus/nginx p99:        %.2fx (target <= 2.00x) %s\n", pr, (pr <= 2.0 ? "ok" : "ABOVE TARGET")
	printf "ficus/nginx cpu/req:    %.2fx\n", fc / nc
}'
