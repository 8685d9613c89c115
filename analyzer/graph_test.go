package analyzer_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dominikbraun/graph"
	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

// underlyingEdges spells the edges of g.Underlying() as Edges does.
func underlyingEdges(t *testing.T, g *analyzer.Graph) []analyzer.Edge {
	t.Helper()
	es, err := g.Underlying().Edges()
	if err != nil {
		t.Fatal(err)
	}
	var out []analyzer.Edge
	for _, e := range es {
		total := 0
		for k, w := range e.Properties.Data.(map[analyzer.EdgeKind]int) {
			out = append(out, analyzer.Edge{From: e.Source, To: e.Target, Kind: k, Weight: w})
			total += w
		}
		if total != e.Properties.Weight {
			t.Errorf("underlying edge %s -> %s weighs %d, its kinds %d", e.Source, e.Target, e.Properties.Weight, total)
		}
	}
	slices.SortFunc(out, func(a, b analyzer.Edge) int {
		if a.From != b.From {
			return strings.Compare(a.From, b.From)
		}
		if a.To != b.To {
			return strings.Compare(a.To, b.To)
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
	return out
}

// TestGraphEdges checks the edges the builder hands the graph against the
// graph's dominikbraun form, and that edges added afterwards are kept.
func TestGraphEdges(t *testing.T) {
	offline(t)
	g, err := analyzer.Analyze(context.Background(), analyzer.Options{Dir: "testdata/fixtures/nethttp", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	kept := g.Edges()
	if len(kept) == 0 {
		t.Fatal("no edges")
	}
	if diff := cmp.Diff(underlyingEdges(t, g), kept); diff != "" {
		t.Fatalf("Edges differ from the underlying graph's (-underlying +Edges):\n%s", diff)
	}
	e := kept[0]
	if err := g.AddEdge(e.From, e.To, e.Kind, 2); err != nil {
		t.Fatal(err)
	}
	if err := g.AddEdge(e.From, e.To, analyzer.EdgeCoChanges, 7); err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(kept)
	want[0].Weight += 2
	want = append(want, analyzer.Edge{From: e.From, To: e.To, Kind: analyzer.EdgeCoChanges, Weight: 7})
	slices.SortFunc(want, func(a, b analyzer.Edge) int {
		if a.From != b.From || a.To != b.To {
			return strings.Compare(a.From+"\x00"+a.To, b.From+"\x00"+b.To)
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
	if diff := cmp.Diff(want, g.Edges()); diff != "" {
		t.Fatalf("after AddEdge (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(underlyingEdges(t, g), g.Edges()); diff != "" {
		t.Fatalf("after AddEdge, Edges differ from the underlying graph's (-underlying +Edges):\n%s", diff)
	}
	if err := g.AddEdge(e.From, "no:such:node", analyzer.EdgeCalls, 1); !errors.Is(err, graph.ErrVertexNotFound) {
		t.Fatalf("AddEdge to a missing node = %v, want graph.ErrVertexNotFound", err)
	}
}
