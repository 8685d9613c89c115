// Package admin is the proxy's admin API: [New] serves it for a running
// [strangler.Proxy] (the live route table, weight and mode changes,
// reloads, parity results, Prometheus metrics, liveness, readiness and an
// HTML status page), and [Client] calls it, as the ficus proxy verbs do.
//
// Reads are open; changes need the bearer token in [Options], and without
// a token the API is read-only. The JSON documents are the proxy's own
// ([strangler.RoutesDoc], [strangler.ParityDoc]), each with its schema.
package admin
