package planner

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOperationsFeatureIsNoService: a folder laid out like a feature whose
// routes are all probes is the health surface every deployable mounts:
// no feature, no service, kernel code; the same folder serving a business
// route stays a feature and a service.
func TestOperationsFeatureIsNoService(t *testing.T) {
	tests := []struct {
		name         string
		routes       []string
		wantServices []string
		wantShared   bool // the check folder's code in the kernel
	}{
		{name: "probes only", routes: []string{"GET /v1/liveness", "GET /v1/readiness"},
			wantServices: []string{"billing", "orders", "payments", "stock", "users"}, wantShared: true},
		{name: "api docs and metrics", routes: []string{"GET /swagger/{any...}", "GET /metrics"},
			wantServices: []string{"billing", "orders", "payments", "stock", "users"}, wantShared: true},
		{name: "a business route", routes: []string{"GET /v1/liveness", "GET /checks/{id}"},
			wantServices: []string{"billing", "check", "orders", "payments", "stock", "users"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			var handlers []string
			for _, a := range []string{"orders", "billing", "users", "stock", "payments"} {
				h, _, _ := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/store"})
				handlers = append(handlers, h)
			}
			check := b.funcs("internal/check/http", "Check", 4)
			probe := b.funcs("internal/check/app", "Probe", 4)
			b.call(check[0], probe[0], 2)
			check = append(check, probe...)
			for i, r := range tt.routes {
				b.route(r, check[i])
			}
			main := b.program("cmd/server", handlers...)
			b.call(main, check[0], 1)
			p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantServices, planNames(p)); diff != "" {
				t.Errorf("services (-want +got):\n%s", diff)
			}
			for _, id := range check {
				if got := slices.Contains(p.Shared, id); got != tt.wantShared {
					t.Errorf("%s in the kernel: %v, want %v", id, got, tt.wantShared)
				}
			}
			features := featureNames(p)
			if got, want := slices.Contains(features, "check"), !tt.wantShared; got != want {
				t.Errorf("features %v: check listed %v, want %v", features, got, want)
			}
		})
	}
}

// TestToolsAreNoServices: a program of its own named after a mechanism
// that serves no route, owns no table and runs no job is a tool, listed
// apart; a program named after a purpose (a metrics sidecar) stays a
// service, and so does a mechanism-named program that serves a route.
func TestToolsAreNoServices(t *testing.T) {
	tests := []struct {
		name         string
		route        bool
		wantServices []string
		wantTools    []string
	}{
		{name: "log formatter", wantServices: []string{"cart", "metrics", "shop-admin", "shop-interface"}, wantTools: []string{"logfmt"}},
		{name: "log formatter serving a route", route: true, wantServices: []string{"cart", "logfmt", "metrics", "shop-admin", "shop-interface"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			b.deployment("app/shop/admin", "Admin", 6)
			b.deployment("app/shop/interface", "Iface", 6)
			b.deployment("app/cart/service", "Cart", 6)
			b.program("app/metrics", b.funcs("app/metrics/publisher", "Pub", 10)[0])
			fmtr := b.funcs("tooling/logfmt/format", "Format", 5)
			b.program("tooling/logfmt", fmtr[0])
			if tt.route {
				b.route("GET /logs/{id}", fmtr[0])
			}
			p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantServices, planNames(p)); diff != "" {
				t.Errorf("services (-want +got):\n%s", diff)
			}
			var tools []string
			for _, tl := range p.Tools {
				tools = append(tools, tl.Name)
				if len(tl.Members) != 6 || tl.Reason == "" {
					t.Errorf("tool %s: %d members, reason %q; want 6 and a reason", tl.Name, len(tl.Members), tl.Reason)
				}
				for _, id := range tl.Members {
					if slices.Contains(p.Shared, id) || slices.Contains(p.Unplaced, id) {
						t.Errorf("tool member %s also listed elsewhere", id)
					}
				}
			}
			if diff := cmp.Diff(tt.wantTools, tools); diff != "" {
				t.Errorf("tools (-want +got):\n%s", diff)
			}
		})
	}
}
