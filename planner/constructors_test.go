package planner

import (
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestPlaceConstructors: NewT goes where T is, whatever it calls; a
// function that only looks like a constructor (no type of that name in
// its package) and a constructor a constraint places stay.
func TestPlaceConstructors(t *testing.T) {
	var b docBuilder
	typ := "example.com/app/internal/orders.Service"
	b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: typ, Kind: analyzer.KindType, Name: "Service",
		Package: "example.com/app/internal/orders", Pos: "internal/orders/service.go:1", Lines: 5})
	ctor := b.fn("internal/orders", "NewService", "service.go")
	other := b.fn("internal/orders", "NewClient", "service.go")
	m := newModel(b.doc())
	unit := func(id string) int32 { return m.unitOf[m.index[id]] }
	cons := &constraints{set: make([]int32, len(m.units)), forced: make([]bool, len(m.units))}
	for u := range cons.set {
		cons.set[u] = -1
	}
	label := make([]int32, len(m.units))
	label[unit(typ)], label[unit(ctor)], label[unit(other)] = 0, 1, 1
	placeConstructors(m, cons, label)
	if got := label[unit(ctor)]; got != 0 {
		t.Errorf("NewService in %d, want 0 with Service", got)
	}
	if got := label[unit(other)]; got != 1 {
		t.Errorf("NewClient (no Client type) moved to %d", got)
	}
	cons.set[unit(ctor)] = 0
	label[unit(ctor)] = 1
	placeConstructors(m, cons, label)
	if got := label[unit(ctor)]; got != 1 {
		t.Errorf("a pinned NewService moved to %d", got)
	}
}
