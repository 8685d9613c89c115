package planner

import (
	"cmp"
	"fmt"
	"slices"
)

// ConcernPlacement is a file of a package split by concern (seed or
// migration code holding a file per area) that the clustering had kept
// with the rest of its package and that moved to this service because
// its data is this service's.
type ConcernPlacement struct {
	// File is the file moved; Units its units in this service.
	File  string   `json:"file"`
	Units []string `json:"units"`
	// ClosestByCode is the service the rest of its package is in ("" when
	// none of it stayed).
	ClosestByCode string `json:"closest_by_code"`
	// Because lists the tables the file writes and the types it uses or
	// declares again that this service held when the file moved.
	Because []string `json:"because"`
}

// concernPlacements fills in each service's Concerns from the files
// placeConcernFiles moved, by where their units are in the final plan.
func (x *explainer) concernPlacements(services []Service, moves []concernMove) {
	// by file, so that each service lists its files in order
	moves = slices.SortedFunc(slices.Values(moves), func(a, b concernMove) int { return cmp.Compare(a.file, b.file) })
	for _, mv := range moves {
		byL := map[int32][]string{}
		for _, u := range mv.units {
			if l := x.label[u]; l >= 0 {
				byL[l] = append(byL[l], x.m.unitNode(u).ID)
			}
		}
		from := ""
		if mv.stayed >= 0 {
			from = x.name(x.label[mv.stayed])
		}
		because := make([]string, 0, len(mv.evidence))
		for _, e := range mv.evidence {
			because = append(because, x.m.unitNode(e).ID)
		}
		slices.Sort(because)
		for l, ids := range byL {
			slices.Sort(ids)
			services[l].Concerns = append(services[l].Concerns, ConcernPlacement{File: mv.file, Units: ids, ClosestByCode: from, Because: because})
		}
	}
}

// concernSummary says how many files of seed or migration code went to
// the services whose data they hold, "" when none did.
func concernSummary(p *Plan) string {
	files, services := 0, 0
	for _, s := range p.Services {
		files += len(s.Concerns)
		if len(s.Concerns) > 0 {
			services++
		}
	}
	if files == 0 {
		return ""
	}
	return fmt.Sprintf("%s of seed or migration code moved to the %s whose data %s (see each service's \"concerns\")",
		plural(files, "file"), plural(services, "service"), map[bool]string{true: "it holds", false: "they hold"}[files == 1])
}
