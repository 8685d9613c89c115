package planner

import (
	"fmt"
	"slices"
)

// DomainPlacement is a file of a domain package that every service uses
// (a root package with a file per area: cargo.go, voyage.go,
// handling.go) that moved to this service because this service's code
// uses it, and no other service's as much.
type DomainPlacement struct {
	// File is the file moved; Units its units in this service.
	File  string   `json:"file"`
	Units []string `json:"units"`
	// ClosestByCode is where the package's first file that did not move
	// is: a service, SharedClass for the shared kernel, "" when every
	// file moved.
	ClosestByCode string `json:"closest_by_code"`
	// UsedBy lists the code of this service that uses the file's units.
	UsedBy []string `json:"used_by"`
}

// domainPlacements fills in each service's DomainFiles from the files
// placeDomainFiles moved, by where their units are in the final plan.
func (x *explainer) domainPlacements(services []Service, moves []concernMove) {
	for _, mv := range byFile(moves) {
		byL, from := x.placedUnits(mv)
		for l, ids := range byL {
			var by []string
			for _, e := range mv.evidence {
				if x.label[e] == l {
					by = append(by, x.m.unitNode(e).ID)
				}
			}
			slices.Sort(by)
			services[l].DomainFiles = append(services[l].DomainFiles, DomainPlacement{File: mv.file, Units: ids, ClosestByCode: from, UsedBy: nonNilIDs(by)})
		}
	}
}

func nonNilIDs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// domainSummary says how many files of shared domain packages went to the
// services that use them, "" when none did.
func domainSummary(p *Plan) string {
	files, services := 0, 0
	for _, s := range p.Services {
		files += len(s.DomainFiles)
		if len(s.DomainFiles) > 0 {
			services++
		}
	}
	if files == 0 {
		return ""
	}
	return fmt.Sprintf("%s of shared domain packages moved to the %s using %s (see each service's \"domain_files\")",
		plural(files, "file"), plural(services, "service"), map[bool]string{true: "it", false: "them"}[files == 1])
}
