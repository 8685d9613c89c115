package planner

import (
	"context"
	"testing"
)

func TestKnee(t *testing.T) {
	tests := []struct {
		name string
		ps   []partition
		want int
	}{
		{"rising modularity, rising calls", []partition{{services: 4, modularity: 0.70, icp: 0.05}, {services: 6, modularity: 0.78, icp: 0.06}, {services: 12, modularity: 0.82, icp: 0.20}}, 1},
		{"tie goes to fewer services", []partition{{services: 3, modularity: 0.5, icp: 0.1}, {services: 5, modularity: 0.6, icp: 0.2}}, 0},
		{"one point", []partition{{services: 2, modularity: 0.1}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := knee(tt.ps); got != tt.want {
				t.Errorf("knee = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestRequestedServices asks for a number of services: reachable counts
// are met exactly; an unreachable one gives as many as the graph allows.
func TestRequestedServices(t *testing.T) {
	doc := fixtureDoc(t, fixtures()[0])
	for _, tt := range []struct{ ask, wantMin, wantMax int }{
		{2, 2, 2}, {3, 3, 3}, {5, 5, 5}, {8, 8, 8}, {400, 9, 399},
	} {
		p, err := Propose(context.Background(), doc, Options{Seed: 1, Config: DefaultConfig(), Services: tt.ask})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Services); n < tt.wantMin || n > tt.wantMax {
			t.Errorf("asked for %d services, got %d, want %d..%d", tt.ask, n, tt.wantMin, tt.wantMax)
		}
		if p.Sweep != nil {
			t.Errorf("asked for %d services, the plan still reports a sweep", tt.ask)
		}
		if p.Settings.Services != tt.ask {
			t.Errorf("settings record %d services asked, want %d", p.Settings.Services, tt.ask)
		}
	}
}
