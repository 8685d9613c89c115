package planner

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestTruthFiles turns each fixture's AREAS.md into its truth.json, the
// ground truth 'ficus score' and the quality tests read.
func TestTruthFiles(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			truth := readAreas(t, filepath.Join(f.dir(), "AREAS.md"))
			if len(truth.Services) < 3 {
				t.Fatalf("AREAS.md of %s has %d areas; a fixture needs at least 3", f.name, len(truth.Services))
			}
			var buf bytes.Buffer
			if err := truth.WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(f.dir(), "truth.json"), buf.Bytes())
			doc := fixtureDoc(t, f)
			ids := map[string]bool{}
			for _, n := range doc.Nodes {
				ids[n.ID] = true
			}
			for id := range truth.Labels() {
				if !ids[id] {
					t.Errorf("AREAS.md lists %s; the graph has no such node", id)
				}
			}
		})
	}
}
