package planner

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
)

// TestGoldenPlans plans each fixture with seed 1 and compares the JSON and
// the summary with testdata/golden; -update rewrites them.
func TestGoldenPlans(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			p, err := Propose(context.Background(), fixtureDoc(t, f), Options{Seed: 1, Config: DefaultConfig()})
			if err != nil {
				t.Fatal(err)
			}
			var js, sum bytes.Buffer
			if err := p.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			if err := WriteSummary(&sum, p); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "golden", f.name+".plan.json"), js.Bytes())
			golden(t, filepath.Join("testdata", "golden", f.name+".summary.txt"), sum.Bytes())
		})
	}
}

// TestDeterministic checks that the same graph and seed give the same
// bytes, whether the graph comes from the analyzer or from its JSON, and
// that another seed is allowed to differ but still gives a valid plan.
func TestDeterministic(t *testing.T) {
	f := fixtures()[0]
	doc := fixtureDoc(t, f)
	plan := func(seed uint64) []byte {
		t.Helper()
		p, err := Propose(context.Background(), doc, Options{Seed: seed, Config: DefaultConfig()})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := plan(7)
	for i := 0; i < 3; i++ {
		if !bytes.Equal(first, plan(7)) {
			t.Fatal("two plans of the same graph with seed 7 differ")
		}
	}
	var js bytes.Buffer
	g := graphJSON(t, doc)
	js.Write(g)
	decoded, err := DecodeGraph(&js)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Propose(context.Background(), decoded, Options{Seed: 7, Config: DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := p.WriteJSON(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again.Bytes()) {
		t.Error("the plan of the decoded graph differs from the plan of the analyzed graph")
	}
	if _, err := ReadPlan(bytes.NewReader(plan(8))); err != nil {
		t.Errorf("plan with seed 8 does not read back: %v", err)
	}
}
