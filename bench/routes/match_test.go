package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/users/:id", "/users/{}"},
		{"/users/{id}", "/users/{}"},
		{"/users/{id:[0-9]+}", "/users/{}"},
		{"/users/{id:[0-9]{3}}/x", "/users/{}/x"},
		{"/users/<id>", "/users/{}"},
		{"/files/*", "/files/"},
		{"/files/*path", "/files/"},
		{"/files/{rest...}", "/files/"},
		{"/files/{path:.*}", "/files/"},
		{"/files/{rest...}/x", "/files/{...}/x"},
		{"/{$}", "/"},
		{"/a/{$}", "/a/"},
		{"example.com/a", "/a"},
		{"//a//b/", "/a/b/"},
		{"a", "/a"},
		{"/a:b", "/a:b"}, // a colon inside a segment is text
		{"/v1/{id}.json", "/v1/{}.json"},
		{"/", "/"},
	} {
		if got := normPath(tt.in); got != tt.want {
			t.Errorf("normPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScoreRoutes(t *testing.T) {
	tr := &Truth{Routes: []TruthRoute{
		{Method: "GET", Path: "/users/:id"},
		{Method: "POST", Path: "/users"},
		{Method: "ANY", Path: "/health"},
		{Method: "ANY", Path: "/any"},
		{Method: "GET", Path: "/conf/{x}", Dynamic: true},
		{Method: "DELETE", Path: "/missed"},
	}}
	var s score
	s.scoreRoutes(tr, []routeKey{
		keyOf("GET", "/users/{id}"),   // right
		keyOf("GET", "/users/{id}"),   // counted once
		keyOf("*", "/users"),          // `*` is not POST: false, and POST missed
		keyOf("*", "/health"),         // right
		keyOf("GET", "/any"),          // an expanded ANY: right, recalls ANY /any
		keyOf("HEAD", "/any"),         // right as well
		keyOf("GET", "/conf/{x}"),     // right, outside recall
		keyOf("PUT", "/not-in-truth"), // false
	})
	want := score{RoutesTruth: 5, RoutesFound: 7, RoutesRight: 5, RoutesRecalled: 3,
		MissedRoutes: []string{"POST /users", "DELETE /missed"},
		FalseRoutes:  []string{"* /users", "PUT /not-in-truth"}}
	if diff := cmp.Diff(want, s, cmp.AllowUnexported(score{})); diff != "" {
		t.Errorf("scoreRoutes (-want +got):\n%s", diff)
	}
}

func TestScoreTables(t *testing.T) {
	tr := &Truth{Tables: []TruthTable{{Name: "users"}, {Name: "billing.invoices"}}}
	var s score
	s.scoreTables(tr, []string{"USERS", "orders", "users"})
	want := score{TablesTruth: 2, TablesFound: 2, TablesRight: 1,
		MissedTables: []string{"billing.invoices"}, FalseTables: []string{"orders"}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("scoreTables (-want +got):\n%s", diff)
	}
	if got := s.tableRecall(); got != 0.5 {
		t.Errorf("tableRecall = %v, want 0.5", got)
	}
	var empty score
	empty.scoreTables(&Truth{}, nil)
	if empty.tableRecall() != 1 || empty.tablePrecision() != 1 {
		t.Errorf("no tables in truth or found: recall %v precision %v, want 1 and 1", empty.tableRecall(), empty.tablePrecision())
	}
}

// FuzzNormPath checks that normalizing never panics, always gives an
// absolute path, and is idempotent.
func FuzzNormPath(f *testing.F) {
	for _, s := range []string{"/users/:id", "/{id:[0-9]{2}}", "/files/*path", "{", "}", "/{a...}", "host/x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		n := normPath(p)
		if !strings.HasPrefix(n, "/") {
			t.Fatalf("normPath(%q) = %q, not absolute", p, n)
		}
		if again := normPath(n); again != n {
			t.Fatalf("normPath not idempotent: %q -> %q -> %q", p, n, again)
		}
	})
}
