package planner

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestExecutesEdges(t *testing.T) {
	fn := func(id string) analyzer.Node {
		return analyzer.Node{ID: "example.com/m/p." + id, Kind: analyzer.KindFunc, Name: id, Package: "example.com/m/p", Pos: "p/" + id + ".go:1"}
	}
	route := func(p string) analyzer.Node { return analyzer.Node{ID: "route:GET " + p, Kind: analyzer.KindRoute} }
	nodes := []analyzer.Node{route("/a"), route("/b"), route("/c"), route("/d"), fn("A"), fn("AB"), fn("Most"), fn("D")}
	ex := func(r, f string) analyzer.Edge {
		return analyzer.Edge{From: "route:GET " + r, To: "example.com/m/p." + f, Kind: analyzer.EdgeExecutes, Weight: 3}
	}
	tests := []struct {
		name      string
		edges     []analyzer.Edge
		wantEdges []wedge
	}{
		{name: "no evidence"},
		{name: "one route tells nothing", edges: []analyzer.Edge{ex("/a", "A")}},
		{name: "code one route runs is tied fully, code half of them run half, code most run not at all",
			edges:     []analyzer.Edge{ex("/a", "A"), ex("/a", "AB"), ex("/b", "AB"), ex("/a", "Most"), ex("/b", "Most"), ex("/c", "Most"), ex("/d", "D")},
			wantEdges: []wedge{{0, 4, 2}, {0, 5, 1}, {1, 5, 1}, {3, 7, 2}}},
		{name: "calls are no evidence", edges: []analyzer.Edge{{From: "route:GET /a", To: "example.com/m/p.A", Kind: analyzer.EdgeCalls, Weight: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(analyzer.Document{Schema: analyzer.Schema, Module: "example.com/m", Nodes: nodes, Edges: tt.edges})
			got := executesEdges(m, 2)
			if d := cmp.Diff(tt.wantEdges, got, cmp.AllowUnexported(wedge{})); d != "" {
				t.Errorf("edges (-want +got):\n%s", d)
			}
		})
	}
}

// TestPlanWithoutEvidenceUnchanged: on a graph without co-changes or
// executes edges their weights change nothing, not even the recorded
// settings, and the plan lists no placement by evidence.
func TestPlanWithoutEvidenceUnchanged(t *testing.T) {
	doc := fixtureDoc(t, fixtures()[0])
	tests := []struct {
		name          string
		off           func(*Weights)
		wantNotInPlan []string
	}{
		{"history", func(w *Weights) { w.CoChanges = 0 }, []string{`"co_changes"`, `"history"`}},
		{"production evidence", func(w *Weights) { w.Executes = 0 }, []string{`"executes"`, `"evidence"`}},
	}
	withWeights := planJSON(t, doc, DefaultConfig())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := DefaultConfig()
			tt.off(&off.Weights)
			if !bytes.Equal(withWeights, planJSON(t, doc, off)) {
				t.Errorf("the %s weight changed a plan of a graph without it", tt.name)
			}
			for _, s := range tt.wantNotInPlan {
				if bytes.Contains(withWeights, []byte(s)) {
					t.Errorf("a plan of a graph without %s has %s", tt.name, s)
				}
			}
		})
	}
}

// TestEvidencePlacesUnits: the sample monolith's seed function is not with
// catalog on structure alone (held with customers by many calls, then with
// the rest of its file in the kernel); when only catalog
// routes are seen running it, and evidence weighs 4, it goes with catalog,
// and the plan says evidence placed it.
func TestEvidencePlacesUnits(t *testing.T) {
	const seed = "example.com/shop/internal/app.seed"
	cfg := DefaultConfig()
	cfg.Weights.Executes = 4
	routes := []string{"route:GET /products", "route:GET /categories", "route:POST /products"}
	doc := fixtureDoc(t, fixtures()[0])
	before, _ := servicesOf(t, doc, cfg)
	if before[seed] == before[routes[0]] {
		t.Fatalf("on structure alone seed is in %q with %s; the fixture changed, pick a function of another service", before[seed], routes[0])
	}
	// Every route is seen running its handler, as coverage would show.
	for _, e := range doc.Edges {
		if e.Kind == analyzer.EdgeHandles {
			doc.Edges = append(doc.Edges, analyzer.Edge{From: e.From, To: e.To, Kind: analyzer.EdgeExecutes, Weight: 1})
		}
	}
	for _, r := range routes {
		doc.Edges = append(doc.Edges, analyzer.Edge{From: r, To: seed, Kind: analyzer.EdgeExecutes, Weight: 5})
	}
	after, p := servicesOf(t, doc, cfg)
	if after[seed] != after[routes[0]] {
		t.Fatalf("only catalog routes run seed, yet it is in %q and they in %q", after[seed], after[routes[0]])
	}
	var held *EvidencePlacement
	for _, sv := range p.Services {
		for i, e := range sv.Evidence {
			if e.Unit == seed && sv.Name == after[seed] {
				held = &sv.Evidence[i]
			}
		}
	}
	if held == nil {
		t.Fatalf("the plan does not say that evidence holds seed in %q", after[seed])
	}
	if d := cmp.Diff(routes, held.ExecutedBy, cmpopts.SortSlices(func(a, b string) bool { return a < b })); d != "" || held.ClosestByCode == after[seed] || held.ClosestByCode == "" {
		t.Errorf("evidence placement %+v: want the three routes (%s) and its code closest to another service", *held, d)
	}
	if p.Settings.Weights.Executes != 4 {
		t.Errorf("settings record executes %g, want 4", p.Settings.Weights.Executes)
	}
}
