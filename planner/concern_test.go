package planner

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// docOfFiles is a graph with one function per file, declared in the file's
// folder as a package.
func docOfFiles(files ...string) analyzer.Document {
	d := analyzer.Document{Schema: analyzer.Schema, Module: "example.com/m"}
	for i, f := range files {
		pkg := "example.com/m/" + f[:len(f)-len("/"+lastSeg(f))]
		d.Nodes = append(d.Nodes, analyzer.Node{ID: fmt.Sprintf("%s.F%d", pkg, i), Kind: analyzer.KindFunc,
			Name: fmt.Sprintf("F%d", i), Package: pkg, Pos: f + ":1", Lines: 5})
	}
	return d
}

func lastSeg(f string) string {
	for i := len(f) - 1; i >= 0; i-- {
		if f[i] == '/' {
			return f[i+1:]
		}
	}
	return f
}

// TestConcernFiles: a shared technical package whose files are named
// after several of the app's concerns (named by code outside generic
// folders, or by the routes and tables) holds each concern's code; a
// generic package of one concern, an error catalog (errs/device.go),
// the configuration's files, generic files named after nothing the app is about, and a logger's
// adapters named after libraries only generated code is also named after,
// stay generic.
func TestConcernFiles(t *testing.T) {
	// Enough files that no business word is in a fifth of them (see
	// stemHeads).
	filler := []string{"a/alpha.go", "a/bravo.go", "a/charlie.go", "b/delta.go", "b/echo.go", "b/foxtrot.go",
		"c/golf.go", "c/hotel.go", "c/india.go", "d/juliet.go"}
	d := docOfFiles(append(filler,
		"internal/core/metadata/device.go", "internal/core/data/event.go", "internal/support/notify/notification.go",
		"internal/core/metadata/profile.go", "internal/core/data/reading.go", "internal/support/notify/channel.go",
		// a storage package with one file per concern
		"internal/pkg/postgres/device.go", "internal/pkg/postgres/notification.go", "internal/pkg/postgres/reading.go",
		"internal/pkg/postgres/sql.go",
		// a generic package of one concern
		"pkg/auth/device.go", "pkg/auth/token.go",
		// an error catalog with one file per concern
		"pkg/errs/device.go", "pkg/errs/notification.go", "pkg/errs/reading.go",
		// generic helpers, a dependency-injection container
		"pkg/log/logger.go", "pkg/util/strings.go", "internal/dependencies/container.go",
		// a logger's adapters to libraries, which only generated symbol
		// tables (marked by their "Code generated" line) are also named after
		"log/xorm_logger.go", "log/watermill_logger.go",
		"scripting/xorm.go", "scripting/watermill.go",
		// a database package with a file per stored entity that only the
		// routes and tables name, and the configuration's files named alike
		"internal/database/invoice.go", "internal/database/refund.go", "internal/database/db.go",
		"internal/config/invoice.go", "internal/config/refund.go",
	)...)
	d.Nodes = append(d.Nodes, analyzer.Node{ID: "route:GET /invoices", Kind: analyzer.KindRoute, Name: "GET /invoices"},
		analyzer.Node{ID: "table:refunds", Kind: analyzer.KindTable, Name: "refunds"})
	for i, n := range d.Nodes {
		if f, _, _ := strings.Cut(n.Pos, ":"); strings.HasPrefix(f, "scripting/") {
			d.Nodes[i].Generated = true
		}
	}
	m := newModel(d)
	var got []string
	for f := range m.concern {
		got = append(got, f)
	}
	slices.Sort(got)
	want := []string{"internal/database/invoice.go", "internal/database/refund.go",
		"internal/pkg/postgres/device.go", "internal/pkg/postgres/notification.go", "internal/pkg/postgres/reading.go"}
	if !slices.Equal(got, want) {
		t.Errorf("concern files %v, want %v", got, want)
	}
	for _, tc := range []struct {
		file        string
		wantGeneric bool
	}{
		{"internal/pkg/postgres/device.go", false},
		{"internal/pkg/postgres/sql.go", true},
		{"pkg/auth/device.go", true},
		{"pkg/log/logger.go", true},
		{"log/xorm_logger.go", true},
		{"pkg/errs/device.go", true},
		{"pkg/errs/reading.go", true},
		{"internal/dependencies/container.go", true},
		{"internal/core/data/event.go", false},
		{"internal/database/invoice.go", false},
		{"internal/database/db.go", true},
		{"internal/config/invoice.go", true},
	} {
		if got := m.isGenericFile(tc.file); got != tc.wantGeneric {
			t.Errorf("isGenericFile(%s) = %v, want %v", tc.file, got, tc.wantGeneric)
		}
	}
}

// TestApartMethodsAreOwnBlocks: the methods of a hub type declared in
// files of other concerns move on their own; those beside the type move
// with it.
func TestApartMethodsAreOwnBlocks(t *testing.T) {
	node := func(id string, kind analyzer.NodeKind, pos string) analyzer.Node {
		return analyzer.Node{ID: "example.com/m/http." + id, Kind: kind, Name: id, Package: "example.com/m/http", Pos: pos, Lines: 5}
	}
	d := analyzer.Document{Schema: analyzer.Schema, Module: "example.com/m", Nodes: []analyzer.Node{
		node("Server", analyzer.KindType, "http/server.go:10"),
		node("(*Server).Serve", analyzer.KindMethod, "http/server.go:30"),
		node("(*Server).handleLogin", analyzer.KindMethod, "http/auth.go:12"),
		node("(*Server).handleDial", analyzer.KindMethod, "http/dial.go:12"),
	}}
	m := newModel(d)
	r := newRoles(m)
	typ := m.unitOf[0]
	for i, want := range []int32{typ, typ, m.unitOf[2], m.unitOf[3]} {
		if got := r.block[m.unitOf[i]]; got != want {
			t.Errorf("%s: block %d, want %d", d.Nodes[i].ID, got, want)
		}
	}
}
