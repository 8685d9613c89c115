package planner

import (
	"cmp"
	"math"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// HistoryPlacement is a member of a service that structure placed in
// another, moved here because its file changes with files of this one:
// change history, not structure, placed it.
type HistoryPlacement struct {
	// Unit is the member's id.
	Unit string `json:"unit"`
	// ClosestByCode is the service structure alone placed it in.
	ClosestByCode string `json:"closest_by_code"`
	// ChangesWith is the file of this service its file changes with most,
	// and Commits how often: co-changes weight / 100, recent commits
	// counting whole and older ones less (docs/graph-format.md).
	ChangesWith string  `json:"changes_with"`
	Commits     float64 `json:"commits"`
}

// historyPlacements fills in each service's History from the units
// evidence moved whose file changes with a file of their new service.
func (x *explainer) historyPlacements(services []Service) {
	m := x.m
	if len(x.moved) == 0 || !m.hasCoChanges() {
		return
	}
	byFile := unitsByFile(m)
	type partner struct {
		file   string
		weight int
	}
	partners := map[string][]partner{}
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeCoChanges {
			continue
		}
		fa, fb := file(m.nodes[e.from]), file(m.nodes[e.to])
		if fa != "" && fb != "" && fa != fb {
			partners[fa] = append(partners[fa], partner{fb, e.weight})
			partners[fb] = append(partners[fb], partner{fa, e.weight})
		}
	}
	// share is the part of a file's symbols in service l.
	share := func(f string, l int32) float64 {
		us := byFile[f]
		n := 0
		for _, u := range us {
			if x.label[u] == l {
				n++
			}
		}
		return float64(n) / float64(max(len(us), 1))
	}
	for u, from := range x.moved {
		l := x.label[u]
		if l < 0 {
			continue // in the kernel, or a tool, after all
		}
		n := m.unitNode(u)
		var with partner
		strongest := 0.0
		for _, p := range partners[file(n)] {
			if w := float64(p.weight) * share(p.file, l); w > strongest || w == strongest && w > 0 && p.file < with.file {
				with, strongest = p, w
			}
		}
		if strongest == 0 {
			continue // history does not pull it here
		}
		services[l].History = append(services[l].History, HistoryPlacement{Unit: n.ID, ClosestByCode: x.name(from),
			ChangesWith: with.file, Commits: math.Round(float64(with.weight)/analyzer.CoChangeScale*100) / 100})
	}
	for i := range services {
		slices.SortFunc(services[i].History, func(a, b HistoryPlacement) int { return cmp.Compare(a.Unit, b.Unit) })
	}
}
