package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoAnalyzerInTheProxy checks that ficus-proxy links none of the
// packages only the analysis side needs: the image it ships in should
// carry the proxy alone.
func TestNoAnalyzerInTheProxy(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	forbidden := []string{
		"github.com/ficus-dev/ficus/analyzer",
		"github.com/ficus-dev/ficus/planner",
		"github.com/ficus-dev/ficus/reports",
		"github.com/ficus-dev/ficus/check",
		"golang.org/x/tools/go/packages",
		"github.com/tetratelabs/wazero",
	}
	for _, d := range deps {
		for _, f := range forbidden {
			if d == f || strings.HasPrefix(d, f+"/") {
				t.Errorf("ficus-proxy depends on %s", d)
			}
		}
	}
	if !slices.Contains(deps, "github.com/ficus-dev/ficus/strangler") {
		t.Fatalf("go list -deps does not list the proxy itself; got %d packages", len(deps))
	}
	t.Logf("ficus-proxy links %d packages", len(deps))
}
