package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBaseline(t *testing.T) {
	root := t.TempDir()
	src := "package app\n\n" +
		"func routes() {\n" +
		"\tr.GET(\"/users/:id\", show)\n" +
		"\tmux.HandleFunc(\"POST /orders/{id}\", create)\n" +
		"\tr.HandleFunc(\"/dials\", list).Methods(\"GET\")\n" +
		"\thttp.Handle(\"/static/\", fs)\n" +
		"\tc.Get(\"Authorization\")\n" + // not a path
		"\tdb.Query(`SELECT * FROM users u JOIN \"Orders\" o ON o.uid = u.id`)\n" +
		"\tdb.Exec(\"INSERT INTO audit.log VALUES (1)\")\n" +
		"}\n"
	os.WriteFile(filepath.Join(root, "app.go"), []byte(src), 0o644)
	os.MkdirAll(filepath.Join(root, "vendor", "x"), 0o755)
	os.WriteFile(filepath.Join(root, "vendor", "x", "x.go"), []byte("package x\nfunc f() { r.GET(\"/vendored\", h) }\n"), 0o644)
	os.WriteFile(filepath.Join(root, "app_test.go"), []byte("package app\nfunc g() { r.GET(\"/test\", h) }\n"), 0o644)
	routes, tables, err := baseline(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantRoutes := []routeKey{keyOf("GET", "/users/:id"), keyOf("POST", "/orders/{id}"), keyOf("GET", "/dials"), keyOf("", "/static/")}
	if diff := cmp.Diff(wantRoutes, routes, cmp.AllowUnexported(routeKey{})); diff != "" {
		t.Errorf("routes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"users", "orders", "audit.log"}, tables); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
}
