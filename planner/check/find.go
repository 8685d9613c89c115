package check

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
	"github.com/ficus-dev/ficus/planner/internal/source"
)

// finder looks for violations in a graph labelled by place.
type finder struct {
	plan   *planner.Plan
	nodes  map[string]*analyzer.Node
	labels map[string]string
	api    map[string]map[string]bool // service → its API symbols
	src    *source.Index
	out    []Violation
	notes  []string
}

func isService(label string) bool { return label != "" && label != planner.SharedClass }

// short is the name a person reads: the id without the module's path.
func (f *finder) short(id string) string {
	if n := f.nodes[id]; n != nil && n.Package != "" {
		return pathBase(n.Package) + "." + n.Name
	}
	return id
}

func pathBase(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// line finds where in from's declaration it names to (a table: in a
// string literal, or a constant holding one); the declaration's own line
// when the source says nothing better.
func (f *finder) line(from *analyzer.Node, to *analyzer.Node) string {
	span, ok := source.SpanOf(from.Pos, from.Lines)
	if !ok {
		return from.Pos
	}
	l := span.First
	var err error
	if to.Kind == analyzer.KindTable {
		var found int
		if found, err = f.src.LiteralLine(span, to.Name); found == 0 && err == nil {
			found, err = f.src.ConstLine(span, to.Name)
		}
		if found > 0 {
			l = found
		}
	} else {
		l, err = f.src.UseLine(span, source.ShortName(to.Name))
	}
	if err != nil {
		f.note(err)
	}
	return fmt.Sprintf("%s:%d", span.File, l)
}

func (f *finder) note(err error) {
	if len(f.notes) < 5 {
		f.notes = append(f.notes, err.Error())
	}
}

// crossings reports uses into another service outside its API, and writes
// to tables another service owns. Uses of shared state are left to
// state, which says more about them.
func (f *finder) crossings(doc analyzer.Document, state map[[2]string]bool) {
	for _, e := range doc.Edges {
		la, lb := f.labels[e.From], f.labels[e.To]
		if !isService(la) || !isService(lb) || la == lb {
			continue
		}
		from, to := f.nodes[e.From], f.nodes[e.To]
		switch e.Kind {
		case analyzer.EdgeCalls, analyzer.EdgeReferences, analyzer.EdgeUses, analyzer.EdgeEmbeds, analyzer.EdgeImplements:
			if f.api[lb][e.To] || state[[2]string{e.From, e.To}] {
				continue
			}
			f.out = append(f.out, Violation{Kind: KindAPI, Pos: f.line(from, to), From: e.From, To: e.To, FromService: la, ToService: lb, Edge: string(e.Kind),
				Message: fmt.Sprintf("%s %s %s, which is not in the API of %s", f.short(e.From), verb(e.Kind), f.short(e.To), lb),
				Fix: fmt.Sprintf("use what %s publishes (its api in the plan) instead, or move the code into %s; if %s should publish %s, plan again and accept the new plan",
					lb, lb, lb, f.short(e.To))})
		case analyzer.EdgeWrites:
			if to.Kind != analyzer.KindTable {
				continue
			}
			f.out = append(f.out, Violation{Kind: KindTable, Pos: f.line(from, to), From: e.From, To: e.To, FromService: la, ToService: lb, Edge: string(e.Kind),
				Message: fmt.Sprintf("%s writes table %s, which %s owns", f.short(e.From), to.Name, lb),
				Fix:     fmt.Sprintf("ask %s to make the change through its API (a call or an event), or move the write into %s", lb, lb)})
		}
	}
}

func verb(k analyzer.EdgeKind) string {
	switch k {
	case analyzer.EdgeCalls:
		return "calls"
	case analyzer.EdgeUses:
		return "uses variable"
	case analyzer.EdgeEmbeds:
		return "embeds"
	case analyzer.EdgeImplements:
		return "implements"
	}
	return "refers to"
}

// cycles reports cycles of calls between services that the plan does not
// list, at a call that the plan did not have.
func (f *finder) cycles(doc analyzer.Document) {
	names := make([]string, len(f.plan.Services))
	index := map[string]int64{}
	planned := map[[2]string]bool{}
	for i, s := range f.plan.Services {
		names[i] = s.Name
		index[s.Name] = int64(i)
		for _, d := range s.DependsOn {
			if d.Calls > 0 {
				planned[[2]string{s.Name, d.Service}] = true
			}
		}
	}
	g := simple.NewDirectedGraph()
	for i := range names {
		g.AddNode(simple.Node(int64(i)))
	}
	first := map[[2]string]analyzer.Edge{} // the first call between two services, new calls preferred
	for _, e := range doc.Edges {
		la, lb := f.labels[e.From], f.labels[e.To]
		if e.Kind != analyzer.EdgeCalls || !isService(la) || !isService(lb) || la == lb {
			continue
		}
		ia, okA := index[la]
		ib, okB := index[lb]
		if !okA || !okB {
			continue
		}
		g.SetEdge(simple.Edge{F: simple.Node(ia), T: simple.Node(ib)})
		pair := [2]string{la, lb}
		if _, seen := first[pair]; !seen {
			first[pair] = e
		}
	}
	known := map[string]bool{}
	for _, c := range f.plan.Cycles {
		known[strings.Join(c, ",")] = true
	}
	for _, comp := range topo.TarjanSCC(g) {
		if len(comp) < 2 {
			continue
		}
		var members []string
		for _, n := range comp {
			members = append(members, names[n.ID()])
		}
		slices.Sort(members)
		if known[strings.Join(members, ",")] {
			continue
		}
		f.out = append(f.out, f.cycleAt(members, first, planned))
	}
}

// cycleAt places a new cycle at the first call between two of its
// services that the plan did not have (else the first call of all).
func (f *finder) cycleAt(members []string, first map[[2]string]analyzer.Edge, planned map[[2]string]bool) Violation {
	var at analyzer.Edge
	var pair [2]string
	found := false
	for _, isNew := range []bool{true, false} {
		for _, a := range members {
			for _, b := range members {
				e, ok := first[[2]string{a, b}]
				if !ok || found || planned[[2]string{a, b}] == isNew {
					continue
				}
				at, pair, found = e, [2]string{a, b}, true
			}
		}
	}
	from, to := f.nodes[at.From], f.nodes[at.To]
	return Violation{Kind: KindCycle, Pos: f.line(from, to), From: at.From, To: at.To, FromService: pair[0], ToService: pair[1], Edge: string(analyzer.EdgeCalls), Cycle: members,
		Message: fmt.Sprintf("services %s now call each other in a cycle; %s calls %s", strings.Join(members, ", "), f.short(at.From), f.short(at.To)),
		Fix:     fmt.Sprintf("break the cycle: let %s publish an event %s subscribes to, or move the code, so that one of them can be extracted first", pair[0], pair[1])}
}

// state reports shared mutable state: each write (for a variable written
// by several services) or use (for a map, cache or singleton) from a
// service other than the variable's owner. It returns the (user, variable)
// pairs reported, which crossings then leaves alone.
func (f *finder) state(ctx context.Context, dir string, doc analyzer.Document) map[[2]string]bool {
	seen := map[[2]string]bool{}
	list, err := planner.FindSharedState(ctx, dir, doc, f.labels)
	if err != nil {
		f.note(err)
	}
	for _, s := range list {
		for _, u := range s.Uses {
			if !isService(u.Service) || u.Service == s.Owner || (s.Kind == planner.StateWritten && !u.Write) {
				continue
			}
			seen[[2]string{u.Symbol, s.Var}] = true
			what := "uses"
			if u.Write {
				what = "writes"
			}
			others := slices.DeleteFunc(slices.Clone(s.Services), func(n string) bool { return n == u.Service })
			f.out = append(f.out, Violation{Kind: KindState, Pos: u.Pos, From: u.Symbol, To: s.Var, FromService: u.Service, ToService: s.Owner, Edge: string(analyzer.EdgeUses),
				Message: fmt.Sprintf("%s %s %s (%s), shared mutable state also used by %s", f.short(u.Symbol), what, f.short(s.Var), s.Kind, strings.Join(others, ", ")),
				Fix:     s.Fix()})
		}
	}
	return seen
}
