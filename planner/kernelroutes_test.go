package planner

import (
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestRoutesToResources: a business route whose handler is kernel code
// goes to the service holding the most routes of its resource; an
// operations route, a route of a resource no service serves and a pinned
// route stay in the kernel.
func TestRoutesToResources(t *testing.T) {
	route := func(r string) analyzer.Node {
		return analyzer.Node{ID: "route:" + r, Kind: analyzer.KindRoute, Name: r}
	}
	nodes := []analyzer.Node{
		route("GET /admin/users"), route("POST /admin/users"), route("GET /api/v1/orders"), route("GET /orders/{id}"),
		route("GET /admin/advanced"),           // kernel: the admin service's page
		route("GET /api/v1/orders/{id}/print"), // kernel: the orders service's
		route("GET /healthz"),                  // kernel: operations
		route("GET /roadmap"),                  // kernel: no service serves roadmap
		route("GET /orders/export"),            // kernel, pinned there
	}
	m := newModel(analyzer.Document{Module: "x", Nodes: nodes})
	want := map[string]int32{
		"route:GET /admin/users": 0, "route:POST /admin/users": 0, "route:GET /api/v1/orders": 1, "route:GET /orders/{id}": 1,
		"route:GET /admin/advanced": 0, "route:GET /api/v1/orders/{id}/print": 1,
		"route:GET /healthz": labelKernel, "route:GET /roadmap": labelKernel, "route:GET /orders/export": labelKernel,
	}
	label := make([]int32, len(m.units))
	cons := freeConstraints(len(m.units))
	for u := range label {
		id := m.unitNode(int32(u)).ID
		label[u] = want[id]
		if want[id] == labelKernel || id == "route:GET /admin/advanced" || id == "route:GET /api/v1/orders/{id}/print" {
			label[u] = labelKernel
		}
		if id == "route:GET /orders/export" {
			cons.forced[u] = true
		}
	}
	routesToResources(m, cons, label)
	for u, l := range label {
		if id := m.unitNode(int32(u)).ID; l != want[id] {
			t.Errorf("%s is in %d, want %d", id, l, want[id])
		}
	}
}
