package config

import (
	"bytes"
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
	if err := WriteInitConfig(&buf, in); err != nil {
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
	if d := FindDrift(cfg, ids); !d.Empty() {
		t.Errorf("drift right after init: %+v", d)
	}
	d := FindDrift(cfg, append(ids[1:], "route:DELETE /orders/{id}"))
	if d.Added[0] != "route:DELETE /orders/{id}" || len(d.Removed) != 1 || d.Removed[0].Route != "POST /orders" || d.Removed[0].Line == 0 {
		t.Errorf("drift: %+v", d)
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
