package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

// areaApp is a layered app of three areas (orders, users, payments), each
// a service with a route, a handler, a store writing the area's table
// and a model type, plus the given extra nodes and edges. Nodes are
// "kind name file" (symbols are declared in the file's folder as a
// package); edges are "from kind to", each end a name (the first node of
// that name) or a folder-qualified name ("migrate/models.Order").
func areaApp(extraNodes, extraEdges []string) analyzer.Document {
	nodes := []string{}
	edges := []string{}
	for _, a := range []string{"Order", "User", "Payment"} {
		low := strings.ToLower(a)
		nodes = append(nodes, "route /"+low+"s -",
			"func Handle"+a+" api/"+low+".go", "func Save"+a+" store/"+low+".go",
			"type "+a+" models/"+low+".go", "table "+low+"s -")
		edges = append(edges, "/"+low+"s handles Handle"+a, "Handle"+a+" calls Save"+a,
			"Save"+a+" references "+a, "Save"+a+" writes "+low+"s", "Handle"+a+" references "+a)
	}
	nodes = append(nodes, extraNodes...)
	edges = append(edges, extraEdges...)
	d := analyzer.Document{Schema: analyzer.Schema, Module: "example.com/shop"}
	ids := map[string]string{}
	for i, n := range nodes {
		f := strings.Fields(n)
		kind, key, file := analyzer.NodeKind(f[0]), f[1], f[2]
		node := analyzer.Node{Kind: kind, Name: key, Lines: 5}
		switch kind {
		case analyzer.KindRoute:
			node.ID = "route:GET " + key
		case analyzer.KindTable:
			node.ID = "table:" + key
		default:
			dir := file[:strings.LastIndexByte(file, '/')]
			node.Package = "example.com/shop/" + dir
			node.ID = node.Package + "." + key
			node.Pos = file + ":" + itoa(i+1)
		}
		if _, taken := ids[key]; !taken {
			ids[key] = node.ID
		}
		if node.Package != "" {
			ids[strings.TrimPrefix(node.ID, "example.com/shop/")] = node.ID
		}
		d.Nodes = append(d.Nodes, node)
	}
	for _, e := range edges {
		var from, kind, to string
		splitTriple(e, &from, &kind, &to)
		d.Edges = append(d.Edges, analyzer.Edge{From: ids[from], To: ids[to], Kind: analyzer.EdgeKind(kind), Weight: 1})
	}
	return d
}

// areaLabels labels every unit by the area its name carries (0 orders, 1
// users, 2 payments) and the rest 3: the clustering kept the seed or
// migration package together around its driver.
func areaLabels(m *model) []int32 {
	label := make([]int32, len(m.units))
	for u := range label {
		n := strings.ToLower(m.unitNode(int32(u)).Name)
		switch {
		case strings.Contains(n, "order") && !strings.Contains(n, "seed"):
			label[u] = 0
		case strings.Contains(n, "user") && !strings.Contains(n, "seed"):
			label[u] = 1
		case strings.Contains(n, "payment") && !strings.Contains(n, "seed"):
			label[u] = 2
		default:
			label[u] = 3
		}
	}
	return label
}

// freeConstraints are the constraints of a plan section that states none.
func freeConstraints(n int) *constraints {
	c := &constraints{set: make([]int32, n), forced: make([]bool, n), excluded: make([]bool, n)}
	for u := range c.set {
		c.set[u] = -1
	}
	return c
}

