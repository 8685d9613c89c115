package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSettleEntries(t *testing.T) {
	// Two areas of four functions in a ring each, and a route whose
	// handler h calls into them as each case says; units are numbered
	// a1..a4 (0-3), b1..b4 (4-7), h (8), the route (9).
	nodes := []string{"func a1", "func a2", "func a3", "func a4", "func b1", "func b2", "func b3", "func b4", "func h", "route /a"}
	rings := []string{"a1 calls a2", "a2 calls a3", "a3 calls a4", "a4 calls a1", "b1 calls b2", "b2 calls b3", "b3 calls b4", "b4 calls b1", "/a handles h"}
	tests := []struct {
		name      string
		calls     []string
		label     []int32
		pin       bool
		want      []int32
		wantMoved int
	}{
		{name: "a handler caught in another area moves with its route",
			calls: []string{"h calls a1", "h calls a2", "h calls a3", "h calls b1"},
			label: []int32{0, 0, 0, 0, 1, 1, 1, 1, 1, 1},
			want:  []int32{0, 0, 0, 0, 1, 1, 1, 1, 0, 0}, wantMoved: 1},
		{name: "a handler tied less than twice as much elsewhere stays",
			calls: []string{"h calls a1", "h calls a2", "h calls b1", "h calls b2"},
			label: []int32{0, 0, 0, 0, 1, 1, 1, 1, 1, 1},
			want:  []int32{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}},
		{name: "a handler at home stays",
			calls: []string{"h calls a1", "h calls a2", "h calls a3", "h calls b1"},
			label: []int32{0, 0, 0, 0, 1, 1, 1, 1, 0, 0},
			want:  []int32{0, 0, 0, 0, 1, 1, 1, 1, 0, 0}},
		{name: "a handler in the kernel stays",
			calls: []string{"h calls a1", "h calls a2", "h calls a3"},
			label: []int32{0, 0, 0, 0, 1, 1, 1, 1, labelKernel, labelKernel},
			want:  []int32{0, 0, 0, 0, 1, 1, 1, 1, labelKernel, labelKernel}},
		{name: "a pinned handler stays",
			calls: []string{"h calls a1", "h calls a2", "h calls a3", "h calls b1"},
			label: []int32{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, pin: true,
			want: []int32{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(testGraph(nodes, append(rings, tt.calls...)))
			cfg := DefaultConfig()
			if tt.pin {
				cfg.Pin = map[string][]string{"b": {m.unitNode(8).ID}}
			}
			r := newRoles(m)
			cons, err := resolveConstraints(m, r, cfg)
			if err != nil {
				t.Fatal(err)
			}
			label := append([]int32(nil), tt.label...)
			moved := settleEntries(m, buildSignals(m, cfg.Weights), r, cons, label)
			if diff := cmp.Diff(tt.want, label); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			if moved != tt.wantMoved {
				t.Errorf("moved %d entry points, want %d", moved, tt.wantMoved)
			}
		})
	}
}
