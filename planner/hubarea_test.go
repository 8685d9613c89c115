package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHubAreas: the handlers of a hub (a Server struct every area's
// handlers hang off, each area's in its own file) that sit in the hub's
// service go to the service of their area, with their routes; the hub's
// own methods stay. A type whose apart methods are of one area is no hub;
// handlers tied more to the hub's service and units a constraint places
// stay.
func TestHubAreas(t *testing.T) {
	hub := []string{"type Server web/server.go", "method (*Server).session web/server.go",
		"method (*Server).handleOrders web/orders.go", "method (*Server).handleUsers web/users.go",
		"method (*Server).handlePayments web/payments.go", "route /me -"}
	hubEdges := []string{"(*Server).handleOrders calls SaveOrder", "(*Server).handleOrders calls (*Server).session",
		"(*Server).handleUsers calls SaveUser", "(*Server).handleUsers references User", "(*Server).handleUsers calls (*Server).session",
		"(*Server).handlePayments calls SavePayment", "/me handles (*Server).handleUsers"}
	logs := []string{"func Log1 logx/a.go", "func Log2 logx/b.go", "func Log3 logx/c.go"}
	for _, tc := range []struct {
		name         string
		nodes, edges []string
		constrain    []string
		want         map[string]int32
		wantMoves    []string
	}{{
		name: "an area's handlers leave the hub's service with their routes", nodes: hub, edges: hubEdges,
		want:      map[string]int32{"(*Server).handleUsers": 1, "/me": 1, "(*Server).handlePayments": 2, "Server": 3, "(*Server).session": 3, "(*Server).handleOrders": 0},
		wantMoves: []string{"web/payments.go", "web/users.go"},
	}, {
		name:  "a type whose apart methods are of one area is no hub",
		nodes: []string{"type Server web/server.go", "method (*Server).session web/server.go", "method (*Server).handleUsers web/users.go"},
		edges: []string{"(*Server).handleUsers calls SaveUser", "(*Server).handleUsers references User", "(*Server).handleUsers calls (*Server).session"},
		want:  map[string]int32{"(*Server).handleUsers": 3},
	}, {
		name: "handlers tied more to the hub's service stay", nodes: append(slices.Clone(hub), logs...),
		edges:     append(slices.Clone(hubEdges), "(*Server).handleUsers calls Log1", "(*Server).handleUsers calls Log2", "(*Server).handleUsers calls Log3"),
		want:      map[string]int32{"(*Server).handleUsers": 3, "/me": 3, "(*Server).handlePayments": 2},
		wantMoves: []string{"web/payments.go"},
	}, {
		name: "a handler a constraint places stays", nodes: hub, edges: hubEdges, constrain: []string{"(*Server).handleUsers"},
		want:      map[string]int32{"(*Server).handleUsers": 3},
		wantMoves: []string{"web/payments.go"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			m := newModel(areaApp(tc.nodes, tc.edges))
			r := newRoles(m)
			cons := freeConstraints(len(m.units))
			find := func(key string) int32 {
				for u := range m.units {
					id := m.unitNode(int32(u)).ID
					if strings.HasSuffix(id, "."+key) || id == "route:GET "+key {
						return int32(u)
					}
				}
				return -1
			}
			unit := func(key string) int32 {
				u := find(key)
				if u < 0 {
					t.Fatalf("no unit %s", key)
				}
				return u
			}
			// the clustering glued the hub, its users' and payments'
			// handlers and logging into one service; the orders handler
			// went to its area
			label := areaLabels(m)
			for _, k := range []string{"Server", "(*Server).session", "(*Server).handleUsers", "(*Server).handlePayments", "/me"} {
				if u := find(k); u >= 0 {
					label[u] = 3
				}
			}
			for _, k := range tc.constrain {
				cons.set[unit(k)] = 0
			}
			moves := hubAreas(m, buildSignals(m, DefaultConfig().Weights), r, cons, label)
			got := map[string]int32{}
			for k := range tc.want {
				got[k] = label[unit(k)]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			var files []string
			for _, mv := range moves {
				files = append(files, mv.file)
			}
			if diff := cmp.Diff(tc.wantMoves, files); diff != "" {
				t.Errorf("moved files (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHubPlacementsExplain: a moved handler file is listed in its new
// service with its hub, its units and the code that placed it.
func TestHubPlacementsExplain(t *testing.T) {
	m := newModel(areaApp([]string{"type Server web/server.go", "method (*Server).session web/server.go",
		"method (*Server).handleUsers web/users.go", "method (*Server).handleOrders web/orders.go"},
		[]string{"(*Server).handleUsers calls SaveUser", "(*Server).handleUsers references User", "(*Server).handleUsers calls (*Server).session",
			"(*Server).handleOrders calls SaveOrder"}))
	r := newRoles(m)
	cons := freeConstraints(len(m.units))
	s := buildSignals(m, DefaultConfig().Weights)
	label := areaLabels(m)
	for u := range label {
		if n := m.unitNode(int32(u)); n.Name == "Server" || n.Name == "(*Server).session" || n.Name == "(*Server).handleUsers" {
			label[u] = 3
		}
	}
	moves := hubAreas(m, s, r, cons, label)
	plan := explainPlan(m, s, r, cons, label, 4, nil, nil, nil, nil)
	hubPlacements(m, plan, moves)
	var got []HubPlacement
	for _, sv := range plan.Services {
		if slices.Contains(sv.Members, "example.com/shop/store.SaveUser") {
			got = sv.Hubs
		}
	}
	want := []HubPlacement{{File: "web/users.go", Hub: "example.com/shop/web.Server",
		Units:   []string{"example.com/shop/web.(*Server).handleUsers"},
		Because: []string{"example.com/shop/models.User", "example.com/shop/store.SaveUser"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hub placements (-want +got):\n%s", diff)
	}
}
