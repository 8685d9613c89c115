package planner

import (
	"context"
	"slices"
	"testing"
)

// TestPlanInvariants checks what every plan promises, on each fixture:
// services are connected, members are sorted and placed once, routes and
// tables are members, API callers come from other services, the order
// ranks every service once.
func TestPlanInvariants(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			doc := fixtureDoc(t, f)
			p, err := Propose(context.Background(), doc, Options{Seed: 1, Config: DefaultConfig()})
			if err != nil {
				t.Fatal(err)
			}
			m := newModel(doc)
			s := buildSignals(m, DefaultConfig().Weights)
			label := make([]int32, len(m.units))
			for u := range label {
				label[u] = labelUnplaced
			}
			seen := map[string]bool{}
			for i, svc := range p.Services {
				if !slices.IsSorted(svc.Members) {
					t.Errorf("%s: members are not sorted", svc.Name)
				}
				for _, id := range svc.Members {
					if seen[id] {
						t.Errorf("%s is placed twice", id)
					}
					seen[id] = true
					label[m.unitOf[m.index[id]]] = int32(i)
				}
				for _, id := range append(slices.Clone(svc.Routes), svc.Tables...) {
					if !slices.Contains(svc.Members, id) {
						t.Errorf("%s: %s is listed but not a member", svc.Name, id)
					}
				}
				for _, a := range svc.API {
					for _, c := range a.Callers {
						if c.Service == svc.Name {
							t.Errorf("%s: API %s called from inside", svc.Name, a.Symbol)
						}
					}
				}
			}
			for _, id := range p.Shared {
				label[m.unitOf[m.index[id]]] = labelKernel
			}
			before := slices.Clone(label)
			splitDisconnected(s.dep, label)
			if !slices.Equal(before, label) {
				t.Error("a service is not connected in the dependency graph")
			}
			var ranked []string
			for i, step := range p.Order {
				if step.Rank != i+1 {
					t.Errorf("order step %d has rank %d", i, step.Rank)
				}
				ranked = append(ranked, step.Service)
			}
			slices.Sort(ranked)
			var names []string
			for _, svc := range p.Services {
				names = append(names, svc.Name)
			}
			if !slices.Equal(ranked, names) {
				t.Errorf("order ranks %v, services are %v", ranked, names)
			}
		})
	}
}

// TestShopExplanation checks the leaks AREAS.md of the sample shop
// documents show up in the explanation.
func TestShopExplanation(t *testing.T) {
	p, err := Propose(context.Background(), fixtureDoc(t, fixtures()[0]), Options{Seed: 1, Config: DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	orders := serviceOf(p, "route:POST /orders")
	catalog := serviceOf(p, "route:GET /products")
	if len(p.SharedTables) == 0 || p.SharedTables[0].Table != "table:inventory" {
		t.Fatalf("shared tables %+v, want inventory first", p.SharedTables)
	}
	inv := p.SharedTables[0]
	if inv.Owner != catalog || !slices.Equal(inv.Writers, sortedPair(catalog, orders)) {
		t.Errorf("inventory: owner %s, writers %v; want owner %s, writers %s and %s", inv.Owner, inv.Writers, catalog, catalog, orders)
	}
	for _, svc := range p.Services {
		if svc.Name != orders {
			continue
		}
		if !slices.Contains(svc.Publishes, "event:order.placed") || !slices.Contains(svc.Subscribes, "event:payment.captured") {
			t.Errorf("orders publishes %v and subscribes %v", svc.Publishes, svc.Subscribes)
		}
		deps := map[string]int{}
		for _, d := range svc.DependsOn {
			deps[d.Service] = d.Calls
		}
		if deps[catalog] == 0 {
			t.Errorf("orders depends on %v; want calls to %s (it prices orders from the catalog)", svc.DependsOn, catalog)
		}
	}
}

func sortedPair(a, b string) []string {
	s := []string{a, b}
	slices.Sort(s)
	return s
}
