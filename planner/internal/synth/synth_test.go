package synth

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestGenerate(t *testing.T) {
	for _, edges := range []int{1000, 20000} {
		d := Generate(3, edges)
		if len(d.Edges) != edges {
			t.Errorf("Generate(3, %d) has %d edges", edges, len(d.Edges))
		}
		ids := map[string]bool{}
		for _, n := range d.Nodes {
			if ids[n.ID] {
				t.Fatalf("node %s twice", n.ID)
			}
			ids[n.ID] = true
		}
		pairs := map[[2]string]bool{}
		for _, e := range d.Edges {
			if !ids[e.From] || !ids[e.To] {
				t.Fatalf("edge %v joins an unknown node", e)
			}
			if pairs[[2]string{e.From, e.To}] {
				t.Fatalf("edge %v twice", e)
			}
			pairs[[2]string{e.From, e.To}] = true
		}
		if d.Schema != analyzer.Schema {
			t.Errorf("schema %q", d.Schema)
		}
	}
	if diff := cmp.Diff(Generate(5, 3000), Generate(5, 3000)); diff != "" {
		t.Errorf("same seed, different graphs:\n%s", diff)
	}
}
