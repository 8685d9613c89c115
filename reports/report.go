package reports

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// BuildReport assembles what the HTML and Markdown reports show from a
// graph and its plan. now stamps the report.
func BuildReport(g *analyzer.Graph, p *planner.Plan, now time.Time) (*ReportData, error) {
	d, err := graphReport(g)
	if err != nil {
		return nil, err
	}
	if !now.IsZero() {
		d.Generated = "generated " + now.UTC().Format("2006-01-02 15:04 UTC")
	}
	if p == nil {
		return d, nil
	}
	d.Overview = append([]Figure{{Label: "services", Value: float64(len(p.Services))}}, d.Overview...)
	if pm := p.Metrics; pm != nil {
		d.Metrics = []Figure{
			{Label: "modularity Q", Value: pm.Modularity, Help: "Newman's modularity of the services in the dependency graph; higher is better"},
			{Label: "SM", Value: pm.StructuralModularity, Help: "structural modularity: mean cohesion minus mean coupling"},
			{Label: "ICP", Value: pm.ICP, Help: "share of calls that cross services; lower is better"},
			{Label: "IFN", Value: pm.IFN, Help: "mean number of API symbols per service"},
			{Label: "NED", Value: pm.NED, Help: "share of code in services of extreme size; lower is better"},
			{Label: "TurboMQ", Value: pm.TurboMQ, Help: "sum of the services' cluster factors"},
		}
	}
	nodes := map[string]analyzer.Node{}
	for _, n := range g.Nodes() {
		nodes[n.ID] = n
	}
	member := func(id string) ReportMember {
		n, ok := nodes[id]
		if !ok {
			return ReportMember{ID: id, Kind: "?", Name: id}
		}
		return ReportMember{ID: id, Kind: string(n.Kind), Name: n.Name, Pkg: n.Package, Pos: n.Pos}
	}
	readers := map[string][]string{}
	rank := map[string]int{}
	for _, st := range p.Order {
		rank[st.Service] = st.Rank
	}
	for _, s := range p.Services {
		rs := ReportService{
			Name: s.Name, Routes: nonNil(s.Routes), Writes: nonNil(writesOf(s)), Reads: nonNil(s.Reads),
			Publishes: nonNil(s.Publishes), Subscribes: nonNil(s.Subscribes), Rank: rank[s.Name],
		}
		for _, id := range s.Members {
			rs.Members = append(rs.Members, member(id))
		}
		for _, a := range s.API {
			api := ReportAPI{ID: a.Symbol}
			for _, c := range a.Callers {
				api.Callers = append(api.Callers, fmt.Sprintf("%s (%s, %s)", c.Symbol, c.Service, c.Kind))
			}
			rs.API = append(rs.API, api)
		}
		if c := s.Cost; c != nil {
			rs.CostLevel = c.Level
			rs.Cost = fmt.Sprintf("%s (score %.1f): %d lines; %d API symbols called %d times from other services; %d calls out to other services; %d shared tables",
				c.Level, c.Score, c.Lines, c.APISymbols, c.InboundCalls, c.OutboundCalls, c.SharedTables)
		}
		if sm := s.Metrics; sm != nil {
			rs.Units, rs.Lines = sm.Units, sm.Lines
			rs.Metrics = []Figure{
				{Label: "units", Value: float64(sm.Units)}, {Label: "lines", Value: float64(sm.Lines)},
				{Label: "cohesion", Value: sm.Cohesion}, {Label: "coupling in", Value: float64(sm.CouplingIn)},
				{Label: "coupling out", Value: float64(sm.CouplingOut)},
			}
		}
		rs.Summary = fmt.Sprintf("%d members, %d routes, owns %d tables", len(s.Members), len(s.Routes), len(s.Tables))
		rs.Naming, rs.NamingNote = s.Naming, s.NamingNote
		if s.Naming != "" {
			rs.Summary += "; " + s.Naming
		}
		rs.Summary += placedFiles(s)
		if len(s.SharedState) > 0 {
			rs.Summary += "; extraction blocked by shared mutable state: " + strings.Join(s.SharedState, ", ")
		}
		for _, t := range s.Reads {
			readers[t] = append(readers[t], s.Name)
		}
		d.Services = append(d.Services, rs)
	}
	if len(p.Shared) > 0 {
		k := &ReportService{Name: KernelName, Summary: "Code used from everywhere (configuration, logging, ids, clocks, the database handle): a library every service links, not a service."}
		for _, id := range p.Shared {
			k.Members = append(k.Members, member(id))
		}
		d.Kernel = k
	}
	d.Organization = append([]planner.Organization{}, p.Organization...)
	d.KernelReasons = append([]planner.KernelReason{}, p.SharedReasons...)
	d.Libraries = append([]planner.Library{}, p.Libraries...)
	for _, t := range p.Tools {
		d.Tools = append(d.Tools, ReportTool{Name: t.Name, Units: len(t.Members), Reason: t.Reason})
	}
	cm, err := ServicesView(g, p, Filter{Force: true})
	if err != nil {
		return nil, err
	}
	d.ContextMap = cm
	for _, st := range p.Order {
		d.Order = append(d.Order, ReportStep{Rank: st.Rank, Service: st.Service, Reason: st.Reason})
	}
	for _, t := range p.SharedTables {
		r := slices.DeleteFunc(slices.Clone(readers[t.Table]), func(s string) bool { return slices.Contains(t.Writers, s) })
		d.SharedTables = append(d.SharedTables, SharedTable{Table: t.Table, Writers: t.Writers, Readers: nonNil(r)})
		d.SharedTableNames = append(d.SharedTableNames, t.Table)
	}
	for _, st := range p.SharedState {
		d.SharedState = append(d.SharedState, SharedState{Var: st.Var, Kind: st.Kind, Owner: st.Owner, Services: st.Services, Fix: st.Fix()})
	}
	for _, c := range p.Cycles {
		d.Cycles = append(d.Cycles, ReportCycle{Kind: "services", Members: c})
	}
	addEvidence(nodes, g.Edges(), p, d)
	owners := PackageOwners(g, MembershipOf(p))
	for i := range d.Packages.Nodes {
		d.Packages.Nodes[i].Service = owners[strings.TrimPrefix(d.Packages.Nodes[i].ID, "pkg:")]
	}
	return d, nil
}

