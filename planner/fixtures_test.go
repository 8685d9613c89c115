package planner

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
	goldenfile "github.com/ficus-dev/ficus/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files and the fixtures' truth files")

// fixture is a sample monolith with its intended split in AREAS.md.
type fixture struct {
	name string // directory under testdata/ at the repository root
	// wantARI is the quality bar of the plan against the truth.
	wantARI float64
}

func fixtures() []fixture {
	return []fixture{
		{name: "monolith", wantARI: 0.8},
		{name: "monolith-domain", wantARI: 0.9},
	}
}

func (f fixture) dir() string { return filepath.Join("..", "testdata", f.name) }

// fixtureDoc analyzes a fixture.
func fixtureDoc(t *testing.T, f fixture) analyzer.Document {
	t.Helper()
	g, err := analyzer.Analyze(context.Background(), analyzer.Options{Dir: f.dir()})
	if err != nil {
		t.Fatalf("analyze %s: %v", f.name, err)
	}
	return g.Document()
}

// readTruth reads the truth file of a fixture.
func readTruth(t *testing.T, f fixture) *Plan {
	t.Helper()
	file, err := os.Open(filepath.Join(f.dir(), "truth.json"))
	if err != nil {
		t.Fatalf("%v (run 'go test ./planner -run TestTruthFiles -update' to create it)", err)
	}
	defer file.Close()
	p, err := ReadPlan(file)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// golden compares got with the golden file at path, or rewrites it with
// -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Check(t, path, got, *update)
}
