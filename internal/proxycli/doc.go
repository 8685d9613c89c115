// Package proxycli is the proxy's command line: run, validate, promote,
// rollback, status and parity. Both ficus (as 'ficus proxy') and the
// proxy-only ficus-proxy binary serve it, so their flags cannot drift
// apart; it needs the proxy, cobra, Prometheus and OpenTelemetry, never the
// analyzer or the planner.
package proxycli
