// Package mesh writes a proxy configuration as a service mesh's: Gateway
// API HTTPRoutes, Istio VirtualServices and DestinationRules, or a static
// Envoy configuration. Routes keep their matches, weights, mirrors and
// timeouts; what a mesh cannot express is listed in docs/exports.md.
package mesh
