// Package evidence turns what production already records into evidence
// on a ficus graph: the proxy's access logs (requests and latency per
// route), OpenTelemetry traces in OTLP JSON (requests per route, and the
// functions a route's spans name), and Go coverage directories written
// per route by a binary built with -cover (the functions each route
// executes).
//
// It only reads files: running the monolith and replaying requests is
// the user's explicit step (docs/evidence.md gives the recipe), and
// 'ficus analyze' never executes code. The evidence is added to a graph
// document as a traffic field on route nodes and executes edges from a
// route to the functions and methods it runs (docs/graph-format.md),
// which the planner weighs beside the static graph.
package evidence
