package config

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteInitConfig(t *testing.T) {
	in := InitOptions{
		Module:      "example.com/shop",
		MonolithURL: "http://127.0.0.1:9001",
		Services: []PlannedService{
			{Name: "orders", Routes: []string{"route:POST /orders", "route:GET /orders/{id}", "route:GET /orders/{id}/items"}},
			{Name: "Catalog & Search", Routes: []string{"route:GET /products/search", "route:GET /products/{id}", "route:* api.example.com/v1/"}},
			{Name: "empty"},
		},
		Unowned: []string{"route:* /healthz"},
	}
	var buf bytes.Buffer
	if _, err := WriteInitConfig(&buf, in); err != nil {
		t.Fatal(err)
	}
	golden(t, "init.yaml", buf.Bytes())
	cfg, err := Parse("init.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("the written config is invalid: %v", err)
	}
	for _, r := range cfg.Routes {
		if Mode(r.Mode) != ModeMonolith || r.WeightBuckets() != 0 {
			t.Errorf("route %s starts %s at %d buckets, want monolith at 0", r.Name, r.Mode, r.WeightBuckets())
		}
	}
	ids := []string{"route:POST /orders", "route:GET /orders/{id}", "route:GET /orders/{id}/items",
		"route:GET /products/search", "route:GET /products/{id}", "route:* api.example.com/v1/", "route:* /healthz"}
	if d := FindDrift(cfg, ids, nil); !d.Empty() {
		t.Errorf("drift right after init: %+v", d)
	}
	d := FindDrift(cfg, append(ids[1:], "route:DELETE /orders/{id}"), nil)
	if d.Added[0] != "route:DELETE /orders/{id}" || len(d.Removed) != 1 || d.Removed[0].Route != "POST /orders" || d.Removed[0].Line == 0 {
		t.Errorf("drift: %+v", d)
	}
}

