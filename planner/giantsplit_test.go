package planner

import (
	"context"
	"fmt"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// giantDoc is an app of areas, each a handler file with its routes and a
// store file with its table; the areas' handlers call each other's
// stores once, and every area's store reads the first area's table.
func giantDoc(areas []string, perArea int) (*docBuilder, map[string][]string) {
	var b docBuilder
	units := map[string][]string{}
	stores := map[string]string{}
	for _, a := range areas {
		st := b.fn("store", "Save"+a, a+"_store.go")
		stores[a] = st
		b.table(a+"s", st, analyzer.EdgeWrites)
		units[a] = append(units[a], st)
		for i := range perArea {
			h := b.fn("handlers", fmt.Sprintf("Handle%s%d", a, i), a+".go")
			b.route(fmt.Sprintf("GET /%ss/%d", a, i), h)
			b.call(h, st, 3)
			units[a] = append(units[a], h)
		}
	}
	for i, a := range areas {
		next := areas[(i+1)%len(areas)]
		b.call(units[a][1], stores[next], 1)
		b.table(areas[0]+"s", stores[a], analyzer.EdgeReads)
	}
	return &b, units
}

// TestSplitGiants: a service holding most of the units is clustered again
// on its own, and its areas, each serving routes and owning a table,
// become services; a service under the giant share, or one the code's
// features or the user's constraints place, stays whole.
func TestSplitGiants(t *testing.T) {
	tests := []struct {
		name      string
		areas     []string
		perArea   int
		pin       bool
		wantSplit bool
	}{
		{name: "a giant of three areas", areas: []string{"order", "invoice", "customer"}, perArea: 60, wantSplit: true},
		{name: "too small to be a giant", areas: []string{"order", "invoice", "customer"}, perArea: 10, wantSplit: false},
		{name: "a giant the user groups", areas: []string{"order", "invoice", "customer"}, perArea: 60, pin: true, wantSplit: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, units := giantDoc(tt.areas, tt.perArea)
			other := b.fn("billing", "Charge", "charge.go")
			b.route("POST /charges", other)
			m := newModel(b.doc())
			s := buildSignals(m, DefaultConfig().Weights)
			cons := freeConstraints(len(m.units))
			label := make([]int32, len(m.units))
			for u := range label {
				label[u] = 0 // everything in one service...
			}
			label[m.unitOf[m.index[other]]] = 1 // ...but the billing handler
			if tt.pin {
				for u := range cons.set {
					if label[u] == 0 {
						cons.set[u] = 0
					}
				}
			}
			made, err := splitGiants(context.Background(), m, s, cons, label, 1)
			if err != nil {
				t.Fatal(err)
			}
			distinct := map[int32]bool{}
			for _, a := range tt.areas {
				l := label[m.unitOf[m.index[units[a][0]]]]
				distinct[l] = true
				for _, id := range units[a] {
					if got := label[m.unitOf[m.index[id]]]; got != l {
						t.Errorf("%s is in %d, its area's store in %d", id, got, l)
					}
				}
			}
			if split := len(distinct) == len(tt.areas); split != tt.wantSplit {
				t.Errorf("areas split: %v (%d services made, labels %v), want %v", split, made, distinct, tt.wantSplit)
			}
			if got := label[m.unitOf[m.index[other]]]; got != 1 {
				t.Errorf("the billing handler moved to %d", got)
			}
		})
	}
}