// TestPlaceConcernFiles: a package whose files fill or declare the tables
// of several areas (seed data, a migration's copies of the models) is
// split by concern: each file goes to the service whose data it is, the
// driver stays. Fewer areas, constrained units, packages serving routes and a
// single area's code stay where clustering put them. The package's base
// that the moved files all use is shared code.
func TestPlaceConcernFiles(t *testing.T) {
	seeds := []string{"func SeedOrders seed/orders.go", "func SeedUsers seed/users.go", "func SeedPayments seed/payments.go", "func RunSeeds seed/run.go"}
	seedEdges := []string{"RunSeeds calls SeedOrders", "RunSeeds calls SeedUsers", "RunSeeds calls SeedPayments",
		"SeedOrders writes orders", "SeedOrders references Order", "SeedUsers writes users", "SeedUsers references User",
		"SeedPayments writes payments", "SeedPayments references Payment"}
	for _, tc := range []struct {
		name         string
		nodes, edges []string
		constrain    []string // keys of units a feature places
		want         map[string]int32
	}{{
		name: "seed files go to the area whose table they fill", nodes: seeds, edges: seedEdges,
		want: map[string]int32{"SeedOrders": 0, "SeedUsers": 1, "SeedPayments": 2, "RunSeeds": 3, "orders": 0, "users": 1, "payments": 2},
	}, {
		name:  "seed files that only write a table go by the table's owner",
		nodes: seeds,
		edges: []string{"RunSeeds calls SeedOrders", "RunSeeds calls SeedUsers", "RunSeeds calls SeedPayments",
			"SeedOrders writes orders", "SeedUsers writes users", "SeedPayments writes payments"},
		want: map[string]int32{"SeedOrders": 0, "SeedUsers": 1, "SeedPayments": 2, "RunSeeds": 3},
	}, {
		name: "a migration's copies of the models go with the models",
		nodes: []string{"type Order migrate/models/order.go", "type User migrate/models/user.go",
			"type Payment migrate/models/payment.go", "type Model migrate/models/base.go", "func Migrate migrate/run.go"},
		edges: []string{"migrate/models.Order embeds Model"},
		want:  map[string]int32{"migrate/models.Order": 0, "migrate/models.User": 1, "migrate/models.Payment": 2, "Model": 3, "Migrate": 3},
	}, {
		name: "the base every copy embeds is shared code",
		nodes: []string{"type Order migrate/models/order.go", "type User migrate/models/user.go",
			"type Payment migrate/models/payment.go", "type Model migrate/models/base.go", "func Migrate migrate/run.go"},
		edges: []string{"migrate/models.Order embeds Model", "migrate/models.User embeds Model", "migrate/models.Payment embeds Model",
			"Migrate references migrate/models.Order"},
		want: map[string]int32{"migrate/models.Order": 0, "migrate/models.User": 1, "migrate/models.Payment": 2, "Model": labelKernel, "Migrate": 3},
	}, {
		name: "a base that uses a service's code is no shared code",
		nodes: []string{"type Order migrate/models/order.go", "type User migrate/models/user.go",
			"type Payment migrate/models/payment.go", "type Model migrate/models/base.go", "func Migrate migrate/run.go"},
		edges: []string{"migrate/models.Order embeds Model", "migrate/models.User embeds Model", "migrate/models.Payment embeds Model",
			"Model references Migrate"},
		want: map[string]int32{"migrate/models.Order": 0, "migrate/models.User": 1, "migrate/models.Payment": 2, "Model": 3},
	}, {
		name:  "files about two other areas are the service's own code using theirs",
		nodes: seeds[1:], edges: []string{"RunSeeds calls SeedUsers", "RunSeeds calls SeedPayments",
			"SeedUsers writes users", "SeedUsers references User", "SeedPayments writes payments", "SeedPayments references Payment"},
		want: map[string]int32{"SeedUsers": 3, "SeedPayments": 3},
	}, {
		name: "a feature's files stay", nodes: seeds, edges: seedEdges, constrain: []string{"SeedOrders", "SeedUsers"},
		want: map[string]int32{"SeedOrders": 3, "SeedUsers": 3, "SeedPayments": 3},
	}, {
		name:  "a package that serves a route stays",
		nodes: append(slices.Clone(seeds), "route /seed -"),
		edges: append(slices.Clone(seedEdges), "/seed handles RunSeeds"),
		want:  map[string]int32{"SeedOrders": 3, "SeedUsers": 3, "SeedPayments": 3},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			d := areaApp(tc.nodes, tc.edges)
			m := newModel(d)
			r := newRoles(m)
			cons := freeConstraints(len(m.units))
			label := areaLabels(m)
			// the migration's model copies carry area names: the
			// clustering had them with their package
			for u := range label {
				if n := m.unitNode(int32(u)); strings.Contains(n.Package, "migrate") || strings.Contains(n.Package, "seed") {
					label[u] = 3
				}
			}
			unit := unitFinder(t, m)
			for _, k := range tc.constrain {
				cons.set[unit(k)] = 0
			}
			placeConcernFiles(m, buildSignals(m, DefaultConfig().Weights), r, cons, label, 0)
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

// TestConcernPlacementsExplain: each moved file is listed in its new
// service, with the service the rest of its package is in and the data
// that placed it.
func TestConcernPlacementsExplain(t *testing.T) {
	d := areaApp([]string{"func SeedOrders seed/orders.go", "func SeedUsers seed/users.go", "func SeedPayments seed/payments.go", "func RunSeeds seed/run.go"},
		[]string{"RunSeeds calls SeedOrders", "RunSeeds calls SeedUsers", "RunSeeds calls SeedPayments",
			"SeedOrders writes orders", "SeedOrders references Order", "SeedUsers writes users", "SeedPayments writes payments"})
	m := newModel(d)
	r := newRoles(m)
	cons := freeConstraints(len(m.units))
	label := areaLabels(m)
	s := buildSignals(m, DefaultConfig().Weights)
	moves := placeConcernFiles(m, s, r, cons, label, 0)
	plan := explainPlan(m, s, r, cons, label, 4, nil, nil, moves, nil)
	var got []ConcernPlacement
	for _, sv := range plan.Services {
		if sv.Name == "order" || sv.Name == "orders" {
			got = sv.Concerns
		}
	}
	seedService := ""
	for _, sv := range plan.Services {
		if slices.Contains(sv.Members, "example.com/shop/seed.RunSeeds") {
			seedService = sv.Name
		}
	}
	want := []ConcernPlacement{{File: "seed/orders.go", Units: []string{"example.com/shop/seed.SeedOrders"},
		ClosestByCode: seedService, Because: []string{"example.com/shop/models.Order", "table:orders"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("orders' concerns (-want +got):\n%s", diff)
	}
}

// TestSplitBridged: when the seed file of one area had pulled that area
// into the driver's service, the area and the driver are two services
// once the other seed files have left, and the area's seed file goes with
// the area; without a second route or table the service stays whole.
func TestSplitBridged(t *testing.T) {
	nodes := []string{"route /init -", "func InitDB setup/driver.go",
		"func SeedOrders seed/orders.go", "func SeedUsers seed/users.go", "func SeedPayments seed/payments.go",
		"func SeedDepartments seed/departments.go"}
	edges := []string{"/init handles InitDB", "InitDB calls SeedOrders", "InitDB calls SeedUsers", "InitDB calls SeedPayments",
		"InitDB calls SeedDepartments", "SeedOrders writes orders", "SeedUsers writes users", "SeedPayments writes payments",
		"SeedDepartments writes departments", "SeedDepartments references Department"}
	area := []string{"route /departments -", "func HandleDepartment api/department.go", "func SaveDepartment store/department.go",
		"type Department models/department.go", "table departments -"}
	areaEdges := []string{"/departments handles HandleDepartment", "HandleDepartment calls SaveDepartment",
		"SaveDepartment writes departments", "SaveDepartment references Department"}
	for _, tc := range []struct {
		name      string
		withArea  bool
		wantApart bool
	}{
		{"an area glued to the driver by its seed file is split off", true, true},
		{"a driver with no area beside it stays whole", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns, es := slices.Clone(nodes), slices.Clone(edges)
			if tc.withArea {
				ns, es = append(ns, area...), append(es, areaEdges...)
			} else {
				ns = append(ns, "table departments -")
			}
			m := newModel(areaApp(ns, es))
			r := newRoles(m)
			cons := freeConstraints(len(m.units))
			label := areaLabels(m)
			placeConcernFiles(m, buildSignals(m, DefaultConfig().Weights), r, cons, label, 0)
			unit := func(id string) int32 { return m.unitOf[m.index[id]] }
			driver := label[unit("example.com/shop/setup.InitDB")]
			seed := label[unit("example.com/shop/seed.SeedDepartments")]
			if got := label[unit("example.com/shop/seed.SeedOrders")]; got != 0 {
				t.Errorf("SeedOrders in %d, want 0", got)
			}
			if !tc.withArea {
				if seed != driver {
					t.Errorf("SeedDepartments in %d, want the driver's %d", seed, driver)
				}
				return
			}
			for _, id := range []string{"example.com/shop/api.HandleDepartment", "example.com/shop/store.SaveDepartment",
				"route:GET /departments", "table:departments", "example.com/shop/seed.SeedDepartments"} {
				if got, want := label[unit(id)], label[unit("example.com/shop/models.Department")]; got != want {
					t.Errorf("%s in %d, want the department area's %d", id, got, want)
				}
			}
			if apart := seed != driver; apart != tc.wantApart || driver < 0 || seed < 0 {
				t.Errorf("driver in %d, department area in %d, want apart %v", driver, seed, tc.wantApart)
			}
		})
	}
}

// TestConcernSummary: the summary counts the files moved and the services
// they went to, and says nothing when no package was split.
func TestConcernSummary(t *testing.T) {
	for _, tc := range []struct {
		name     string
		services []Service
		want     string
	}{
		{"none", []Service{{Name: "orders"}}, ""},
		{"one", []Service{{Name: "orders", Concerns: []ConcernPlacement{{File: "seed/orders.go"}}}},
			`1 file of seed or migration code moved to the 1 service whose data it holds (see each service's "concerns")`},
		{"several", []Service{{Name: "orders", Concerns: []ConcernPlacement{{File: "seed/orders.go"}, {File: "seed/items.go"}}},
			{Name: "users", Concerns: []ConcernPlacement{{File: "seed/users.go"}}}, {Name: "payments"}},
			`3 files of seed or migration code moved to the 2 services whose data they hold (see each service's "concerns")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := concernSummary(&Plan{Services: tc.services}); got != tc.want {
				t.Errorf("concernSummary = %q, want %q", got, tc.want)
			}
		})
	}
}
