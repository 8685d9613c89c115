package planner

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// funcs adds n functions to the folder dir, each calling the next, and
// returns their ids; the first is the folder's entry.
func (b *docBuilder) funcs(dir, prefix string, n int) []string {
	var ids []string
	for i := 0; i < n; i++ {
		ids = append(ids, b.fn(dir, fmt.Sprintf("%s%d", prefix, i), prefix+".go"))
		if i > 0 {
			b.call(ids[i-1], ids[i], 2)
		}
	}
	return ids
}

// program adds a main package in dir whose main calls the given entries.
func (b *docBuilder) program(dir string, calls ...string) string {
	main := b.fn(dir, "main", "main.go")
	for _, c := range calls {
		b.call(main, c, 1)
	}
	return main
}

// deployment adds a kratos-style deployment in dir: a program in
// cmd/server and an internal/{biz,data} of n functions each.
func (b *docBuilder) deployment(dir, prefix string, n int) {
	biz := b.funcs(dir+"/internal/biz", prefix+"Biz", n)
	data := b.funcs(dir+"/internal/data", prefix+"Data", n)
	b.call(biz[0], data[0], 3)
	b.program(dir+"/cmd/server", biz[0])
}

func readFixture(b *docBuilder) *structure {
	m := newModel(b.doc())
	return readStructure(m, newRoles(m))
}

func featureDirs(s *structure) map[string][]string {
	out := map[string][]string{}
	for _, f := range s.features {
		out[f.Name] = f.Dirs
	}
	return out
}

// TestProgramsSplitFeature: a feature folder whose subfolders each hold a
// program with code of its own is one feature per subfolder, and folders
// of its name elsewhere (its generated API) are cut the same way; programs
// under one cmd/, or small program folders beside a big shared internal/,
// leave the feature whole.
func TestProgramsSplitFeature(t *testing.T) {
	tests := []struct {
		name      string
		build     func(b *docBuilder)
		wantDirs  map[string][]string
		wantSplit string // the reason of the split, "" for none
	}{
		{
			name: "two deployments in one folder",
			build: func(b *docBuilder) {
				b.deployment("app/shop/admin", "Admin", 6)
				b.deployment("app/shop/interface", "Iface", 6)
				b.deployment("app/cart/service", "Cart", 6)
			},
			wantDirs: map[string][]string{
				"cart":           {"app/cart"},
				"shop-admin":     {"app/shop/admin"},
				"shop-interface": {"app/shop/interface"},
			},
			wantSplit: "split: 2 programs (cmd/server in admin and interface), each with code of its own",
		},
		{
			name: "generated API of each deployment follows it",
			build: func(b *docBuilder) {
				b.deployment("app/shop/admin", "Admin", 6)
				b.deployment("app/shop/interface", "Iface", 6)
				b.deployment("app/cart/service", "Cart", 6)
				for _, d := range []string{"api/shop/admin/v1", "api/shop/interface/v1", "api/cart/service/v1"} {
					ids := b.funcs(d, strings.ReplaceAll(d, "/", ""), 5)
					b.route("GET /"+d, ids[0])
				}
			},
			wantDirs: map[string][]string{
				"cart":           {"api/cart", "app/cart"},
				"shop-admin":     {"api/shop/admin", "app/shop/admin"},
				"shop-interface": {"api/shop/interface", "app/shop/interface"},
			},
			wantSplit: "split: 2 programs (cmd/server in admin and interface), each with code of its own",
		},
		{
			name: "programs under one cmd folder",
			build: func(b *docBuilder) {
				biz := b.funcs("app/shop/internal/biz", "Biz", 10)
				data := b.funcs("app/shop/internal/data", "Data", 10)
				b.program("app/shop/cmd/api", biz[0])
				b.program("app/shop/cmd/worker", data[0])
				b.deployment("app/cart/service", "Cart", 6)
			},
			wantDirs: map[string][]string{"cart": {"app/cart"}, "shop": {"app/shop"}},
		},
		{
			name: "program folders holding their main packages alone",
			build: func(b *docBuilder) {
				biz := b.funcs("app/shop/internal/biz", "Biz", 10)
				b.program("app/shop/api", append(b.funcs("app/shop/api", "Api", 9), biz[0])...)
				b.program("app/shop/worker", append(b.funcs("app/shop/worker", "Work", 9), biz[1])...)
				b.deployment("app/cart/service", "Cart", 10)
			},
			wantDirs: map[string][]string{"cart": {"app/cart"}, "shop": {"app/shop"}},
		},
		{
			name: "small program folders beside a big shared internal",
			build: func(b *docBuilder) {
				biz := b.funcs("app/shop/internal/biz", "Biz", 20)
				data := b.funcs("app/shop/internal/data", "Data", 20)
				api := b.funcs("app/shop/api/handlers", "Handler", 8)
				jobs := b.funcs("app/shop/worker/jobs", "Job", 8)
				b.call(api[0], biz[0], 1)
				b.call(jobs[0], data[0], 1)
				b.program("app/shop/api", api[0])
				b.program("app/shop/worker", jobs[0])
				b.deployment("app/cart/service", "Cart", 20)
			},
			wantDirs: map[string][]string{"cart": {"app/cart"}, "shop": {"app/shop"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			tt.build(&b)
			s := readFixture(&b)
			if diff := cmp.Diff(tt.wantDirs, featureDirs(s)); diff != "" {
				t.Errorf("features (-want +got):\n%s", diff)
			}
			var split string
			for _, o := range s.orgs {
				if strings.HasPrefix(o.Reason, "split: ") {
					split = o.Reason
				}
			}
			if split != tt.wantSplit {
				t.Errorf("split reason %q, want %q", split, tt.wantSplit)
			}
		})
	}
}

// TestProgramSplitInThePlan: the deployments a program split finds are
// services of the plan, and the plan's organization says why.
func TestProgramSplitInThePlan(t *testing.T) {
	var b docBuilder
	b.deployment("app/shop/admin", "Admin", 6)
	b.deployment("app/shop/interface", "Iface", 6)
	b.deployment("app/cart/service", "Cart", 6)
	checkPlan(t, &b, []string{"cart", "shop-admin", "shop-interface"}, []string{
		"app/shop: split: 2 programs (cmd/server in admin and interface), each with code of its own",
	})
}

// checkPlan plans the fixture and checks its services' names and that
// its organization holds each of the reasons ("dir: reason").
func checkPlan(t *testing.T, b *docBuilder, wantServices, wantReasons []string) {
	t.Helper()
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantServices, planNames(p)); diff != "" {
		t.Errorf("services (-want +got):\n%s", diff)
	}
	var reasons []string
	for _, o := range p.Organization {
		reasons = append(reasons, o.Dir+": "+o.Reason)
	}
	for _, want := range wantReasons {
		if !slices.Contains(reasons, want) {
			t.Errorf("organization %q lacks %q", reasons, want)
		}
	}
}

// planNames lists the plan's services' names, in the plan's order
// (sorted).
func planNames(p *Plan) []string {
	var names []string
	for _, s := range p.Services {
		names = append(names, s.Name)
	}
	return names
}
