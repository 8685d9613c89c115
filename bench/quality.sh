#!/usr/bin/env bash
# quality.sh is ficus's plan-quality benchmark: real open-source Go apps at
# pinned commits (bench/quality/apps.json), fetched into a cache, analyzed
# and planned as a user would, each plan scored against the app's truth
# file (bench/quality/truth/, built from independent evidence) beside three
# trivial baselines from the same run. bench/quality/README.md explains
# the table.
#
# Usage: bench/quality.sh [flags]     (from any directory)
#   -only a,b        run only these apps
#   -loo=false       skip the leave-one-out figures
#   -history         analyze with --history (change history as evidence)
#   -replan          plan the graphs the last run cached again (planner work)
#   -seeds N         also plan with N seeds: mean and lowest ARI, largest kernel
#   -git-base URL    clone owner/name repositories from here (default GitHub)
#   -cache DIR       keep repositories and results here
#                    (default: the user cache dir's ficus-quality)
#
# Needs Go and git; the apps' dependencies come from the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ficus" ./cmd/ficus
go build -o "$tmp/quality" ./bench/quality
# An app whose go.mod asks for a newer Go than this one is analyzed with
# the toolchain it asks for, which the go command fetches.
GOTOOLCHAIN=auto "$tmp/quality" -ficus "$tmp/ficus" "$@"
