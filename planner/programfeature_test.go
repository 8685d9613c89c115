package planner

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProgramOfItsOwn: a program that calls no feature's code and has code
// of its own (a metrics sidecar beside the business services) is a
// feature; a tiny one, one that runs a feature's code, the only program,
// or code another program runs too is not.
func TestProgramOfItsOwn(t *testing.T) {
	// areas adds two served business areas and the server running them.
	areas := func(b *docBuilder) []string {
		o, _, _ := b.area("orders", [3]string{"internal/orders/http", "internal/orders/app", "internal/orders/store"})
		bl, _, _ := b.area("billing", [3]string{"internal/billing/http", "internal/billing/app", "internal/billing/store"})
		return []string{o, bl}
	}
	tests := []struct {
		name      string
		build     func(b *docBuilder)
		wantDirs  []string // of the feature "metrics", nil for none
		wantUnits int
	}{
		{
			name: "sidecar",
			build: func(b *docBuilder) {
				b.program("cmd/server", areas(b)...)
				pub := b.funcs("services/metrics/publisher", "Pub", 6)
				col := b.funcs("services/metrics/collector", "Col", 4)
				b.program("services/metrics", pub[0], col[0])
			},
			wantDirs:  []string{"services/metrics", "services/metrics/collector", "services/metrics/publisher"},
			wantUnits: 11,
		},
		{
			// nothing ties it to other code: only file names would place
			// it in another program's service
			name: "small program tied to nothing",
			build: func(b *docBuilder) {
				b.program("cmd/server", areas(b)...)
				b.program("services/metrics", b.funcs("services/metrics/collector", "Col", 4)[0])
			},
			wantDirs:  []string{"services/metrics", "services/metrics/collector"},
			wantUnits: 5,
		},
		{
			name: "small program using shared code",
			build: func(b *docBuilder) {
				logf := b.fn("internal/log", "Printf", "log.go")
				entries := areas(b)
				b.call(entries[0], logf, 1)
				b.program("cmd/server", entries...)
				col := b.funcs("services/metrics/collector", "Col", 4)
				b.call(col[0], logf, 1)
				b.program("services/metrics", col[0])
			},
		},
		{
			name: "tiny program",
			build: func(b *docBuilder) {
				b.program("cmd/server", areas(b)...)
				b.program("services/metrics", b.funcs("services/metrics/collector", "Col", 1)[0])
			},
		},
		{
			name: "program running a feature's code",
			build: func(b *docBuilder) {
				entries := areas(b)
				b.program("cmd/server", entries...)
				pub := b.funcs("services/metrics/publisher", "Pub", 10)
				b.program("services/metrics", pub[0], entries[0])
			},
		},
		{
			name: "program at the root",
			build: func(b *docBuilder) {
				b.program("cmd/server", areas(b)...)
				b.program(".", b.funcs("services/metrics", "Pub", 10)[0])
			},
		},
		{
			name: "the only program",
			build: func(b *docBuilder) {
				areas(b)
				b.program("services/metrics", b.funcs("services/metrics/publisher", "Pub", 10)[0])
			},
		},
		{
			name: "code another program runs too",
			build: func(b *docBuilder) {
				pub := b.funcs("services/metrics/publisher", "Pub", 10)
				b.program("cmd/server", append(areas(b), pub[0])...)
				b.program("services/metrics", pub[0])
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			tt.build(&b)
			s := readFixture(&b)
			var got []string
			units := 0
			for _, f := range s.features {
				if f.Name == "metrics" {
					got, units = f.Dirs, f.Units
				}
			}
			if diff := cmp.Diff(tt.wantDirs, got); diff != "" {
				t.Errorf("metrics feature dirs (-want +got):\n%s", diff)
			}
			if units != tt.wantUnits {
				t.Errorf("metrics feature holds %d units, want %d", units, tt.wantUnits)
			}
			wantNames := []string{"billing", "orders"}
			if tt.wantDirs != nil {
				wantNames = []string{"billing", "metrics", "orders"}
			}
			var names []string
			for _, f := range s.features {
				names = append(names, f.Name)
			}
			slices.Sort(names)
			if diff := cmp.Diff(wantNames, names); diff != "" {
				t.Errorf("features (-want +got):\n%s", diff)
			}
		})
	}
}

// TestProgramOfItsOwnInThePlan: a program of its own is a service of the
// plan, though it serves no route, and a small one tied to no other code
// too; the plan's organization says why.
func TestProgramOfItsOwnInThePlan(t *testing.T) {
	var b docBuilder
	b.deployment("app/shop/admin", "Admin", 6)
	b.deployment("app/shop/interface", "Iface", 6)
	b.deployment("app/cart/service", "Cart", 6)
	b.program("app/metrics", b.funcs("app/metrics/publisher", "Pub", 10)[0])
	b.program("app/seed", b.funcs("app/seed/loader", "Seed", 4)[0])
	checkPlan(t, &b, []string{"cart", "metrics", "seed", "shop-admin", "shop-interface"}, []string{
		"app/metrics: a program of its own: it calls no feature's code, and 11 symbols in 2 packages only it runs are its own",
		"app/seed: a program of its own: it calls no feature's code, and 5 symbols in 2 packages only it runs are its own; small, but no dependency ties them to other code",
	})
}

func TestProgramKey(t *testing.T) {
	tests := []struct {
		dir   string
		taken []string
		want  string
	}{
		{dir: "api/services/metrics", want: "metrics"},
		{dir: "cmd/tempo-query", want: "tempo-query"},
		{dir: "app/billing/cmd/server", want: "billing"},
		{dir: "cmd/server", want: "server"},
		{dir: "api/services/metrics", taken: []string{"metrics"}, want: "services-metrics"},
		{dir: "services/metrics", taken: []string{"metrics", "services-metrics"}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			byKey := map[string]int32{}
			for i, k := range tt.taken {
				byKey[k] = int32(i)
			}
			if got := programKey(tt.dir, byKey); got != tt.want {
				t.Errorf("programKey(%q) = %q, want %q", tt.dir, got, tt.want)
			}
		})
	}
}
