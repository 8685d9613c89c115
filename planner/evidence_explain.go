package planner

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// EvidencePlacement is a member of a service that structure placed in
// another, moved here because routes of this service run it in production
// (or in per-route coverage): evidence, not structure, placed it.
type EvidencePlacement struct {
	// Unit is the member's id.
	Unit string `json:"unit"`
	// ClosestByCode is the service structure alone placed it in.
	ClosestByCode string `json:"closest_by_code"`
	// ExecutedBy lists the routes of this service seen running it.
	ExecutedBy []string `json:"executed_by"`
}

// evidencePlacements fills in each service's Evidence from the units
// evidence moved that routes of their new service run.
func (x *explainer) evidencePlacements(services []Service) {
	m := x.m
	if len(x.moved) == 0 || !m.hasExecutes() {
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
	for u, from := range x.moved {
		l := x.label[u]
		if l < 0 {
			continue // in the kernel, or a tool, after all
		}
		var here []string
		for _, r := range runBy[u] {
			if x.label[r] == l {
				here = append(here, m.unitNode(r).ID)
			}
		}
		if len(here) == 0 {
			continue // no route of this service runs it
		}
		slices.Sort(here)
		services[l].Evidence = append(services[l].Evidence, EvidencePlacement{Unit: m.unitNode(u).ID,
			ClosestByCode: x.name(from), ExecutedBy: here})
	}
	for i := range services {
		slices.SortFunc(services[i].Evidence, func(a, b EvidencePlacement) int { return cmp.Compare(a.Unit, b.Unit) })
	}
}

// evidenceSummary says how many units history and production evidence
// placed, "" when none.
func evidenceSummary(p *Plan) string {
	history, evidence := 0, 0
	for _, s := range p.Services {
		history += len(s.History)
		evidence += len(s.Evidence)
	}
	var parts []string
	if history > 0 {
		parts = append(parts, plural(history, "unit")+" placed by change history (see each service's \"history\")")
	}
	if evidence > 0 {
		parts = append(parts, plural(evidence, "unit")+" placed by production evidence (see \"evidence\")")
	}
	return strings.Join(parts, "; ")
}
