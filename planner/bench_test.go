package planner

import (
	"context"
	"flag"
	"testing"

	"github.com/ficus-dev/ficus/planner/internal/synth"
)

var benchEdges = flag.Int("bench.edges", 100000, "edges of the generated graph BenchmarkPropose plans")

// BenchmarkPropose plans a generated layered monolith; bench/plan.sh runs
// it with -bench.edges=1000000.
func BenchmarkPropose(b *testing.B) {
	doc := synth.Generate(1, *benchEdges)
	b.ReportMetric(float64(len(doc.Edges)), "edges")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Propose(context.Background(), doc, Options{Config: DefaultConfig(), Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
