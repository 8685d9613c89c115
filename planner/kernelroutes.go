package planner

import (
	"github.com/ficus-dev/ficus/analyzer"
	"maps"
	"slices"
)

// routesToResources gives each business route the kernel holds (its
// handler is kernel code: a page factory every area's routes share, a
// generic CRUD handler) to the service that holds the most routes of the
// same resource (the first path segment that is no layer or version
// word, a compound's first word where that is a resource of its own, as
// resourceEdges groups them): the kernel serves no business route, and
// /admin/advanced is the admin area's page whoever renders it. The
// handler stays in the kernel, a library the service links. A route of
// no resource, of a resource no service serves, or that a constraint
// places stays.
func routesToResources(m *model, cons *constraints, label []int32) {
	keyOf := routeResourceKeys(m)
	count := map[string]map[int32]float64{} // resource → routes of each service
	for u, k := range keyOf {
		if l := label[u]; l >= 0 {
			if count[k] == nil {
				count[k] = map[int32]float64{}
			}
			count[k][l]++
		}
	}
	for _, u := range slices.Sorted(maps.Keys(keyOf)) {
		n := m.unitNode(u)
		if label[u] != labelKernel || !isBusinessRoute(n.Name) || cons.set[u] >= 0 || cons.forced[u] {
			continue
		}
		if best := topLabel(count[keyOf[u]]); best >= 0 {
			label[u] = best
		}
	}
}

// routesToHandlers gives each business route the kernel holds to the
// service holding its handler: a route is served by its handler, and the
// kernel moves that gave a handler to the one service using it (see
// giveSoleUsed, trimKernel) move blocks of code, which leaves the route
// behind. A route with handlers in two services goes to the one holding
// the most of them, ties to the first handler's; operational routes,
// routes whose handlers are all kernel code and routes a constraint
// places stay.
func routesToHandlers(m *model, cons *constraints, label []int32) {
	handlers := map[int32][]int32{} // kernel route → its handlers
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeHandles {
			continue
		}
		rt, h := m.unitOf[e.from], m.unitOf[e.to]
		if rt < 0 || h < 0 || label[rt] != labelKernel || cons.set[rt] >= 0 || cons.forced[rt] || !isBusinessRoute(m.unitNode(rt).Name) {
			continue
		}
		handlers[rt] = append(handlers[rt], h)
	}
	for _, rt := range slices.Sorted(maps.Keys(handlers)) {
		count := map[int32]float64{}
		first := int32(-1)
		for _, h := range handlers[rt] {
			if l := label[h]; l >= 0 {
				count[l]++
				if first < 0 {
					first = l
				}
			}
		}
		if best := topLabel(count); best >= 0 {
			if count[first] == count[best] {
				best = first
			}
			label[rt] = best
		}
	}
}
