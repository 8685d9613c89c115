package planner

import (
	"testing"
)

// TestResourceEdges: routes join their resource's virtual node: the first
// path segment that is no layer or version word; a segment of several
// words is a sub-resource of its first word when that word is a resource
// of its own (/dial-memberships of /dials), and its own resource when it
// is not (/sysUser and /sysApi with no /sys).
func TestResourceEdges(t *testing.T) {
	var b docBuilder
	routes := []string{
		"GET /api/v1/orders/{id}", "POST /orders", "DELETE /orders/{id}/items/{item}",
		"GET /dials", "PATCH /dial-memberships/{id}",
		"GET /sysUser/list", "POST /sysApi/create", "GET /health",
	}
	for i, r := range routes {
		b.route(r, b.fn("internal/http", "H"+string(rune('a'+i)), "h.go"))
	}
	m := newModel(b.doc())
	edges, next := resourceEdges(m, 1, int32(len(m.units)))
	group := map[string]int32{}
	for _, e := range edges {
		group[m.unitNode(e.a).Name] = e.b
	}
	if want := int32(len(m.units)) + 2; next != want {
		t.Errorf("%d virtual nodes, want 2 (orders, dial)", next-int32(len(m.units)))
	}
	same := func(a, b string) bool { ga, oka := group[a]; gb, okb := group[b]; return oka && okb && ga == gb }
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"GET /api/v1/orders/{id}", "POST /orders", true},
		{"POST /orders", "DELETE /orders/{id}/items/{item}", true},
		{"GET /dials", "PATCH /dial-memberships/{id}", true},
		{"GET /sysUser/list", "POST /sysApi/create", false},
		{"GET /dials", "POST /orders", false},
	} {
		if got := same(tt.a, tt.b); got != tt.want {
			t.Errorf("%s and %s in one resource: %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if _, ok := group["GET /health"]; ok {
		t.Errorf("a resource of one route has a virtual node")
	}
}