// SharedState is a package-level variable that ties services together at
// run time, with what to do about it.
type SharedState struct {
	Var      string   `json:"var"`
	Kind     string   `json:"kind"`
	Owner    string   `json:"owner"`
	Services []string `json:"services"`
	Fix      string   `json:"fix"`
}

// writesOf lists every table a service writes, owned or shared.
func writesOf(s planner.Service) []string {
	if len(s.Writes) > 0 {
		return s.Writes
	}
	return s.Tables
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// placedFiles says which files the planner moved into the service after
// clustering, and why: seed or migration files by the data they hold,
// a hub type's handler files by the area they serve, a shared domain
// package's files by the code that uses them.
func placedFiles(s planner.Service) string {
	out := ""
	if len(s.Concerns) > 0 {
		var fs []string
		for _, c := range s.Concerns {
			fs = append(fs, c.File+" ("+strings.Join(c.Because, ", ")+")")
		}
		out += "; seed or migration files here by the data they hold: " + strings.Join(fs, "; ")
	}
	if len(s.Hubs) > 0 {
		var fs []string
		for _, h := range s.Hubs {
			fs = append(fs, h.File+" (methods of "+h.Hub+")")
		}
		out += "; handler files of a shared type here by the area they serve: " + strings.Join(fs, "; ")
	}
	if len(s.DomainFiles) > 0 {
		var fs []string
		for _, d := range s.DomainFiles {
			fs = append(fs, d.File+" ("+usedBy(d.UsedBy)+")")
		}
		out += "; files of a shared domain package here by the code that uses them: " + strings.Join(fs, "; ")
	}
	return out
}

// usedBy says briefly which code uses a moved file: how many units, and
// the first by name without its import path ("used by 3 units here, such
// as booking.(*service).BookNewCargo"); the plan lists them all.
func usedBy(ids []string) string {
	if len(ids) == 0 {
		return "used here"
	}
	first := ids[0][strings.LastIndexByte(ids[0], '/')+1:]
	if len(ids) == 1 {
		return "used by " + first
	}
	return fmt.Sprintf("used by %d units here, such as %s", len(ids), first)
}
