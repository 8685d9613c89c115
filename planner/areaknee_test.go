package planner

import (
	"context"
	"strings"
	"testing"
)

// TestAreaKnee: the knee moves to a finer sweep point when each of its
// services serves a route resource of its own and holds a table, and the
// coarser point won only on calls saved; otherwise it stays.
func TestAreaKnee(t *testing.T) {
	doc, _ := layeredBank("api", "db/sqlc")
	m := newModel(doc)
	cfg := DefaultConfig()
	s := buildSignals(m, cfg.Weights)
	r := newRoles(m)
	cons, err := resolveConstraints(m, r, cfg)
	if err != nil {
		t.Fatal(err)
	}
	c, err := newClusterer(context.Background(), m, s, r, cfg, cons, pointRand(1, -1))
	if err != nil {
		t.Fatal(err)
	}
	// labelling gives each unit the service its entity maps to; the
	// store and the error helper are kernel. split moves an entity's
	// symbols whose name ends in one of the suffixes to a service of
	// their own.
	labelling := func(service map[string]int32, split string, suffixes ...string) ([]int32, int) {
		label := make([]int32, len(m.units))
		k := int32(0)
		for _, l := range service {
			k = max(k, l+1)
		}
		extra := k
		for u := range m.units {
			n := m.unitNode(int32(u))
			id := strings.ToLower(n.ID)
			label[u] = labelKernel
			for e, l := range service {
				if strings.Contains(id, e) {
					label[u] = l
					if e == split {
						for _, suf := range suffixes {
							if strings.HasSuffix(id, suf) {
								label[u] = extra
							}
						}
					}
				}
			}
		}
		if split != "" {
			k++
		}
		return label, int(k)
	}
	coarseLabel, coarseK := labelling(map[string]int32{"account": 0, "transfer": 0, "user": 1, "session": 1}, "")
	coarse := partition{label: coarseLabel, services: coarseK, modularity: 0.50, icp: 0.05}
	point := func(q float64, split string, suffixes ...string) partition {
		label, k := labelling(map[string]int32{"account": 0, "transfer": 1, "user": 2, "session": 3}, split, suffixes...)
		return partition{label: label, services: k, modularity: q, icp: 0.25}
	}
	moved := func(p partition, id string, to int32) partition {
		p.label = append([]int32(nil), p.label...)
		for u := range m.units {
			if m.unitNode(int32(u)).ID == id {
				p.label[u] = to
			}
		}
		return p
	}
	for _, tc := range []struct {
		name string
		fine partition
		want int
	}{
		{name: "each service an area at no cost in cohesion", fine: point(0.52, ""), want: 1},
		{name: "the finer point loses cohesion", fine: point(0.45, ""), want: 0},
		// the session handlers apart from their queries and table
		{name: "a service without a table", fine: point(0.55, "session", "handler0", "handler1", "handler2", "request0", "request1", "request2", "/op0", "/op1", "/op2"), want: 0},
		// one /accounts route served by the transfers service
		{name: "a resource served by two services", fine: moved(point(0.55, ""), "route:POST /accounts/op0", 1), want: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := []partition{coarse, tc.fine}
			best := knee(ps)
			if best != 0 {
				t.Fatalf("knee chose %d, want the coarser point 0 (the test's premise)", best)
			}
			got := c.areaKnee(ps, best)
			if got != tc.want {
				t.Errorf("areaKnee chose %d, want %d", got, tc.want)
			}
			if reason := areaReason(ps, best, got); (reason != "") != (got != best) {
				t.Errorf("reason %q for a move from %d to %d, want one exactly when the point moved", reason, best, got)
			}
		})
	}
}
