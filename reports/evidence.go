package reports

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// hotRoutesPerService and maxCoChangePairs bound the evidence tables.
const (
	hotRoutesPerService = 5
	maxCoChangePairs    = 15
)

// HotRoute is one of a service's busiest routes in the production
// traffic 'ficus evidence' read.
type HotRoute struct {
	Service  string  `json:"service"`
	Route    string  `json:"route"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors,omitempty"`
	P50Ms    float64 `json:"p50Ms,omitempty"`
	P95Ms    float64 `json:"p95Ms,omitempty"`
}

// CoChangePair is two files placed in different services that the git
// history shows changing together: each such commit would touch two
// services once they are extracted.
type CoChangePair struct {
	FileA    string `json:"fileA"`
	ServiceA string `json:"serviceA"`
	FileB    string `json:"fileB"`
	ServiceB string `json:"serviceB"`
	// Commits is how often, recent commits counting whole and older ones
	// less (docs/graph-format.md).
	Commits float64 `json:"commits"`
}

// addEvidence fills in the report's evidence tables: the busiest routes
// of each service, and the strongest co-changes across services. A graph
// without evidence leaves both empty.
func addEvidence(nodes map[string]analyzer.Node, edges []analyzer.Edge, p *planner.Plan, d *ReportData) {
	for _, s := range p.Services {
		var hot []HotRoute
		for _, r := range s.Routes {
			if t := nodes[r].Traffic; t != nil {
				hot = append(hot, HotRoute{Service: s.Name, Route: strings.TrimPrefix(r, "route:"), Requests: t.Requests,
					Errors: t.Errors, P50Ms: t.P50Ms, P95Ms: t.P95Ms})
			}
		}
		slices.SortStableFunc(hot, func(a, b HotRoute) int { return cmp.Compare(b.Requests, a.Requests) })
		d.HotRoutes = append(d.HotRoutes, hot[:min(len(hot), hotRoutesPerService)]...)
	}
	member := MembershipOf(p)
	service := func(id string) string {
		if s := member[id]; s != KernelName {
			return s
		}
		return ""
	}
	for _, e := range edges {
		if e.Kind != analyzer.EdgeCoChanges {
			continue
		}
		sa, sb := service(e.From), service(e.To)
		if sa == "" || sb == "" || sa == sb {
			continue
		}
		d.CoChangePairs = append(d.CoChangePairs, CoChangePair{FileA: fileOf(nodes[e.From]), ServiceA: sa,
			FileB: fileOf(nodes[e.To]), ServiceB: sb, Commits: math.Round(float64(e.Weight)/analyzer.CoChangeScale*100) / 100})
	}
	slices.SortStableFunc(d.CoChangePairs, func(a, b CoChangePair) int {
		return cmp.Or(cmp.Compare(b.Commits, a.Commits), cmp.Compare(a.FileA, b.FileA), cmp.Compare(a.FileB, b.FileB))
	})
	d.CoChangePairs = d.CoChangePairs[:min(len(d.CoChangePairs), maxCoChangePairs)]
}

// fileOf is the file of a node's position.
func fileOf(n analyzer.Node) string {
	f, _, _ := strings.Cut(n.Pos, ":")
	return f
}

// writeEvidenceMarkdown writes the evidence tables, when there are any.
func writeEvidenceMarkdown(b *bytes.Buffer, d *ReportData) {
	if len(d.HotRoutes) > 0 {
		b.WriteString("\n### Hottest routes per service (production traffic)\n\n")
		var rows [][]string
		for _, h := range d.HotRoutes {
			rows = append(rows, []string{mdText(h.Service), "`" + h.Route + "`", fmt.Sprint(h.Requests), fmt.Sprint(h.Errors),
				fmtFigure(h.P50Ms), fmtFigure(h.P95Ms)})
		}
		mdTable(b, []string{"service", "route", "requests", "errors", "p50 ms", "p95 ms"}, rows)
	}
	if len(d.CoChangePairs) > 0 {
		b.WriteString("\n### Changed together across services (git history)\n\n")
		var rows [][]string
		for _, c := range d.CoChangePairs {
			rows = append(rows, []string{"`" + c.FileA + "`", mdText(c.ServiceA), "`" + c.FileB + "`", mdText(c.ServiceB), fmtFigure(c.Commits)})
		}
		mdTable(b, []string{"file", "in", "changes with", "in", "commits"}, rows)
	}
}
