package planner

import (
	"fmt"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestDispatchFanWeighsAShare: a generic handler whose one call through an
// interface the graph resolves to Create on every entity's model joins
// each of them with a share of one call; a caller of one Create, or of
// a few, keeps the whole weight, and mocks do not count as
// implementations.
func TestDispatchFanWeighsAShare(t *testing.T) {
	tests := []struct {
		name       string
		models     int
		mocks      int
		wantShared bool
	}{
		{name: "an interface call resolved to every model", models: minDispatchFan, wantShared: true},
		{name: "a few implementations", models: minDispatchFan - 1, wantShared: false},
		{name: "mocks are no implementations", models: minDispatchFan - 1, mocks: 3, wantShared: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			handler := b.fn("web/handler", "CreateWeb", "create.go")
			var first string
			add := func(dir, typ string) {
				id := "example.com/app/" + dir + ".(*" + typ + ").Create"
				b.d.Nodes = append(b.d.Nodes,
					analyzer.Node{ID: "example.com/app/" + dir + "." + typ, Kind: analyzer.KindType, Name: typ, Package: "example.com/app/" + dir, Pos: dir + "/" + typ + ".go:1", Lines: 3},
					analyzer.Node{ID: id, Kind: analyzer.KindMethod, Name: "(*" + typ + ").Create", Package: "example.com/app/" + dir, Pos: dir + "/" + typ + ".go:5", Lines: 3})
				b.call(handler, id, 1)
				if first == "" {
					first = id
				}
			}
			for i := 0; i < tt.models; i++ {
				add("models", fmt.Sprintf("Entity%d", i))
			}
			for i := 0; i < tt.mocks; i++ {
				add("mocks", fmt.Sprintf("Mock%d", i))
			}
			m := newModel(b.doc())
			s := buildSignals(m, DefaultConfig().Weights)
			h, to := m.unitOf[m.index[handler]], m.unitOf[m.index[first]]
			var got float64
			for k := s.dep.off[h]; k < s.dep.off[h+1]; k++ {
				if s.dep.adj[k] == to {
					got += s.dep.w[k]
				}
			}
			full := DefaultConfig().Weights.Calls
			if shared := got < full/2; shared != tt.wantShared {
				t.Errorf("edge weight %.3f of a call's %.3f: shared %v, want %v", got, full, shared, tt.wantShared)
			}
		})
	}
}
