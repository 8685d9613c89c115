package planner

import (
	"maps"
	"slices"
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

// TestRoutesToHandlers: a business route the kernel holds goes to the
// service holding its handler (to the one holding most of its handlers
// when several serve it, the first handler's on a tie); an operations
// route, a route whose handler is kernel code and a pinned route stay.
func TestRoutesToHandlers(t *testing.T) {
	fn := func(id string) analyzer.Node {
		return analyzer.Node{ID: "x." + id, Kind: analyzer.KindFunc, Name: id, Package: "x", Pos: id + ".go:1"}
	}
	route := func(r string) analyzer.Node {
		return analyzer.Node{ID: "route:" + r, Kind: analyzer.KindRoute, Name: r}
	}
	handles := func(r, h string) analyzer.Edge {
		return analyzer.Edge{From: "route:" + r, To: "x." + h, Kind: analyzer.EdgeHandles, Weight: 1}
	}
	for _, tt := range []struct {
		name      string
		handlers  map[string]int32 // handler → its service
		route     string
		forced    bool
		wantLabel int32
	}{
		{"follows its handler", map[string]int32{"roadmap": 1}, "GET /roadmap", false, 1},
		{"most handlers win", map[string]int32{"a": 0, "b": 1, "c": 1}, "GET /similar", false, 1},
		{"a tie goes to the first handler's service", map[string]int32{"a": 2, "b": 1}, "GET /similar", false, 2},
		{"kernel handler: stays", map[string]int32{"page": labelKernel}, "GET /access-denied", false, labelKernel},
		{"operations route: stays", map[string]int32{"health": 0}, "GET /healthz", false, labelKernel},
		{"pinned to the kernel: stays", map[string]int32{"export": 0}, "GET /export", true, labelKernel},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := analyzer.Document{Module: "x", Nodes: []analyzer.Node{route(tt.route)}}
			for _, h := range slices.Sorted(maps.Keys(tt.handlers)) {
				doc.Nodes = append(doc.Nodes, fn(h))
				doc.Edges = append(doc.Edges, handles(tt.route, h))
			}
			m := newModel(doc)
			cons := freeConstraints(len(m.units))
			label := make([]int32, len(m.units))
			var rt int32 = -1
			for u := range label {
				n := m.unitNode(int32(u))
				if n.Kind == analyzer.KindRoute {
					rt, label[u] = int32(u), labelKernel
					cons.forced[u] = tt.forced
					continue
				}
				label[u] = tt.handlers[n.Name]
			}
			routesToHandlers(m, cons, label)
			if label[rt] != tt.wantLabel {
				t.Errorf("route %s is in %d, want %d", tt.route, label[rt], tt.wantLabel)
			}
		})
	}
}
