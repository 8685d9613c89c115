package reports

import (
	"fmt"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// KernelName labels the shared kernel in views and reports.
const KernelName = "shared kernel"

// Membership maps node ids to the service (or the kernel) that holds them.
type Membership map[string]string

// MembershipOf indexes a plan's members, the kernel under KernelName.
func MembershipOf(p *planner.Plan) Membership {
	m := Membership(p.Labels())
	for id, s := range m {
		if s == planner.SharedClass {
			m[id] = KernelName
		}
	}
	return m
}

// PackageOwners returns, for each package, the service holding most of its
// symbols (ties to the first name in order), for clustering packages.
func PackageOwners(g *analyzer.Graph, m Membership) map[string]string {
	count := map[string]map[string]int{}
	for _, n := range g.Nodes() {
		s, ok := m[n.ID]
		if !ok || n.Package == "" {
			continue
		}
		if count[n.Package] == nil {
			count[n.Package] = map[string]int{}
		}
		count[n.Package][s] += max(n.Lines, 1)
	}
	owners := map[string]string{}
	for pkg, byService := range count {
		best, bestN := "", -1
		for s, n := range byService {
			if n > bestN || (n == bestN && s < best) {
				best, bestN = s, n
			}
		}
		owners[pkg] = best
	}
	return owners
}

// ServicesView is the context map of a plan: one node per service and one
// for the shared kernel, edges weighted by the calls between them, and the
// tables several services write drawn as shared data stores.
func ServicesView(g *analyzer.Graph, p *planner.Plan, f Filter) (*View, error) {
	if len(p.Services) == 0 {
		return nil, fmt.Errorf("the plan proposes no service: there is nothing to draw; re-plan with 'ficus plan' on a module with code in it")
	}
	m := MembershipOf(p)
	v := &View{Kind: ViewServices, Title: "services of " + moduleTitle(g)}
	lines := map[string]int{}
	for _, n := range g.Nodes() {
		if s, ok := m[n.ID]; ok {
			lines[s] += n.Lines
		}
	}
	for _, s := range p.Services {
		v.Nodes = append(v.Nodes, ViewNode{ID: s.Name, Label: s.Name, Kind: "service", Size: lines[s.Name],
			Tooltip: fmt.Sprintf("%d members, %d routes, %d tables", len(s.Members), len(s.Routes), len(s.Tables))})
	}
	if len(p.Shared) > 0 {
		v.Nodes = append(v.Nodes, ViewNode{ID: KernelName, Label: KernelName, Kind: "kernel", Size: lines[KernelName],
			Tooltip: fmt.Sprintf("%d members used from everywhere", len(p.Shared))})
	}
	var es edgeSet
	for _, e := range g.Edges() {
		if e.Kind != analyzer.EdgeCalls {
			continue
		}
		from, to := m[e.From], m[e.To]
		if from == "" || to == "" || from == to || from == KernelName {
			continue
		}
		es.add(ViewEdge{From: from, To: to, Weight: e.Weight, Dashed: to == KernelName})
	}
	for _, t := range p.SharedTables {
		id := "table:" + t.Table
		v.Nodes = append(v.Nodes, ViewNode{ID: id, Label: t.Table, Kind: "store", Tooltip: "written by " + fmt.Sprint(t.Writers)})
		for _, w := range t.Writers {
			es.add(ViewEdge{From: w, To: id, Weight: 1, Label: "writes"})
		}
	}
	v.Edges = es.edges
	for i := range v.Edges {
		if v.Edges[i].Label == "" {
			v.Edges[i].Label = fmt.Sprintf("%d calls", v.Edges[i].Weight)
		}
	}
	if f.Focus != "" {
		if err := v.focus(f.Focus, f.Depth); err != nil {
			return nil, err
		}
	}
	v.sortView()
	return v, checkSize(v, f)
}
