package planner

import (
	"fmt"
	"strings"
	"testing"
)

// TestFoldLibrariesKeepsServices: a cluster every service uses joins the
// kernel as a library, but not when it serves a route of its own: a
// cluster with a business route is a service, however many others call
// its helpers.
func TestFoldLibrariesKeepsServices(t *testing.T) {
	for _, serves := range []bool{false, true} {
		t.Run(fmt.Sprint("serves a route: ", serves), func(t *testing.T) {
			var b docBuilder
			var handlers []string
			for _, a := range []string{"orders", "billing", "users"} {
				h, _, _ := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
				handlers = append(handlers, h)
			}
			var lib []string
			for i := 0; i < 4; i++ {
				lib = append(lib, b.fn("internal/render", fmt.Sprintf("Render%d", i), "render.go"))
				if i > 0 {
					b.call(lib[i-1], lib[i], 4)
				}
			}
			for i, h := range handlers {
				b.call(h, lib[i], 1)
			}
			if serves {
				b.route("GET /reports", lib[0])
			}
			m := newModel(b.doc())
			s := buildSignals(m, DefaultConfig().Weights)
			r := newRoles(m)
			r.markServed(m, make([]bool, len(m.units)))
			label := make([]int32, len(m.units))
			for u := range label {
				id := m.unitNode(int32(u)).ID
				switch {
				case strings.Contains(id, "/orders/"), strings.Contains(id, "route:GET /orders"):
					label[u] = 0
				case strings.Contains(id, "/billing/"), strings.Contains(id, "route:GET /billing"):
					label[u] = 1
				case strings.Contains(id, "/users/"), strings.Contains(id, "route:GET /users"):
					label[u] = 2
				default:
					label[u] = 3
				}
			}
			foldLibraries(m, s, r, label, 3)
			got := label[m.unitOf[m.index[lib[1]]]]
			if want := map[bool]int32{false: labelKernel, true: 3}[serves]; got != want {
				t.Errorf("the render cluster has label %d, want %d", got, want)
			}
		})
	}
}
