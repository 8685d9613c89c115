// Package parity compares the answers of a monolith and a service for
// shadow traffic: [Options.Diff] lists where two JSON documents disagree,
// by JSON path with array indexes folded to [*]. Numbers compare by value,
// array elements are paired by identity (an id-like field, or equal
// values) so that a reordered list hides nothing, and an array's order is
// a path of its own ($.items[order]). [Glob] names the paths a route
// ignores. The proxy keeps the per-route evidence built from them.
package parity
