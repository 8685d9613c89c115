package planner

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestQuality plans each fixture with several seeds and holds the plan to
// the fixture's bar: ARI against the truth, and every route and table of
// the truth in the service that matches its area (or in the kernel, for
// the truth's shared ones). A service matches the area most of its
// members come from.
func TestQuality(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			doc := fixtureDoc(t, f)
			truth := readTruth(t, f)
			for seed := uint64(1); seed <= 5; seed++ {
				p, err := Propose(context.Background(), doc, Options{Seed: seed, Config: DefaultConfig()})
				if err != nil {
					t.Fatal(err)
				}
				s := Score(p, truth)
				t.Logf("seed %d: %d services, ARI %.3f, NMI %.3f, MoJoFM %.1f", seed, len(p.Services), s.ARI, s.NMI, s.MoJoFM)
				if s.ARI < f.wantARI {
					t.Errorf("seed %d: ARI %.3f, want at least %.2f", seed, s.ARI, f.wantARI)
				}
				if s.Missing > 0 {
					t.Errorf("seed %d: %d units of the truth are missing from the plan", seed, s.Missing)
				}
				for _, miss := range misplacedAnchors(p, truth) {
					t.Errorf("seed %d: %s", seed, miss)
				}
			}
		})
	}
}

// misplacedAnchors lists the truth's routes and tables that the plan puts
// elsewhere than the truth's area.
func misplacedAnchors(p, truth *Plan) []string {
	pl, tl := p.Labels(), truth.Labels()
	votes := map[string]map[string]int{}
	for id, service := range pl {
		if votes[service] == nil {
			votes[service] = map[string]int{}
		}
		votes[service][tl[id]]++
	}
	area := map[string]string{SharedClass: SharedClass}
	for service, v := range votes {
		if service == SharedClass {
			continue
		}
		best, n := "", -1
		for a, c := range v {
			if a != "" && (c > n || (c == n && a < best)) {
				best, n = a, c
			}
		}
		area[service] = best
	}
	var out []string
	for id, want := range tl {
		if !strings.HasPrefix(id, "route:") && !strings.HasPrefix(id, "table:") {
			continue
		}
		if got := area[pl[id]]; got != want {
			out = append(out, fmt.Sprintf("%s is in %q (area %q), want area %q", id, pl[id], got, want))
		}
	}
	return out
}
