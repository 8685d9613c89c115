// Package mesh writes a proxy configuration as a service mesh's: Gateway
// API HTTPRoutes, Istio VirtualServices and DestinationRules, or a static
// Envoy configuration. Routes keep their matches, weights and mirrors, in
// the order the proxy's precedence gives them where the target takes the
// first match; what a target cannot route as the proxy does is returned
// as a [Warning] naming the route and the change (an error with
// [Options.Strict]), and listed in docs/exports.md.
//
// The tests hold the exports to that: a differential test routes a
// request corpus through the real proxy and through models of each
// target's documented matching, and the conformance module next to this
// package validates every export with the targets' own code.
package mesh
