package planner

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestCoChangePull(t *testing.T) {
	node := func(id, pos string) analyzer.Node {
		return analyzer.Node{ID: "example.com/m/p." + id, Kind: analyzer.KindFunc, Name: id, Package: "example.com/m/p", Pos: pos}
	}
	nodes := []analyzer.Node{node("A1", "p/a.go:3"), node("A2", "p/a.go:9"), node("B", "p/b.go:3"), node("C", "p/c.go:3")}
	edge := func(from, to string, w int) analyzer.Edge {
		return analyzer.Edge{From: "example.com/m/p." + from, To: "example.com/m/p." + to, Kind: analyzer.EdgeCoChanges, Weight: w}
	}
	tests := []struct {
		name     string
		edges    []analyzer.Edge
		label    []int32
		unit     int32
		wantPull map[int32]float64
	}{
		{name: "no history", label: []int32{0, 0, 1, 2}, unit: 0, wantPull: map[int32]float64{}},
		{name: "recent commits pull a file's symbols to its partner's service",
			edges: []analyzer.Edge{edge("A1", "B", 3*analyzer.CoChangeScale)}, label: []int32{0, 0, 1, 2}, unit: 1,
			wantPull: map[int32]float64{1: 4}},
		{name: "seven commits pull half as hard again as three",
			edges: []analyzer.Edge{edge("B", "C", 7*analyzer.CoChangeScale)}, label: []int32{0, 0, 1, 2}, unit: 2,
			wantPull: map[int32]float64{2: 6}},
		{name: "a single commit is below the support and pulls nothing",
			edges: []analyzer.Edge{edge("A1", "B", analyzer.CoChangeScale)}, label: []int32{0, 0, 1, 2}, unit: 1,
			wantPull: map[int32]float64{}},
		{name: "a partner file split between services pulls each by its share",
			edges: []analyzer.Edge{edge("A1", "B", 3*analyzer.CoChangeScale)}, label: []int32{0, 2, 1, 2}, unit: 2,
			wantPull: map[int32]float64{0: 2, 2: 2}},
		{name: "the kernel pulls nothing",
			edges: []analyzer.Edge{edge("A1", "B", 3*analyzer.CoChangeScale)}, label: []int32{labelKernel, labelKernel, 1, 2}, unit: 2,
			wantPull: map[int32]float64{}},
		{name: "calls are no history", edges: []analyzer.Edge{{From: "example.com/m/p.A1", To: "example.com/m/p.B", Kind: analyzer.EdgeCalls, Weight: 1}},
			label: []int32{0, 0, 1, 2}, unit: 0, wantPull: map[int32]float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(analyzer.Document{Schema: analyzer.Schema, Module: "example.com/m", Nodes: nodes, Edges: tt.edges})
			got := map[int32]float64{}
			if p := newEvidencePull(m, Weights{CoChanges: 2}); p != nil {
				p.count(tt.label)
				p.pull(tt.unit, tt.label, got)
			}
			if d := cmp.Diff(tt.wantPull, got); d != "" {
				t.Errorf("pull (-want +got):\n%s", d)
			}
		})
	}
}

// TestCoChangesPlaceUnits: the sample monolith's seed function (in
// internal/app, used by every area) is not with catalog on structure alone
// (its calls hold it with customers, its file the kernel); when history says its file
// changes with the catalog repository's, it goes with catalog, and the plan
// records why and the weight.
func TestCoChangesPlaceUnits(t *testing.T) {
	const (
		seed    = "example.com/shop/internal/app.seed"
		catalog = "example.com/shop/internal/repository.(*MemoryCatalogRepository).Categories"
	)
	doc := fixtureDoc(t, fixtures()[0])
	before, _ := servicesOf(t, doc, DefaultConfig())
	if before[catalog] == "" || before[seed] == before[catalog] {
		t.Fatalf("on structure alone seed is in %q and the catalog repository in %q; the fixture changed, pick two files of different services", before[seed], before[catalog])
	}
	doc.Edges = append(doc.Edges, analyzer.Edge{From: seed, To: catalog, Kind: analyzer.EdgeCoChanges, Weight: 3 * analyzer.CoChangeScale})
	after, p := servicesOf(t, doc, DefaultConfig())
	if after[seed] != after[catalog] {
		t.Errorf("seed.go changes with the catalog repository, yet seed is in %q and the repository in %q", after[seed], after[catalog])
	}
	var held *HistoryPlacement
	for _, sv := range p.Services {
		for i, h := range sv.History {
			if h.Unit == seed && sv.Name == after[seed] {
				held = &sv.History[i]
			}
		}
	}
	if held == nil {
		t.Errorf("the plan does not say that history holds seed in %q", after[seed])
	} else if held.ChangesWith != "internal/repository/catalog.go" || held.Commits != 3 || held.ClosestByCode == "" || held.ClosestByCode == after[seed] {
		t.Errorf("history placement %+v: want seed.go changing 3 times with internal/repository/catalog.go, placed by structure in another service than %q", *held, after[seed])
	}
	var summary strings.Builder
	if err := WriteSummary(&summary, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary.String(), "evidence:      1 unit placed by change history") {
		t.Errorf("the summary does not say history placed a unit:\n%s", summary.String())
	}
	if p.Settings.Weights.CoChanges != DefaultConfig().Weights.CoChanges {
		t.Errorf("settings record co_changes %g, want the default %g", p.Settings.Weights.CoChanges, DefaultConfig().Weights.CoChanges)
	}
}

// planJSON plans doc with cfg and seed 1 and returns the plan's JSON.
func planJSON(t *testing.T, doc analyzer.Document, cfg Config) []byte {
	t.Helper()
	p, err := Propose(context.Background(), doc, Options{Seed: 1, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// servicesOf plans doc with cfg and seed 1 and returns the service of
// each member and route, and the plan.
func servicesOf(t *testing.T, doc analyzer.Document, cfg Config) (map[string]string, *Plan) {
	t.Helper()
	p, err := Propose(context.Background(), doc, Options{Seed: 1, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, s := range p.Services {
		for _, m := range s.Members {
			out[m] = s.Name
		}
		for _, r := range s.Routes {
			out[r] = s.Name
		}
	}
	return out, p
}
