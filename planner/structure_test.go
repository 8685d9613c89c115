package planner

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// docBuilder writes small graphs whose folders say how the code is
// organized.
type docBuilder struct{ d analyzer.Document }

func (b *docBuilder) fn(pkgDir, name, file string) string {
	id := "example.com/app/" + pkgDir + "." + name
	b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: id, Kind: analyzer.KindFunc, Name: name,
		Package: "example.com/app/" + pkgDir, Pos: pkgDir + "/" + file + ":1", Lines: 10})
	return id
}

func (b *docBuilder) call(from, to string, w int) {
	b.d.Edges = append(b.d.Edges, analyzer.Edge{From: from, To: to, Kind: analyzer.EdgeCalls, Weight: w})
}

func (b *docBuilder) route(pattern, handler string) {
	id := "route:" + pattern
	b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: id, Kind: analyzer.KindRoute, Name: pattern, Lines: 1})
	b.d.Edges = append(b.d.Edges, analyzer.Edge{From: id, To: handler, Kind: analyzer.EdgeHandles, Weight: 1})
}

// area adds one business area: a handler calling a service calling a
// store, each layer with a few helpers; dirs gives each layer's folder.
func (b *docBuilder) area(name string, dirs [3]string) (handler, service, store string) {
	var ids [3]string
	for i, dir := range dirs {
		prev := ""
		for j := 0; j < 4; j++ {
			id := b.fn(dir, fmt.Sprintf("%s%d%d", name, i, j), name+".go")
			if prev != "" {
				b.call(prev, id, 2)
			}
			prev = id
			if j == 0 {
				ids[i] = id
			}
		}
	}
	b.call(ids[0], ids[1], 3)
	b.call(ids[1], ids[2], 3)
	b.route("GET /"+name+"/{id}", ids[0])
	return ids[0], ids[1], ids[2]
}

