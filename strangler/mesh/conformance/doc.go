// Package conformance holds only tests: every export of strangler/mesh is
// checked by the targets' own validation (the Gateway API CRDs with CEL
// through the apiserver's validation, Istio's API types and documented
// rules, go-control-plane's ValidateAll). It is a module of its own so that
// neither ficus binary nor the root module's test build carries the
// Kubernetes, Istio and Envoy dependencies.
package conformance
