package planner

import (
	"fmt"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestStoreHubs: a type whose methods, declared in its own file, serve
// two areas of tables no method joins is a hub, and its methods are
// placed one by one; a method touching both areas makes them one, an
// area of one method is a helper, and methods declared apart from the
// type do not count.
func TestStoreHubs(t *testing.T) {
	type method struct {
		file   string
		tables []string
	}
	tests := []struct {
		name    string
		methods []method
		wantHub bool
	}{
		{name: "two areas", wantHub: true, methods: []method{
			{"sqlite.go", []string{"account"}}, {"sqlite.go", []string{"account"}},
			{"sqlite.go", []string{"bookmark", "tag"}}, {"sqlite.go", []string{"bookmark"}}}},
		{name: "a method joins the areas", methods: []method{
			{"sqlite.go", []string{"account"}}, {"sqlite.go", []string{"account"}},
			{"sqlite.go", []string{"bookmark"}}, {"sqlite.go", []string{"bookmark"}},
			{"sqlite.go", []string{"bookmark", "account"}}}},
		{name: "an area of one method", methods: []method{
			{"sqlite.go", []string{"account"}}, {"sqlite.go", []string{"bookmark"}},
			{"sqlite.go", []string{"bookmark"}}, {"sqlite.go", []string{"bookmark"}}}},
		{name: "methods apart from the type", methods: []method{
			{"account.go", []string{"account"}}, {"account.go", []string{"account"}},
			{"bookmark.go", []string{"bookmark"}}, {"bookmark.go", []string{"bookmark"}}}},
	}
	const pkg = "example.com/app/internal/database"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			typ := pkg + ".SQLiteDatabase"
			b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: typ, Kind: analyzer.KindType, Name: "SQLiteDatabase",
				Package: pkg, Pos: "internal/database/sqlite.go:1", Lines: 5})
			var ids []string
			for i, mt := range tt.methods {
				name := fmt.Sprintf("(*SQLiteDatabase).Query%d", i)
				id := pkg + "." + name
				b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: id, Kind: analyzer.KindMethod, Name: name,
					Package: pkg, Pos: fmt.Sprintf("internal/database/%s:%d", mt.file, 10*(i+1)), Lines: 5})
				for _, tb := range mt.tables {
					b.table(tb, id, analyzer.EdgeWrites)
				}
				ids = append(ids, id)
			}
			m := newModel(b.doc())
			ty := m.unitOf[m.index[typ]]
			if got := m.hub[ty]; got != tt.wantHub {
				t.Errorf("hub = %v, want %v", got, tt.wantHub)
			}
			r := newRoles(m)
			for _, id := range ids {
				u := m.unitOf[m.index[id]]
				if apart := r.block[u] == u; tt.methods[0].file == "sqlite.go" && apart != tt.wantHub {
					t.Errorf("%s placed apart from its type: %v, want %v", id, apart, tt.wantHub)
				}
			}
		})
	}
}

// TestStoreHubMethodsLeaveTheKernel: the methods of a store hub in a
// generic folder go to the one service that reaches each, while the
// type, which both use, stays a library.
func TestStoreHubMethodsLeaveTheKernel(t *testing.T) {
	const pkg = "example.com/app/internal/database"
	var b docBuilder
	typ := pkg + ".DB"
	b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: typ, Kind: analyzer.KindType, Name: "DB",
		Package: pkg, Pos: "internal/database/sqlite.go:1", Lines: 5})
	method := func(name, table string, line int) string {
		id := pkg + ".(*DB)." + name
		b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: id, Kind: analyzer.KindMethod, Name: "(*DB)." + name,
			Package: pkg, Pos: fmt.Sprintf("internal/database/sqlite.go:%d", line), Lines: 5})
		b.table(table, id, analyzer.EdgeWrites)
		return id
	}
	accounts := []string{method("CreateAccount", "account", 10), method("DeleteAccount", "account", 20)}
	bookmarks := []string{method("SaveBookmark", "bookmark", 30), method("DeleteBookmark", "bookmark", 40)}
	acc := b.fn("internal/domains", "CreateAccount", "accounts.go")
	bm := b.fn("internal/domains", "SaveBookmark", "bookmarks.go")
	for _, id := range accounts {
		b.call(acc, id, 1)
	}
	for _, id := range bookmarks {
		b.call(bm, id, 1)
	}
	b.call(acc, typ, 1)
	b.call(bm, typ, 1)
	f := newKernelFixture(t, &b)
	f.label[f.unit(acc)], f.label[f.unit(bm)] = 0, 1
	giveSoleReached(f.m, f.s, f.r, f.cons, f.label)
	f.check(t, "accounts", accounts, 0)
	f.check(t, "bookmarks", bookmarks, 1)
	f.check(t, "type", []string{typ}, labelKernel)
}
