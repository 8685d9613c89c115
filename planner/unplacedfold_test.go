package planner

import (
	"testing"
)

// TestPlaceUnplacedByFolder: dead code joins the label holding two
// thirds of its nearest folder's placed code; a mixed folder, a root
// file, a pinned unit, and the kernel when it may not grow leave it
// unplaced.
func TestPlaceUnplacedByFolder(t *testing.T) {
	tests := []struct {
		name       string
		deadDir    string
		withKernel bool
		pinned     bool
		want       int32
	}{
		{name: "beside a service's code", deadDir: "publisher/datadog", want: 0},
		{name: "in its own folder under a service's", deadDir: "publisher/datadog/internal", want: 0},
		{name: "beside the kernel's libraries", deadDir: "foundation/worker", withKernel: true, want: labelKernel},
		{name: "the kernel may not grow", deadDir: "foundation/worker", want: labelUnplaced},
		{name: "a folder two services share", deadDir: "mixed/dead", want: labelUnplaced},
		{name: "a root file", deadDir: ".", want: labelUnplaced},
		{name: "a pinned unit", deadDir: "publisher/datadog", pinned: true, want: labelUnplaced},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			labels := map[string]int32{}
			add := func(dir, name string, l int32) {
				labels[b.fn(dir, name, name+".go")] = l
			}
			add("publisher/prometheus", "Prom", 0)
			add("publisher/expvar", "Expvar", 0)
			add("publisher/expvar", "Collect", 0)
			add("foundation/logger", "Log", labelKernel)
			add("foundation/web", "Web", labelKernel)
			add("foundation/otel", "Otel", labelKernel)
			for i, l := range []int32{0, 1, 0, 1} {
				add("mixed/part", "M"+string(rune('a'+i)), l)
			}
			for i := range 20 {
				add("orders", "Order"+string(rune('a'+i)), 1)
			}
			dead := b.fn(tt.deadDir, "Dead", "dead.go")
			if tt.deadDir == "." {
				b.d.Nodes[len(b.d.Nodes)-1].Pos = "dead.go:1"
			}
			labels[dead] = labelUnplaced
			m := newModel(b.doc())
			label := make([]int32, len(m.units))
			for u := range label {
				label[u] = labels[m.unitNode(int32(u)).ID]
			}
			cons := freeConstraints(len(m.units))
			du := unitFinder(t, m)("Dead")
			if tt.pinned {
				cons.set[du] = 0
			}
			placeUnplacedByFolder(m, cons, label, 0.5, tt.withKernel)
			if label[du] != tt.want {
				t.Errorf("dead code labelled %d, want %d", label[du], tt.want)
			}
		})
	}
}
