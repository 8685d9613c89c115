package planner

import (
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
