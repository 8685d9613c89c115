package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPlaceDomainFiles: a domain package every service uses, kept whole
// in the kernel or spread over services, is split by file: each file goes
// to the service whose code uses it (two of its units at least, two
// thirds of the weight); a file used evenly stays, and so does a package
// whose files are about one service alone, or that a feature holds.
func TestPlaceDomainFiles(t *testing.T) {
	domain := []string{"type OrderSpec shop/order.go", "func OrderTotal shop/order.go", "type UserName shop/user.go", "type Money shop/money.go"}
	uses := []string{"HandleOrder references OrderSpec", "SaveOrder references OrderSpec", "HandleOrder calls OrderTotal",
		"HandleUser references UserName", "SaveUser references UserName", "HandleOrder references Money", "HandlePayment references Money"}
	for _, tc := range []struct {
		name      string
		edges     []string
		at        map[string]int32 // where the clustering left the package's units (default: the kernel)
		constrain []string
		want      map[string]int32
	}{{
		name: "each file goes to the service using it; a file used evenly stays", edges: uses,
		want: map[string]int32{"OrderSpec": 0, "OrderTotal": 0, "UserName": 1, "Money": labelKernel},
	}, {
		name: "a package spread over services splits too", edges: uses,
		at:   map[string]int32{"OrderSpec": 2, "OrderTotal": 2, "UserName": 2, "Money": 1},
		want: map[string]int32{"OrderSpec": 0, "OrderTotal": 0, "UserName": 1, "Money": 1},
	}, {
		name: "a package about one service alone stays", edges: uses[:3],
		want: map[string]int32{"OrderSpec": labelKernel, "OrderTotal": labelKernel, "UserName": labelKernel},
	}, {
		name:  "one use is a hint, not a tie",
		edges: []string{"HandleOrder references OrderSpec", "SaveOrder references OrderSpec", "HandleUser references UserName"},
		want:  map[string]int32{"OrderSpec": labelKernel, "UserName": labelKernel},
	}, {
		name: "a package in one service's keeping stays", edges: uses,
		at:   map[string]int32{"OrderSpec": 2, "OrderTotal": 2, "UserName": 2, "Money": 2},
		want: map[string]int32{"OrderSpec": 2, "UserName": 2},
	}, {
		name: "a constrained unit stays", edges: uses, constrain: []string{"OrderSpec"},
		want: map[string]int32{"OrderSpec": labelKernel, "OrderTotal": 0, "UserName": 1},
	}, {
		name: "a file none of whose units can move has no owner, and one owner splits nothing", edges: uses,
		constrain: []string{"OrderSpec", "OrderTotal"},
		want:      map[string]int32{"OrderSpec": labelKernel, "OrderTotal": labelKernel, "UserName": labelKernel},
	}, {
		name:  "a file that kernel code of its package uses stays, and may keep the package whole",
		edges: append(slices.Clone(uses), "Money references OrderSpec"),
		want:  map[string]int32{"OrderSpec": labelKernel, "OrderTotal": labelKernel, "UserName": labelKernel, "Money": labelKernel},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			m := newModel(areaApp(domain, tc.edges))
			cons := freeConstraints(len(m.units))
			label := areaLabels(m)
			unit := unitFinder(t, m)
			for u := range label {
				if strings.HasSuffix(m.unitNode(int32(u)).Package, "/shop") {
					label[u] = labelKernel
				}
			}
			for k, l := range tc.at {
				label[unit(k)] = l
			}
			for _, k := range tc.constrain {
				cons.set[unit(k)] = 0
			}
			placeDomainFiles(m, buildSignals(m, DefaultConfig().Weights), cons, label)
			got := map[string]int32{}
			for k := range tc.want {
				got[k] = label[unit(k)]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDomainPlacementsExplain: each moved file is listed in its new
// service with the code there that uses it, and the summary counts them.
func TestDomainPlacementsExplain(t *testing.T) {
	m := newModel(areaApp([]string{"type OrderSpec shop/order.go", "type UserName shop/user.go", "type Money shop/money.go"},
		[]string{"HandleOrder references OrderSpec", "SaveOrder references OrderSpec", "HandleUser references UserName",
			"SaveUser references UserName", "HandleOrder references Money", "HandlePayment references Money"}))
	cons := freeConstraints(len(m.units))
	label := areaLabels(m)
	for u := range label {
		if strings.HasSuffix(m.unitNode(int32(u)).Package, "/shop") {
			label[u] = labelKernel
		}
	}
	s := buildSignals(m, DefaultConfig().Weights)
	moves := placeDomainFiles(m, s, cons, label)
	plan := explainPlan(m, s, newRoles(m), cons, label, 4, nil, nil, nil, moves)
	var orders *Service
	for i := range plan.Services {
		if slices.Contains(plan.Services[i].Routes, "route:GET /orders") {
			orders = &plan.Services[i]
		}
	}
	if orders == nil {
		t.Fatal("no service serves /orders")
	}
	want := []DomainPlacement{{File: "shop/order.go", Units: []string{"example.com/shop/shop.OrderSpec"}, ClosestByCode: SharedClass,
		UsedBy: []string{"example.com/shop/api.HandleOrder", "example.com/shop/store.SaveOrder"}}}
	if diff := cmp.Diff(want, orders.DomainFiles); diff != "" {
		t.Errorf("domain files of the orders service (-want +got):\n%s", diff)
	}
	if got := domainSummary(plan); !strings.Contains(got, "2 files of shared domain packages moved to the 2 services using them") {
		t.Errorf("summary %q", got)
	}
}

// unitFinder returns a lookup of a unit by the end of its id (a name,
// or folder/name) or by its table's name.
func unitFinder(t *testing.T, m *model) func(string) int32 {
	return func(key string) int32 {
		for u := range m.units {
			id := m.unitNode(int32(u)).ID
			if strings.HasSuffix(id, "/"+key) || strings.HasSuffix(id, "."+key) || id == "table:"+key {
				return int32(u)
			}
		}
		t.Fatalf("no unit %s", key)
		return -1
	}
}
