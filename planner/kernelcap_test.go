package planner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// kernelFixture is the model of a test's document with its signals,
// roles and constraints, and a labelling with every unit in the kernel:
// what the kernel's rules take.
type kernelFixture struct {
	m     *model
	s     *signals
	r     *roles
	cons  *constraints
	label []int32
}

func newKernelFixture(t *testing.T, b *docBuilder) *kernelFixture {
	t.Helper()
	m := newModel(b.doc())
	r := m.rolesOf()
	cons, err := resolveConstraints(m, r, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	label := make([]int32, len(m.units))
	for u := range label {
		label[u] = labelKernel
	}
	return &kernelFixture{m: m, s: buildSignals(m, DefaultConfig().Weights), r: r, cons: cons, label: label}
}

// unit is the unit of node id.
func (f *kernelFixture) unit(id string) int32 { return f.m.unitOf[f.m.index[id]] }

// check reports the units of ids whose label is not want.
func (f *kernelFixture) check(t *testing.T, what string, ids []string, want int32) {
	t.Helper()
	for _, id := range ids {
		if got := f.label[f.unit(id)]; got != want {
			t.Errorf("%s %s: label %d, want %d", what, id, got, want)
		}
	}
}

// TestGiveSoleUsed: kernel code exactly one service uses goes to that
// service; the composition root (a main package) and the type's own
// constructor, clustered elsewhere, do not count as users; a second
// service using it keeps it shared.
func TestGiveSoleUsed(t *testing.T) {
	tests := []struct {
		name      string
		secondUse bool
		wantLabel int32
	}{
		{"one service uses it", false, 0},
		{"two services use it", true, labelKernel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			typ := "example.com/app/internal/article.Service"
			meth := "example.com/app/internal/article.(*Service).Fetch"
			b.d.Nodes = append(b.d.Nodes,
				analyzer.Node{ID: typ, Kind: analyzer.KindType, Name: "Service", Package: "example.com/app/internal/article", Pos: "internal/article/service.go:1", Lines: 5},
				analyzer.Node{ID: meth, Kind: analyzer.KindMethod, Name: "(*Service).Fetch", Package: "example.com/app/internal/article", Pos: "internal/article/service.go:9", Lines: 5})
			ctor := b.fn("internal/article", "NewService", "service.go")
			main := b.fn("cmd/server", "main", "main.go")
			h1 := b.fn("internal/rest", "FetchArticle", "article.go")
			h2 := b.fn("internal/rest", "StoreAuthor", "author.go")
			b.call(main, ctor, 1)
			b.call(main, meth, 1)
			b.call(ctor, typ, 1)
			b.call(h1, meth, 1)
			if tt.secondUse {
				b.call(h2, meth, 1)
			}
			f := newKernelFixture(t, &b)
			f.label[f.unit(h1)], f.label[f.unit(h2)], f.label[f.unit(ctor)] = 0, 1, 1
			giveSoleUsed(f.m, f.s, f.r, f.cons, f.label)
			f.check(t, "used", []string{typ, meth}, tt.wantLabel)
			f.check(t, "main", []string{main}, labelKernel)
		})
	}
}

// TestKernelProperCountsLikeThePlan: the cap counts the kernel as the
// plan reports it, libraries apart, over the placed units only.
func TestKernelProperCountsLikeThePlan(t *testing.T) {
	var b docBuilder
	var ids []string
	for i := 0; i < 3; i++ {
		ids = append(ids, b.fn("pkg/log", fmt.Sprintf("Log%d", i), "log.go"))
	}
	for i := 0; i < 2; i++ {
		ids = append(ids, b.fn("internal/session", fmt.Sprintf("Session%d", i), "session.go"))
	}
	for i := 0; i < 5; i++ {
		ids = append(ids, b.fn("internal/orders", fmt.Sprintf("Order%d", i), "orders.go"))
	}
	ids = append(ids, b.fn("internal/tools", "Lost", "lost.go"))
	m := newModel(b.doc())
	label := make([]int32, len(m.units))
	for _, id := range ids {
		u := m.unitOf[m.index[id]]
		switch {
		case strings.Contains(id, "/orders."):
			label[u] = 0
		case strings.Contains(id, "/tools."):
			label[u] = labelUnplaced
		default:
			label[u] = labelKernel
		}
	}
	kernel, placed := kernelProper(m, label)
	if kernel != 2 || placed != 10 {
		t.Errorf("kernelProper = %d of %d, want 2 of 10 (the pkg/log library apart, the unplaced unit out)", kernel, placed)
	}
}

