#!/usr/bin/env bash
# routes.sh is ficus's route and table benchmark: real open-source Go apps
# at pinned commits (bench/routes/apps.json), fetched into a cache, analyzed
# as a user would, the routes and tables of each graph compared with the
# app's truth file (bench/routes/truth/, read from the app's code by hand)
# beside a regular-expression baseline from the same run.
# bench/routes/README.md explains the table.
#
# Usage: bench/routes.sh [flags]      (from any directory)
#   -only a,b        run only these apps
#   -v               list missed and false routes and tables per app
#   -git-base URL    clone owner/name repositories from here (default GitHub)
#   -cache DIR       keep repositories and results here
#                    (default: the user cache dir's ficus-routes)
#
# Needs Go and git; the apps' dependencies come from the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ficus" ./cmd/ficus
go build -o "$tmp/routes" ./bench/routes
"$tmp/routes" -ficus "$tmp/ficus" "$@"
