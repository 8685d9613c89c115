package planner

import (
	"fmt"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// areaKnee moves the knee of the sweep to a finer point whose services are
// all business areas, when the coarser point won only on calls saved.
//
// Q − ICP favours a point that merges two services which call each other
// (transfers checking accounts), even where each serves its own REST
// resource and owns its own tables: the merge saves calls, not cohesion.
// A finer point is kept instead when every one of its services is such an
// area (see isAreaPoint) and its modularity is no lower than the knee's:
// cutting along resources and tables then costs no cohesion, and the calls
// between the areas are the API the extraction will have. Of several such
// points the one with the most services wins. best is knee's choice; the
// result is an index of ps.
func (c *clusterer) areaKnee(ps []partition, best int) int {
	if !c.r.anchored {
		return best // a library or a tool: resources and tables do not make its services
	}
	chosen := best
	for i := best + 1; i < len(ps); i++ {
		if ps[i].modularity+1e-9 >= ps[best].modularity && c.isAreaPoint(ps[i].label, ps[i].services) {
			chosen = i
		}
	}
	return chosen
}

// isAreaPoint reports whether each of the k services of label serves a
// route resource no other service serves and holds a table of the app's
// own (no system table): each is then a business area by the code's own
// API and data, not a piece of one.
func (c *clusterer) isAreaPoint(label []int32, k int) bool {
	if k < 2 {
		return false
	}
	tables := make([]bool, k)
	owners := map[string]map[int32]bool{} // route resource → services serving it
	for u, l := range label {
		if l < 0 {
			continue
		}
		n := c.m.unitNode(int32(u))
		switch n.Kind {
		case analyzer.KindTable:
			tables[l] = tables[l] || !c.m.systemTable(int32(u))
		case analyzer.KindRoute:
			res := strings.ToLower(firstSegment(n.Name))
			if res == "" {
				continue
			}
			if owners[res] == nil {
				owners[res] = map[int32]bool{}
			}
			owners[res][l] = true
		}
	}
	resources := make([]bool, k)
	for _, ls := range owners {
		if len(ls) == 1 {
			for l := range ls {
				resources[l] = true
			}
		}
	}
	for l := range k {
		if !tables[l] || !resources[l] {
			return false
		}
	}
	return true
}

// areaReason says why areaKnee chose best over knee's top ("" when it
// did not move).
func areaReason(ps []partition, top, best int) string {
	if best == top {
		return ""
	}
	return fmt.Sprintf("each of its %d services serves a REST resource of its own and holds a table, at no less modularity than %d services at resolution %.2f (which had the largest modularity minus inter-service calls: they save calls by merging areas, not by cohesion)",
		ps[best].services, ps[top].services, ps[top].resolution)
}
