// Package strangler is the strangler-fig proxy: it sits in front of a
// monolith, sends it everything at first, and moves routes, one at a time
// and a share of users at a time, to extracted services.
//
// The pieces, in the order a request meets them:
//
//   - [config.Config] is the YAML file (package config decodes,
//     defaults and validates it; every problem names a line and a fix).
//   - [Table] is an immutable routing table compiled from one Config. A
//     [Proxy] serves from one Table at a time and swaps it atomically on
//     reload, so in-flight requests finish on the table they started with.
//   - Routes are matched like net/http.ServeMux patterns (method, host, path
//     with wildcards, most specific wins) plus header, cookie and query
//     predicates.
//   - A selector picks the backend for a matched route: the cohort split
//     hashes a cohort key to a bucket in 0–9999 ([Bucket]) and sends the
//     buckets below the route's weight to the new service, so raising a
//     weight only ever moves more users to it.
//   - Each [Backend] has its own connection pool, circuit breaker and active
//     health check. A failed attempt falls back to the route's fallback
//     backend when the request is safe to replay.
//   - [Server] runs the proxy and admin listeners, reloads the file on
//     change, and drains on shutdown. Package admin serves the live route
//     table ([Proxy.Routes]), weight and mode changes, parity results,
//     Prometheus metrics and a status page on the admin listener.
//
// Route lifecycle: each route may have a [config.Mode], monolith → shadow → canary
// → service → retired, changed by [Proxy.SetMode], [Proxy.Promote] and
// [Proxy.Rollback] and saved in a state file ([StateDoc]) so that a restart
// resumes. In shadow mode a bounded queue of workers replays requests to
// the service and compares the answers with [parity.DiffJSON], filtering fields
// that differ between two monolith answers as noise ([Proxy.Parity]). In
// canary mode [Proxy.CheckRollouts] climbs the rollout steps while the
// service's errors, p99 latency and parity on the route stay within the
// thresholds, and rolls back at once when they do not.
//
// Package config writes a configuration from a plan's routes and compares
// one with a fresh analysis; package mesh turns one into Gateway API,
// Istio or Envoy configuration.
package strangler