// TestInitTranslatesFrameworks: routes of gin and echo are written with
// patterns that match what their framework matches, echo's empty last
// parameter is guarded, the addresses come from the options, and drift
// right after init is empty, while a route written with the untranslated
// pattern is flagged with the fix.
func TestInitTranslatesFrameworks(t *testing.T) {
	ids := []string{"route:GET /", "route:GET /image/{filepath...}", "route:GET /application/", "route:GET /users/{id}", "route:GET /std/"}
	fws := map[string]string{"route:GET /": FrameworkGin, "route:GET /image/{filepath...}": FrameworkGin, "route:GET /application/": FrameworkGin,
		"route:GET /users/{id}": FrameworkEcho, "route:GET /std/": FrameworkNetHTTP}
	in := InitOptions{
		Services:   []PlannedService{{Name: "ui", Routes: ids[:3]}, {Name: "users", Routes: ids[3:4]}},
		Unowned:    ids[4:],
		Frameworks: fws,
		Listen:     "0.0.0.0:8088", Admin: "127.0.0.1:9911",
	}
	var buf bytes.Buffer
	if _, err := WriteInitConfig(&buf, in); err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse("init.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("the written config is invalid: %v\n%s", err, buf.String())
	}
	if cfg.Listen != "0.0.0.0:8088" || cfg.Admin != "127.0.0.1:9911" {
		t.Errorf("listen %q admin %q, want the options'", cfg.Listen, cfg.Admin)
	}
	got := map[string]string{}
	for _, r := range cfg.Routes {
		m := strings.Join(r.Match.Methods, ",")
		if r.Match.ExactMethods {
			m += "!"
		}
		got[r.Name] = m + " " + r.Match.Path + " → " + r.To
	}
	want := map[string]string{
		"ui.get-root":           "GET! /{$} → ui",
		"ui.get-image-filepath": "GET! /image/{filepath...} → ui",
		"ui.get-application":    "GET! /application/{$} → ui",
		"users.get-users-id":    "GET! /users/{id...} → users",
		"monolith.get-std":      "GET /std/ → monolith",
		"guard.get-users-id":    "GET! /users/{$} → monolith",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("routes (-want +got):\n%s\n%s", d, buf.String())
	}
	if d := FindDrift(cfg, ids, fws); !d.Empty() {
		t.Errorf("drift right after init: %+v", d)
	}
	// A configuration written before: gin's / as a ServeMux prefix.
	old, err := Parse("old.yaml", []byte(strings.Replace(buf.String(), `exact_methods: true, path: "/{$}"`, `path: "/"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	d := FindDrift(old, ids, fws)
	if len(d.Added) != 0 || len(d.Removed) != 1 || d.Removed[0].Route != "GET /" || !strings.Contains(d.Removed[0].Hint, "GET /{$}") {
		t.Errorf("drift of the old pattern: %+v", d)
	}
}

func TestRouteMatch(t *testing.T) {
	tests := []struct {
		id     string
		want   MatchConfig
		wantOK bool
	}{
		{"route:GET /orders/{id}", MatchConfig{Methods: []string{"GET"}, Path: "/orders/{id}"}, true},
		{"route:* /healthz", MatchConfig{Path: "/healthz"}, true},
		{"route:/x", MatchConfig{Path: "/x"}, true},
		{"route:GET example.com/", MatchConfig{Methods: []string{"GET"}, Host: "example.com", Path: "/"}, true},
		{"table:orders", MatchConfig{}, false},
		{"route:GET nopath", MatchConfig{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, ok := routeMatch(tt.id)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v", ok)
			}
			if d := cmp.Diff(tt.want, got); ok && d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// TestInitBackendNamesUnique: two services whose names spell alike once
// cleaned (_matrix and matrix) get a backend each, so the written file
// parses.
func TestInitBackendNamesUnique(t *testing.T) {
	in := InitOptions{
		Module: "example.com/chat",
		Services: []PlannedService{
			{Name: "_matrix", Routes: []string{"route:GET /_matrix/push/v1/notify"}},
			{Name: "matrix", Routes: []string{"route:POST /_matrix/push/v1/notify"}},
			{Name: "Monolith", Routes: []string{"route:GET /legacy"}},
		},
	}
	cfg, _ := writeValidInit(t, in)
	to := map[string]bool{}
	for _, r := range cfg.Routes {
		to[r.To] = true
	}
	if len(to) != 3 {
		t.Errorf("routes go to %v, want three backends", to)
	}
}

// TestInitSkipsPatternsTheProxyCannotSay: a route whose pattern the proxy
// cannot match (a wildcard inside a segment, a path that is not clean) is
// not written but named in a comment, and the rest of the file parses.
func TestInitSkipsPatternsTheProxyCannotSay(t *testing.T) {
	in := InitOptions{
		Module: "example.com/stats",
		Services: []PlannedService{
			{Name: "avatars", Routes: []string{"route:GET /avatar/{hash}.svg", "route:GET /avatars", "route:* //mcp"}},
		},
	}
	cfg, buf := writeValidInit(t, in)
	if len(cfg.Routes) != 1 || cfg.Routes[0].Match.Path != "/avatars" {
		t.Errorf("routes written: %+v, want /avatars alone", cfg.Routes)
	}
	for _, want := range []string{"# not written: GET /avatar/{hash}.svg", "# not written: * //mcp"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the file does not say %q:\n%s", want, buf.String())
		}
	}
}

// TestInitLeavesOverlapsOut: of two routes that match some request alike
// with neither more specific (/d/{id} and /{id}/m3u both match /d/m3u),
// which the proxy refuses, the one with fewer leading literal segments is
// left out and named, so that the file parses; the others are written.
func TestInitLeavesOverlapsOut(t *testing.T) {
	in := InitOptions{
		Module: "example.com/music",
		Services: []PlannedService{
			{Name: "media", Routes: []string{"route:GET /d/{id}", "route:GET /{id}/m3u", "route:GET /img/{id}", "route:GET /img/{id}/large"}},
		},
	}
	cfg, buf := writeValidInit(t, in)
	var got []string
	for _, r := range cfg.Routes {
		got = append(got, r.Match.Path)
	}
	if want := []string{"/d/{id}", "/img/{id}", "/img/{id}/large"}; !cmp.Equal(got, want) {
		t.Errorf("routes written %v, want %v", got, want)
	}
	if !strings.Contains(buf.String(), "# not written: GET /{id}/m3u") {
		t.Errorf("the left-out route is not named:\n%s", buf.String())
	}
	res, err := WriteInitConfig(io.Discard, in)
	if err != nil {
		t.Fatal(err)
	}
	if want := (InitResult{Written: 3, LeftOut: 1}); res != want {
		t.Errorf("WriteInitConfig counts %+v, want %+v", res, want)
	}
}

// writeValidInit writes the init configuration of in and parses it,
// failing the test when the proxy would refuse it.
func writeValidInit(t *testing.T, in InitOptions) (*Config, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := WriteInitConfig(&buf, in); err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse("init.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("the written config is invalid: %v\n%s", err, buf.Bytes())
	}
	return cfg, &buf
}
