// Package parity compares the answers of a monolith and a service for
// shadow traffic: DiffJSON lists where two JSON documents disagree, by JSON
// path with array indexes folded to [*], and Glob names the paths a route
// ignores. The proxy keeps the per-route evidence built from them.
package parity
