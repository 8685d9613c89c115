package analyzer_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestEdgesKeptByTheBuilder checks that the edge list the builder keeps
// for writing is the one the graph itself holds, and that it follows
// changes made afterwards.
func TestEdgesKeptByTheBuilder(t *testing.T) {
	offline(t)
	g, err := analyzer.Analyze(context.Background(), analyzer.Options{Dir: "testdata/fixtures/nethttp", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	kept := g.Edges()
	if len(kept) == 0 {
		t.Fatal("no edges")
	}
	_ = g.Underlying() // drops what the builder kept
	if diff := cmp.Diff(g.Edges(), kept); diff != "" {
		t.Fatalf("kept edges differ from the graph's (-graph +kept):\n%s", diff)
	}
	e := kept[0]
	if err := g.AddEdge(e.From, e.To, analyzer.EdgeCoChanges, 7); err != nil {
		t.Fatal(err)
	}
	after := g.Edges()
	if len(after) != len(kept)+1 {
		t.Fatalf("after AddEdge: %d edges, want %d", len(after), len(kept)+1)
	}
}
