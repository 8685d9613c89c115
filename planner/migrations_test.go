package planner

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestVersionedName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"20190324205606.go", true},
		{"001_add_org_id.go", true},
		{"1599190683659_tables.go", true},
		{"20201103_rename_language_mappings_table.go", true},
		{"v12.go", true},
		{"v3_add_index.go", true},
		{"V2.go", true},
		{"1_initial.go", true},
		{"01_init.go", true},
		{"orders.go", false},
		{"v2api.go", false},
		{"vendor.go", false},
		{"sha256.go", false},
		{"404handler.go", false},
		{"v.go", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionedName(tt.name); got != tt.want {
				t.Errorf("versionedName(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestMigrationFiles: a folder is a migration history when its path names
// migrations and at least three of its files, and more than half, are
// versioned; tests do not count.
func TestMigrationFiles(t *testing.T) {
	tests := []struct {
		name        string
		dir         string
		files       []string
		wantHistory bool
	}{
		{"dated steps", "pkg/migration", []string{"20190324205606.go", "20190328074430.go", "20190430111111.go", "migration.go"}, true},
		{"versioned steps", "migrations", []string{"v1.go", "v2.go", "v3.go", "drivers.go", "migrations.go"}, true},
		{"numbered steps", "internal/store/schema", []string{"1_initial.go", "2_users.go", "3_orders.go"}, true},
		{"two steps only", "db/migrations", []string{"001_init.go", "002_users.go", "migrate.go"}, false},
		{"steps outnumbered", "db/migrations", []string{"001_a.go", "002_b.go", "003_c.go", "a.go", "b.go", "c.go"}, false},
		{"versioned tests", "db/migrations", []string{"001_a_test.go", "002_b_test.go", "003_c_test.go", "migrate.go"}, false},
		{"API versions", "orders/wire", []string{"v1.go", "v2.go", "v3.go"}, false},
		{"error pages", "web/pages", []string{"404.go", "500.go", "503.go"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			for i, f := range tt.files {
				b.fn(tt.dir, fmt.Sprintf("F%d", i), f)
			}
			got := migrationFiles(b.doc().Nodes)
			for _, f := range tt.files {
				// the whole folder is the history, its driver too
				want := tt.wantHistory && !strings.HasSuffix(f, "_test.go")
				if got[tt.dir+"/"+f] != want {
					t.Errorf("%s: history = %v, want %v", f, got[tt.dir+"/"+f], want)
				}
			}
		})
	}
}

// TestMigrationHistoryIsKernel: the steps of a schema-migration history
// touch every area's tables; they go to the kernel as a library, even a
// data step that writes through a store, own no table, and each table
// stays with the area whose code writes it.
func TestMigrationHistoryIsKernel(t *testing.T) {
	var b docBuilder
	areas := []string{"order", "invoice", "customer"}
	stores := map[string]string{}
	for _, a := range areas {
		_, _, st := b.area(a, [3]string{"handlers", "services", "stores"})
		stores[a] = st
		b.table(a+"s", st, analyzer.EdgeWrites)
	}
	var steps []string
	for i := range 6 {
		step := b.fn("internal/migration", fmt.Sprintf("up%d", i), fmt.Sprintf("2020010%d120000_step.go", i))
		steps = append(steps, step)
		for _, a := range areas {
			b.table(a+"s", step, analyzer.EdgeWrites)
		}
	}
	b.call(steps[2], stores["order"], 1) // a data step through the store
	run := b.fn("cmd/server", "migrate", "main.go")
	for _, s := range steps {
		b.call(run, s, 1)
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if !slices.Contains(p.Shared, s) {
			t.Errorf("%s is not in the kernel", s)
		}
	}
	if !slices.ContainsFunc(p.Libraries, func(l Library) bool { return l.Package == "example.com/app/internal/migration" }) {
		t.Errorf("libraries %v lack the migration history", p.Libraries)
	}
	if !slices.ContainsFunc(p.SharedReasons, func(r KernelReason) bool {
		return r.Package == "example.com/app/internal/migration" && strings.HasPrefix(r.Reason, "schema-migration history")
	}) {
		t.Errorf("kernel reasons %v do not name the migration history", p.SharedReasons)
	}
	owner := p.Labels() // the kernel's units under SharedClass
	for _, a := range areas {
		if owner["table:"+a+"s"] == "" || owner["table:"+a+"s"] != owner[stores[a]] {
			t.Errorf("table %ss is in %q, its store in %q", a, owner["table:"+a+"s"], owner[stores[a]])
		}
	}
}
