package planner

import (
	"cmp"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// EvidencePlacement is a member of a service that its code ties more to
// another service, while routes of this service run it in production (or
// in per-route coverage): evidence, not structure, holds it here.
type EvidencePlacement struct {
	// Unit is the member's id.
	Unit string `json:"unit"`
	// ClosestByCode is the service its code dependencies pull it to most.
	ClosestByCode string `json:"closest_by_code"`
	// ExecutedBy lists the routes of this service seen running it.
	ExecutedBy []string `json:"executed_by"`
}

// evidencePlacements fills in each service's Evidence. Nothing is done
// for a graph without executes edges.
func (x *explainer) evidencePlacements(services []Service, s *signals) {
	m := x.m
	if !m.hasExecutes() {
		return
	}
	runBy := map[int32][]int32{} // function unit → route units
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeExecutes {
			continue
		}
		if r, f := m.unitOf[e.from], m.unitOf[e.to]; r >= 0 && f >= 0 && r != f {
			runBy[f] = append(runBy[f], r)
		}
	}
	pull := map[int32]float64{}
	for u, l := range x.label {
		rs := runBy[int32(u)]
		if l < 0 || len(rs) == 0 {
			continue
		}
		var here []string
		for _, r := range rs {
			if x.label[r] == l {
				here = append(here, m.unitNode(r).ID)
			}
		}
		if len(here) == 0 {
			continue // no route of this service runs it
		}
		best := x.closestByCode(s, int32(u), pull)
		if best == l || pull[best] <= pull[l] {
			continue // its code agrees with where it is
		}
		slices.Sort(here)
		services[l].Evidence = append(services[l].Evidence, EvidencePlacement{Unit: m.unitNode(int32(u)).ID,
			ClosestByCode: x.name(best), ExecutedBy: here})
	}
	for i := range services {
		slices.SortFunc(services[i].Evidence, func(a, b EvidencePlacement) int { return cmp.Compare(a.Unit, b.Unit) })
	}
}

// closestByCode returns the service u's code dependencies pull it to
// most (ties to the lower label), filling pull with each service's pull.
func (x *explainer) closestByCode(s *signals, u int32, pull map[int32]float64) int32 {
	clear(pull)
	g := s.dep
	for k := g.off[u]; k < g.off[u+1]; k++ {
		if v := g.adj[k]; x.label[v] >= 0 {
			pull[x.label[v]] += g.w[k]
		}
	}
	best := x.label[u]
	for o, w := range pull {
		if w > pull[best] || w == pull[best] && o < best {
			best = o
		}
	}
	return best
}
