package planner

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// imports records that the package in folder from imports the one in to.
func (b *docBuilder) imports(from, to string) {
	for _, dir := range []string{from, to} {
		id := "pkg:example.com/app/" + dir
		if !slices.ContainsFunc(b.d.Nodes, func(n analyzer.Node) bool { return n.ID == id }) {
			b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: id, Kind: analyzer.KindPackage, Name: dir, Package: "example.com/app/" + dir})
		}
	}
	b.d.Edges = append(b.d.Edges, analyzer.Edge{From: "pkg:example.com/app/" + from, To: "pkg:example.com/app/" + to, Kind: analyzer.EdgeImports, Weight: 1})
}

// TestComponentIsALibrary: a subtree of several packages that imports no
// service code (a storage engine), used by two services, is a library in
// the kernel even when one service uses it most and the kernel is over
// its cap; the same subtree importing a service's package is that
// service's code.
func TestComponentIsALibrary(t *testing.T) {
	tests := []struct {
		name       string
		upward     bool // the engine imports the orders service
		wantShared bool
	}{
		{"imports only itself", false, true},
		{"imports a service", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			var stores []string
			for _, a := range []string{"orders", "billing", "users"} {
				_, _, st := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
				stores = append(stores, st)
			}
			var engine []string
			for i, dir := range []string{"engine", "engine/block", "engine/wal", "engine/index"} {
				prev := ""
				for j := 0; j < 5; j++ {
					id := b.fn(dir, fmt.Sprintf("E%d%d", i, j), "e.go")
					if prev != "" {
						b.call(prev, id, 2)
					}
					prev = id
					engine = append(engine, id)
				}
				if i > 0 {
					b.call(engine[0], engine[5*i], 1)
					b.imports("engine", dir)
				}
			}
			b.call(stores[0], engine[0], 6)
			b.call(stores[1], engine[0], 1)
			b.imports("internal/orders/adapters", "engine")
			b.imports("internal/billing/adapters", "engine")
			if tt.upward {
				b.imports("engine/wal", "internal/orders/app")
			}
			p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			shared := 0
			for _, id := range engine {
				if slices.Contains(p.Shared, id) {
					shared++
				}
			}
			if got := shared == len(engine); got != tt.wantShared {
				t.Errorf("%d of %d engine units shared, want all: %v; services %v", shared, len(engine), tt.wantShared, p.Services)
			}
		})
	}
}
