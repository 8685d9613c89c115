package planner

import (
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// resourceEdges joins, through a virtual node per resource, the routes of
// one resource: the first path segment that is no layer or version word
// ("/api/v1/orders/{id}" and "POST /orders" are orders). A segment of
// several words ("dial-memberships") is a sub-resource of its first word
// when that word is a resource of its own (/dials), and its own resource
// otherwise (/sysUser beside /sysApi, with no /sys). REST groups an area's
// operations under one resource; the handlers behind it may share no code.
func resourceEdges(m *model, weight float64, next int32) ([]wedge, int32) {
	groups := map[string][]int32{}
	for u, key := range routeResourceKeys(m) {
		groups[key] = append(groups[key], u)
	}
	for _, us := range groups {
		slices.Sort(us)
	}
	return groupEdges(groups, func(k string) bool { return len(groups[k]) > 1 }, weight, next)
}

// routeResourceKeys maps each route unit to its resource, as resourceEdges
// reads it; routes of no resource are left out.
func routeResourceKeys(m *model) map[int32]string {
	segOf := map[int32]string{}
	whole := map[string]bool{}
	for u, ni := range m.units {
		n := m.nodes[ni]
		if n.Kind != analyzer.KindRoute {
			continue
		}
		seg := strings.ToLower(firstSegment(n.Name))
		if seg == "" {
			continue
		}
		segOf[int32(u)] = seg
		if ws := words(seg, nil); len(ws) == 1 {
			whole[ws[0]] = true
		}
	}
	out := make(map[int32]string, len(segOf))
	for u, seg := range segOf {
		key := seg
		if ws := words(seg, nil); len(ws) > 1 && whole[ws[0]] {
			key = ws[0]
		} else if len(ws) == 1 {
			key = ws[0]
		}
		out[u] = key
	}
	return out
}