// TestTrimKernelHelperFilesLast: over its cap, the kernel gives up code
// one service mostly uses; a domain package's errors.go leaves only when
// nothing else is left to give, and a generic folder's never does.
func TestTrimKernelHelperFilesLast(t *testing.T) {
	tests := []struct {
		name        string
		plain       int // kernel functions of a domain file the orders service uses
		maxShare    float64
		wantErrors  int32
		wantPlainTo int32
	}{
		{name: "plain code leaves first", plain: 30, maxShare: 0.15, wantErrors: labelKernel, wantPlainTo: 0},
		{name: "errors.go leaves when nothing else can", plain: 0, maxShare: 0.05, wantErrors: 0},
		{name: "under the cap errors.go stays", plain: 0, maxShare: 0.15, wantErrors: labelKernel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			var orders, plain, errs, libs []string
			for i := 0; i < 60; i++ {
				orders = append(orders, b.fn("internal/orders", fmt.Sprintf("Order%d", i), "orders.go"))
			}
			for i := 0; i < tt.plain; i++ {
				plain = append(plain, b.fn("internal/models", fmt.Sprintf("Price%d", i), "price.go"))
			}
			for i := 0; i < 8; i++ {
				errs = append(errs, b.fn("internal/models", fmt.Sprintf("ErrOrder%d", i), "errors.go"))
			}
			// the orders' own model: the package is no library
			model := b.fn("internal/models", "Order", "order.go")
			for i := 0; i < 3; i++ {
				libs = append(libs, b.fn("pkg/util", fmt.Sprintf("Slug%d", i), "errors.go"))
			}
			// a package of nothing but errors.go is a library: it never leaves
			for i := 0; i < 3; i++ {
				libs = append(libs, b.fn("internal/apperr", fmt.Sprintf("ErrApp%d", i), "errors.go"))
			}
			for i, o := range orders {
				for _, to := range [][]string{plain, errs, libs} {
					if len(to) > 0 {
						b.call(o, to[i%len(to)], 2)
					}
				}
			}
			f := newKernelFixture(t, &b)
			for _, id := range append(orders, model) {
				f.label[f.unit(id)] = 0
			}
			trimKernel(f.m, f.s, f.r, f.cons, f.label, tt.maxShare)
			if tt.wantErrors == labelKernel {
				f.check(t, "errors.go", errs, labelKernel)
			} else {
				// enough of it leaves to bring the kernel under its cap
				kernel, placed := kernelProper(f.m, f.label)
				moved := 0
				for _, id := range errs {
					if f.label[f.unit(id)] == tt.wantErrors {
						moved++
					}
				}
				if limit := kernelLimit(tt.maxShare, placed); kernel > limit || moved == 0 {
					t.Errorf("kernel proper %d over its cap %d, or no errors.go unit left (%d moved)", kernel, limit, moved)
				}
			}
			f.check(t, "libraries", libs, labelKernel)
			if tt.plain > 0 {
				f.check(t, "plain code", plain, tt.wantPlainTo)
			}
		})
	}
}

// TestTrimKernelKeepsTheCap: generic code the kernel does not hold whole
// (a database/ package whose entity file a service took: the app's model
// layer, not a library) leaves last, but it leaves when nothing else can
// bring the kernel under its cap; a package the kernel holds whole stays.
func TestTrimKernelKeepsTheCap(t *testing.T) {
	tests := []struct {
		name      string
		maxShare  float64
		wantMoved bool
	}{
		{name: "over the cap the model layer's kernel code leaves", maxShare: 0.10, wantMoved: true},
		{name: "under the cap it stays", maxShare: 0.40, wantMoved: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			var orders, users, repo, libs []string
			for i := 0; i < 60; i++ {
				orders = append(orders, b.fn("internal/orders", fmt.Sprintf("Order%d", i), "orders.go"))
			}
			for i := 0; i < 20; i++ {
				users = append(users, b.fn("internal/users", fmt.Sprintf("User%d", i), "users.go"))
			}
			for i := 0; i < 20; i++ {
				repo = append(repo, b.fn("internal/database", fmt.Sprintf("Query%d", i), "repo.go"))
			}
			// the orders' own file of the package, in their service: the
			// package is not held whole
			entity := b.fn("internal/database", "Order", "order.go")
			for i := 0; i < 3; i++ {
				libs = append(libs, b.fn("pkg/util", fmt.Sprintf("Slug%d", i), "slug.go"))
			}
			for i, o := range orders {
				b.call(o, repo[i%len(repo)], 2)
				b.call(o, libs[i%len(libs)], 2)
			}
			// the users use every query too, less: no query has one user
			for i, u := range users {
				b.call(u, repo[i%len(repo)], 1)
			}
			f := newKernelFixture(t, &b)
			for _, id := range append(orders, entity) {
				f.label[f.unit(id)] = 0
			}
			for _, id := range users {
				f.label[f.unit(id)] = 1
			}
			trimKernel(f.m, f.s, f.r, f.cons, f.label, tt.maxShare)
			kernel, placed := kernelProper(f.m, f.label)
			if limit := kernelLimit(tt.maxShare, placed); kernel > limit {
				t.Errorf("kernel proper %d over its cap %d", kernel, limit)
			}
			moved := 0
			for _, id := range repo {
				if f.label[f.unit(id)] == 0 {
					moved++
				}
			}
			if (moved > 0) != tt.wantMoved {
				t.Errorf("%d of the model layer's kernel units moved, want moved: %v", moved, tt.wantMoved)
			}
			f.check(t, "libraries", libs, labelKernel)
		})
	}
}
