package planner

import (
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestIsSystemTable(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"information_schema.tables", true},
		{"INFORMATION_SCHEMA.COLUMNS", true},
		{"pg_class", true},
		{"pg_catalog.pg_attribute", true},
		{"sqlite_master", true},
		{"sys.databases", true},
		{"all_tab_columns", true},
		{"schema_migrations", true},
		{"public.schema_migrations", true},
		{"migrations", true},
		{"sys_migration", true},
		{"goose_db_version", true},
		{"gorp_migrations", true},
		{"flyway_schema_history", true},
		{"schema_version", true},
		{"`migrations`", true},
		{"users", false},
		{"user_migrations_audit", false},
		{"pages", false},
		{"system_settings", false},
		{"sys_user", false},
		{"migration_plans", false},
		{"all_orders", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isSystemTable(tt.name); got != tt.want {
				t.Errorf("isSystemTable(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestSystemTablesAnchorNothing: writing a migration tool's bookkeeping
// table or reading the database's catalog makes no service: the
// migrator is technical code, while a business table still anchors its
// writer.
func TestSystemTablesAnchorNothing(t *testing.T) {
	var b docBuilder
	migrate := b.fn("internal/database", "Migrate", "migrate.go")
	exists := b.fn("internal/database", "tableExists", "migrate.go")
	save := b.fn("internal/orders", "Save", "store.go")
	b.call(migrate, exists, 1)
	for _, tb := range []string{"schema_migrations", "information_schema.tables", "orders"} {
		b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: "table:" + tb, Kind: analyzer.KindTable, Name: tb})
	}
	b.d.Edges = append(b.d.Edges,
		analyzer.Edge{From: migrate, To: "table:schema_migrations", Kind: analyzer.EdgeWrites, Weight: 1},
		analyzer.Edge{From: exists, To: "table:information_schema.tables", Kind: analyzer.EdgeReads, Weight: 1},
		analyzer.Edge{From: save, To: "table:orders", Kind: analyzer.EdgeWrites, Weight: 1})
	m := newModel(b.doc())
	r := newRoles(m)
	tests := []struct {
		id         string
		wantAnchor bool
	}{
		{migrate, false},
		{exists, false},
		{"table:schema_migrations", false},
		{"table:information_schema.tables", false},
		{save, true},
		{"table:orders", true},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			u := m.unitOf[m.index[tt.id]]
			if got := r.anchor[u]; got != tt.wantAnchor {
				t.Errorf("anchor = %v, want %v", got, tt.wantAnchor)
			}
			if got := m.writes[u]; got && !tt.wantAnchor {
				t.Errorf("writes = true for code that only touches system tables")
			}
		})
	}
}
