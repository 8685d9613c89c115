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
	for _, mv := range byFile(moves) {
		byL, from := x.placedUnits(mv)
		because := make([]string, 0, len(mv.evidence))
		for _, e := range mv.evidence {
			because = append(because, x.m.unitNode(e).ID)
		}
		slices.Sort(because)
		for l, ids := range byL {
			services[l].Concerns = append(services[l].Concerns, ConcernPlacement{File: mv.file, Units: ids, ClosestByCode: from, Because: because})
		}
	}
}

// byFile sorts moves by file, so that each service lists its files in
// order.
func byFile(moves []concernMove) []concernMove {
	return slices.SortedFunc(slices.Values(moves), func(a, b concernMove) int { return cmp.Compare(a.file, b.file) })
}

// placedUnits returns, for a moved file, the sorted ids of its units by
// the service holding them in the final plan, and the service the rest
// of its package is in (the kernel's class name when it is there, ""
// when none of it stayed).
func (x *explainer) placedUnits(mv concernMove) (map[int32][]string, string) {
	byL := map[int32][]string{}
	for _, u := range mv.units {
		if l := x.label[u]; l >= 0 {
			byL[l] = append(byL[l], x.m.unitNode(u).ID)
		}
	}
	for _, ids := range byL {
		slices.Sort(ids)
	}
	from := ""
	if mv.stayed >= 0 {
		from = x.name(x.label[mv.stayed])
	}
	return byL, from
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