func (b *docBuilder) doc() analyzer.Document {
	b.d.Schema = analyzer.Schema
	b.d.Module = "example.com/app"
	slices.SortFunc(b.d.Nodes, func(x, y analyzer.Node) int { return cmpString(x.ID, y.ID) })
	return b.d
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestFeatureFoldersAreServices: code organized by feature folder keeps
// each folder whole as one service named after it, even where one
// feature calls another heavily; shared helpers are no service.
func TestFeatureFoldersAreServices(t *testing.T) {
	var b docBuilder
	areas := []string{"orders", "billing", "users"}
	var handlers, stores []string
	for _, a := range areas {
		h, _, st := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
		handlers, stores = append(handlers, h), append(stores, st)
	}
	// orders leans on billing harder than on its own store: a clustering
	// of calls alone would merge them.
	for i := 0; i < 4; i++ {
		b.call(fmt.Sprintf("example.com/app/internal/orders/app.orders1%d", i), fmt.Sprintf("example.com/app/internal/billing/app.billing1%d", i), 9)
	}
	for i := 0; i < 3; i++ {
		lib := b.fn("internal/platform", fmt.Sprintf("Helper%d", i), "platform.go")
		for _, h := range handlers {
			b.call(h, lib, 1)
		}
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	names := planNames(p)
	slices.Sort(names)
	if want := []string{"billing", "orders", "users"}; !slices.Equal(names, want) {
		t.Errorf("services %v, want %v", names, want)
	}
	for _, s := range p.Services {
		for _, id := range s.Members {
			n := analyzer.Node{}
			for _, x := range b.d.Nodes {
				if x.ID == id {
					n = x
				}
			}
			if n.Kind == analyzer.KindFunc && !slices.Contains([]string{"internal/" + s.Name + "/http", "internal/" + s.Name + "/app", "internal/" + s.Name + "/adapters", "internal/platform"}, n.Package[len("example.com/app/"):]) {
				t.Errorf("%s holds %s from another feature", s.Name, id)
			}
		}
	}
	if len(p.Organization) == 0 || p.Organization[0].Dir != "internal" || p.Organization[0].Layout != "feature" {
		t.Errorf("organization %+v, want internal read as a feature layout", p.Organization)
	}
}

// TestLayeredCodeIsClustered: code organized by layer states no feature;
// the areas are found across the layers.
func TestLayeredCodeIsClustered(t *testing.T) {
	var b docBuilder
	for _, a := range []string{"orders", "billing", "users"} {
		b.area(a, [3]string{"handlers", "services", "repository"})
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Features) != 0 {
		t.Errorf("features %+v in layered code", p.Features)
	}
	if len(p.Organization) != 1 || p.Organization[0].Layout != "layer" {
		t.Errorf("organization %+v, want the root read as layers", p.Organization)
	}
	if len(p.Services) != 3 {
		t.Errorf("%d services, want the 3 areas", len(p.Services))
	}
}

func TestFeatureKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"userapp", "user"}, {"productbus", "product"}, {"checkoutservice", "checkout"},
		{"order-service", "order"}, {"Orders", "orders"}, {"api", "api"}, {"usercenter", "usercenter"},
	} {
		if got := featureKey(tt.in); got != tt.want {
			t.Errorf("featureKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsLayerWord(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"handlers", true}, {"v2", true}, {"ports", true}, {"genproto", true}, {"plugins", true}, {"plugin", true}, {"orders", false}, {"booking", false}, {"v", false},
		// an app's integrations (slack, webhooks) are a business area
		{"integration", false},
	} {
		if got := isLayerWord(tt.in); got != tt.want {
			t.Errorf("isLayerWord(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsTestHelperFile(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"internal/mocks/store.go", true}, {"store/mock_store.go", true}, {"e2e/client.go", true},
		{"integration/util/cluster.go", true},
		{"internal/integration/slack/slack.go", false},
		{"internal/integration/integration.go", false},
		{"internal/orders/service.go", false},
	} {
		if got := isTestHelperFile(tt.in); got != tt.want {
			t.Errorf("isTestHelperFile(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestGeneratedAndTestHelpersAreNoServices: a service made of generated
// code joins the service that uses it; one made of test helpers tied to
// nothing is left unplaced.
func TestGeneratedAndTestHelpersAreNoServices(t *testing.T) {
	var b docBuilder
	orders := b.fn("orders", "Place", "orders.go")
	users := b.fn("users", "Register", "users.go")
	var gen []string
	for i := 0; i < 3; i++ {
		g := b.fn("api/orderspb", fmt.Sprintf("Msg%d", i), "orders.pb.go")
		b.call(orders, g, 2)
		gen = append(gen, g)
	}
	mock := b.fn("internal/mocks", "FakeStore", "store.go")
	doc := b.doc()
	m := newModel(doc)
	s := buildSignals(m, DefaultConfig().Weights)
	r := newRoles(m)
	cons, err := resolveConstraints(m, r, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	label := make([]int32, len(m.units))
	at := func(id string) int32 { return m.unitOf[m.index[id]] }
	label[at(orders)], label[at(users)], label[at(mock)] = 0, 1, 3
	for _, g := range gen {
		label[at(g)] = 2
	}
	mergeNonServices(m, s, cons, label)
	for _, g := range gen {
		if label[at(g)] != label[at(orders)] {
			t.Errorf("generated %s is in service %d, orders in %d", g, label[at(g)], label[at(orders)])
		}
	}
	if label[at(mock)] != labelUnplaced {
		t.Errorf("test helper in %d, want unplaced", label[at(mock)])
	}
	if label[at(users)] == label[at(orders)] {
		t.Error("users merged into orders")
	}
}

// TestGeneratedFeatureStays: a feature folder the code states is a
// service even when most of it is generated code.
func TestGeneratedFeatureStays(t *testing.T) {
	var b docBuilder
	orders := b.fn("orders", "Place", "orders.go")
	var gen []string
	for i := 0; i < 5; i++ {
		g := b.fn("users", fmt.Sprintf("Msg%d", i), "users.pb.go")
		b.call(orders, g, 2)
		gen = append(gen, g)
	}
	m := newModel(b.doc())
	s := buildSignals(m, DefaultConfig().Weights)
	r := newRoles(m)
	cons, err := resolveConstraints(m, r, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	cons.feature = make([]bool, len(m.units))
	label := make([]int32, len(m.units))
	for _, g := range gen {
		u := m.unitOf[m.index[g]]
		label[u], cons.feature[u] = 1, true
	}
	mergeNonServices(m, s, cons, label)
	if l := label[m.unitOf[m.index[gen[0]]]]; l == label[m.unitOf[m.index[orders]]] || l < 0 {
		t.Errorf("the generated feature was merged away (label %d)", l)
	}
}

// TestMoreServicesThanFeatures: asking for more services than the code
// has features lets the clustering cut into them.
func TestMoreServicesThanFeatures(t *testing.T) {
	var b docBuilder
	for _, a := range []string{"orders", "billing", "users"} {
		// two unrelated areas in each feature folder
		for _, part := range []string{a, a + "x"} {
			b.area(part, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
		}
	}
	doc := b.doc()
	kept, err := Propose(context.Background(), doc, Options{Seed: 1, Services: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.Services) != 3 {
		t.Errorf("asked for the 3 features, got %d services", len(kept.Services))
	}
	more, err := Propose(context.Background(), doc, Options{Seed: 1, Services: 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(more.Services) <= 3 {
		t.Errorf("asked for 6 services, got %d: the features were not opened", len(more.Services))
	}
}

// TestSameNameServicesMerge: two services that would carry the same
// business word (its handlers apart from its store) are one.
func TestSameNameServicesMerge(t *testing.T) {
	var b docBuilder
	var ids [3][]string
	for i, spec := range []struct{ dir, name string }{{"http", "Dial"}, {"sqlite", "Dials"}, {"http", "User"}} {
		for j := 0; j < 4; j++ {
			ids[i] = append(ids[i], b.fn(spec.dir, fmt.Sprintf("%s%d", spec.name, j), strings.ToLower(spec.name)+".go"))
		}
	}
	m := newModel(b.doc())
	r := newRoles(m)
	cons, err := resolveConstraints(m, r, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	label := make([]int32, len(m.units))
	for i, group := range ids {
		for _, id := range group {
			label[m.unitOf[m.index[id]]] = int32(i)
		}
	}
	mergeSameName(m, cons, label)
	at := func(id string) int32 { return label[m.unitOf[m.index[id]]] }
	if at(ids[0][0]) != at(ids[1][0]) {
		t.Error("dial and dials stay apart")
	}
	if at(ids[0][0]) == at(ids[2][0]) {
		t.Error("user merged with dial")
	}
}

// TestKernelShareCap: above kernel.max_share, kernel code that one
// service mostly uses goes to it; without a cap it stays.
func TestKernelShareCap(t *testing.T) {
	var b docBuilder
	var as, bs, hs []string
	for i := 0; i < 10; i++ {
		as = append(as, b.fn("internal/orders", fmt.Sprintf("A%d", i), "orders.go"))
		bs = append(bs, b.fn("internal/billing", fmt.Sprintf("B%d", i), "billing.go"))
		hs = append(hs, b.fn("internal/shop", fmt.Sprintf("H%d", i), "shop.go"))
	}
	for i := range hs {
		b.call(as[i], hs[i], 3)
		b.call(bs[i], hs[i], 1)
	}
	m := newModel(b.doc())
	s := buildSignals(m, DefaultConfig().Weights)
	r := newRoles(m)
	kernel := func(max float64) int {
		cons, err := resolveConstraints(m, r, DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		label := make([]int32, len(m.units))
		for i := range hs {
			label[m.unitOf[m.index[as[i]]]] = 0
			label[m.unitOf[m.index[bs[i]]]] = 1
			label[m.unitOf[m.index[hs[i]]]] = labelKernel
		}
		trimKernel(m, s, r, cons, label, max)
		n := 0
		for _, l := range label {
			if l == labelKernel {
				n++
			}
		}
		return n
	}
	if got := kernel(1); got != 10 {
		t.Errorf("without a cap the kernel keeps %d of 10 shared helpers", got)
	}
	if got, limit := kernel(0.15), 4; got > limit {
		t.Errorf("max_share 0.15 leaves %d kernel units, want at most %d", got, limit)
	}
}

// TestLoneTableIsNoService: a table the schema declares and no code
// touches makes no service of its own; it is left unplaced.
func TestLoneTableIsNoService(t *testing.T) {
	var b docBuilder
	for _, a := range []string{"orders", "billing", "users"} {
		b.area(a, [3]string{"handlers", "services", "repository"})
	}
	b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: "table:base_users", Kind: analyzer.KindTable, Name: "base_users"})
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Services {
		if slices.Contains(s.Members, "table:base_users") {
			t.Errorf("service %s holds the lone table: %v", s.Name, s.Members)
		}
	}
	if !slices.Contains(p.Unplaced, "table:base_users") {
		t.Errorf("unplaced %v, want the lone table in it", p.Unplaced)
	}
}

// TestFolderOfFeaturesIsNoFeature: a folder whose folders are features
// with layers of their own (plugin/ai, plugin/email) holds features; it is
// not one, and its features stand beside the other features.
func TestFolderOfFeaturesIsNoFeature(t *testing.T) {
	var b docBuilder
	for _, a := range []string{"orders", "billing"} {
		b.area(a, [3]string{a + "/api", a + "/service", a + "/model"})
	}
	for _, a := range []string{"ai", "email", "announcement"} {
		b.area(a, [3]string{"plugin/" + a + "/api", "plugin/" + a + "/service", "plugin/" + a + "/model"})
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	feats := featureNames(p)
	if want := []string{"ai", "announcement", "billing", "email", "orders"}; !slices.Equal(feats, want) {
		t.Errorf("features %v, want %v", feats, want)
	}
}

// featureNames returns the names of a plan's features, sorted.
func featureNames(p *Plan) []string {
	var out []string
	for _, f := range p.Features {
		out = append(out, f.Name)
	}
	slices.Sort(out)
	return out
}

// TestGenericFolderIsNoFeature: beside feature folders, a folder of
// generic code that serves requests or runs a job (internal/metric with
// its collector's route) is no business area: it states no feature.
func TestGenericFolderIsNoFeature(t *testing.T) {
	var b docBuilder
	var handlers []string
	for _, a := range []string{"orders", "billing", "users"} {
		h, _, _ := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
		handlers = append(handlers, h)
	}
	var metric []string
	for i := 0; i < 8; i++ {
		metric = append(metric, b.fn("internal/metric", fmt.Sprintf("Gauge%d", i), "metric.go"))
		if i > 0 {
			b.call(metric[0], metric[i], 1)
		}
	}
	b.route("GET /collect", metric[0])
	for _, h := range handlers {
		b.call(h, metric[1], 1)
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	feats := featureNames(p)
	if want := []string{"billing", "orders", "users"}; !slices.Equal(feats, want) {
		t.Errorf("features %v, want %v", feats, want)
	}
}

// TestGenericPackageTheKernelUsesStaysShared: a generic package one
// service uses but the wiring uses too (the database handle main opens)
// stays in the kernel: the kernel cannot depend on a service.
func TestGenericPackageTheKernelUsesStaysShared(t *testing.T) {
	var b docBuilder
	var handlers, stores []string
	for _, a := range []string{"orders", "billing", "users"} {
		h, _, st := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
		handlers, stores = append(handlers, h), append(stores, st)
	}
	var db []string
	for i := 0; i < 4; i++ {
		db = append(db, b.fn("pkg/dbcontext", fmt.Sprintf("DB%d", i), "db.go"))
		if i > 0 {
			b.call(db[i-1], db[i], 1)
		}
	}
	b.call(stores[0], db[0], 3)
	main := b.fn("cmd/server", "main", "main.go")
	for _, h := range handlers {
		b.call(main, h, 1)
	}
	b.call(main, db[0], 1)
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range db {
		if !slices.Contains(p.Shared, id) {
			t.Errorf("%s is not in the kernel; services %v", id, p.Services)
		}
	}
}

// TestHelperPackageOneServiceUsesIsALibrary: a package of a generic folder
// that only one service uses is that service's when its name is a word of
// the business (pkg/orders, beside the route /orders), and a library in
// the kernel when it is not (pkg/pagination): the team put it in pkg/ to
// share it.
func TestHelperPackageOneServiceUsesIsALibrary(t *testing.T) {
	tests := []struct {
		pkg        string
		wantShared bool
	}{
		{"pkg/pagination", true},
		{"pkg/orders", false},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			var b docBuilder
			var handlers []string
			for _, a := range []string{"orders", "billing", "users"} {
				h, _, _ := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
				handlers = append(handlers, h)
			}
			var helper []string
			for i := 0; i < 3; i++ {
				helper = append(helper, b.fn(tt.pkg, fmt.Sprintf("Helper%d", i), "helper.go"))
				if i > 0 {
					b.call(helper[i-1], helper[i], 1)
				}
			}
			b.call(handlers[0], helper[0], 2)
			p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range helper {
				if got := slices.Contains(p.Shared, id); got != tt.wantShared {
					t.Errorf("%s shared = %v, want %v; services %v", id, got, tt.wantShared, p.Services)
				}
			}
		})
	}
}

// TestHelperFileIsGeneric: a file named for generic code (errors.go,
// helper.go) holds a library whatever its folder: the sentinel errors of a
// domain package are shared even when one service uses them, while the
// package's order.go goes with the orders service. The errors file of a
// folder named after an area (users/errors.go) is that area's, however
// many services check for its errors.
func TestHelperFileIsGeneric(t *testing.T) {
	for _, tt := range []struct {
		file string
		want bool
	}{
		{"domain/errors.go", true}, {"internal/repository/helper.go", true}, {"pkg/x/common_utils.go", true},
		{"domain/order.go", false}, {"internal/http/handler.go", false}, {"domain/order_errors.go", false},
	} {
		if got := isHelperFileName(tt.file); got != tt.want {
			t.Errorf("isHelperFileName(%q) = %v, want %v", tt.file, got, tt.want)
		}
	}
	for _, tt := range []struct {
		file string
		want bool
	}{
		{"pkg/user/error.go", true}, {"internal/orders/errors.go", true},
		{"pkg/models/error.go", false}, {"internal/errors.go", false}, {"errors.go", false}, {"pkg/util/errors.go", false},
		{"internal/mocks/errors.go", false}, {"internal/apperr/errors.go", false}, {"pkg/apierrors/errors.go", false}, {"pkg/user/helper.go", false}, {"pkg/user/user_errors.go", false},
	} {
		if got := areaErrorFile(tt.file); got != tt.want {
			t.Errorf("areaErrorFile(%q) = %v, want %v", tt.file, got, tt.want)
		}
	}
	var b docBuilder
	var handlers []string
	for _, a := range []string{"orders", "billing", "users"} {
		h, _, _ := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/adapters"})
		handlers = append(handlers, h)
	}
	// an area's own errors (users/errors.go), which every area's handlers
	// check for, are no generic code
	errNoUser := b.fn("users", "ErrNoUser", "errors.go")
	for _, h := range handlers {
		b.call(h, errNoUser, 2)
	}
	errNotFound := b.fn("domain", "ErrNotFound", "errors.go")
	errConflict := b.fn("domain", "ErrConflict", "errors.go")
	order := b.fn("domain", "Order", "order.go")
	for _, id := range []string{errNotFound, errConflict, order} {
		b.call(handlers[0], id, 2)
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{errNotFound: true, errConflict: true, order: false, errNoUser: false} {
		if got := slices.Contains(p.Shared, id); got != want {
			t.Errorf("%s shared = %v, want %v", id, got, want)
		}
	}
}
