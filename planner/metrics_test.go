package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// callsOnly weighs calls 1 and every other signal 0, so that metrics can be
// worked out by hand.
func callsOnly() Config {
	return Config{Weights: Weights{Calls: 1}}
}

// TestPlanMetricsByHand checks the metrics of small plans against values
// worked out on paper (the formulas are in docs/metrics.md).
func TestPlanMetricsByHand(t *testing.T) {
	tests := []struct {
		name  string
		nodes []string
		edges []string
		label []int32
		want  Metrics
		// wantServices are the per-service figures, in label order.
		wantServices []ServiceMetrics
	}{
		{
			// a→b, c→d, b→c; services {a,b} and {c,d}.
			// m = 3; Q = 2·(1/3 − (3/6)²) = 1/6; ICP = 1/3;
			// SM = (1/4 + 1/4)/2 − 1/(2·2·2) = 1/8; CF = 2/(2+1) each;
			// API: c only, so IFN = 1/2; sizes equal, NED = 0.
			name:  "two pairs",
			nodes: []string{"func a", "func b", "func c", "func d"},
			edges: []string{"a calls b", "c calls d", "b calls c"},
			label: []int32{0, 0, 1, 1},
			want: Metrics{Services: 2, Modularity: 0.1667, StructuralModularity: 0.125, ICP: 0.3333,
				IFN: 0.5, NED: 0, TurboMQ: 1.3333},
			wantServices: []ServiceMetrics{
				{Units: 2, Symbols: 2, Lines: 20, Cohesion: 0.5, CouplingOut: 1},
				{Units: 2, Symbols: 2, Lines: 20, Cohesion: 0.5, CouplingIn: 1},
			},
		},
		{
			// a→b, b→c, c→a inside one service, d→a from the kernel:
			// the kernel's edges are left out, so the one service holds
			// every remaining edge: Q = 1 − 1 = 0, SM = 3/9, CF = 1.
			name:  "one service and a kernel",
			nodes: []string{"func a", "func b", "func c", "func d"},
			edges: []string{"a calls b", "b calls c", "c calls a", "d calls a"},
			label: []int32{0, 0, 0, labelKernel},
			want: Metrics{Services: 1, Shared: 1, Modularity: 0, StructuralModularity: 0.3333, ICP: 0,
				IFN: 0, NED: 0, TurboMQ: 1},
			wantServices: []ServiceMetrics{{Units: 3, Symbols: 3, Lines: 30, Cohesion: 1}},
		},
		{
			// {a}, {b,c,d}, {e,f,g,h}; m = 6, degrees sum to 1, 5 and 6:
			// Q = (0 − (1/12)²) + (2/6 − (5/12)²) + (3/6 − (6/12)²) = 29/72;
			// SM = (0 + 2/9 + 3/16)/3 − (1/(2·1·3))/3 = 0.0810;
			// CF = 0, 4/5, 1; ICP = 1/6; API: b, so IFN = 1/3;
			// sizes 1, 3, 4: mean 8/3, so 1 (< 4/3) is extreme: NED = 1/8.
			name:  "extreme sizes",
			nodes: []string{"func a", "func b", "func c", "func d", "func e", "func f", "func g", "func h"},
			edges: []string{"b calls c", "c calls d", "e calls f", "f calls g", "g calls h", "a calls b"},
			label: []int32{0, 1, 1, 1, 2, 2, 2, 2},
			want: Metrics{Services: 3, Modularity: 0.4028, StructuralModularity: 0.081, ICP: 0.1667,
				IFN: 0.3333, NED: 0.125, TurboMQ: 1.8},
			wantServices: []ServiceMetrics{
				{Units: 1, Symbols: 1, Lines: 10, CouplingOut: 1},
				{Units: 3, Symbols: 3, Lines: 30, Cohesion: 0.6667, CouplingIn: 1},
				{Units: 4, Symbols: 4, Lines: 40, Cohesion: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(testGraph(tt.nodes, tt.edges))
			s := buildSignals(m, callsOnly().Weights)
			k := 0
			for _, l := range tt.label {
				k = max(k, int(l)+1)
			}
			r := newRoles(m)
			x := &explainer{m: m, r: r, label: tt.label, names: make([]string, k)}
			for i := range x.names {
				x.names[i] = string(rune('A' + i))
			}
			services := x.services()
			x.api(services)
			api := make([]int, k)
			for i := range services {
				api[i] = len(services[i].API)
			}
			got := planMetrics(s, tt.label, k, api)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-4)); diff != "" {
				t.Errorf("plan metrics (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantServices, serviceMetrics(m, s, tt.label, k), cmpopts.EquateApprox(0, 1e-4)); diff != "" {
				t.Errorf("service metrics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCallShareCountsCallSites(t *testing.T) {
	d := testGraph([]string{"func a", "func b", "func c"}, []string{"a calls b", "a calls c"})
	d.Edges[0].Weight = 3 // three calls from a to b, in one service
	m := newModel(d)
	s := buildSignals(m, callsOnly().Weights)
	if got, want := callShare(s.uses, []int32{0, 0, 1}), 0.25; got != want {
		t.Errorf("ICP %v, want %v (1 crossing call site of 4)", got, want)
	}
}
