package planner

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

const shop = "example.com/shop/internal/"

func TestConstraintsAreHonoured(t *testing.T) {
	doc := fixtureDoc(t, fixtures()[0])
	tests := []struct {
		name  string
		yaml  string
		check func(t *testing.T, p *Plan)
	}{
		{
			name: "pin names a service",
			yaml: "plan:\n  pin:\n    checkout:\n      - \"route:POST /carts/{customerID}/checkout\"\n    pricing:\n      - \"table:prices\"\n",
			check: func(t *testing.T, p *Plan) {
				inService(t, p, "checkout", "route:POST /carts/{customerID}/checkout", shop+"handlers.(*OrdersHandler).Checkout")
				inService(t, p, "pricing", "table:prices")
			},
		},
		{
			name: "together",
			yaml: "plan:\n  together:\n    - [\"" + shop + "handlers.CustomersHandler\", \"" + shop + "handlers.PaymentsHandler\"]\n",
			check: func(t *testing.T, p *Plan) {
				if a, b := serviceOf(p, shop+"handlers.CustomersHandler"), serviceOf(p, shop+"handlers.PaymentsHandler"); a == "" || a != b {
					t.Errorf("kept together, yet in %q and %q", a, b)
				}
			},
		},
		{
			name: "apart",
			yaml: "plan:\n  apart:\n    - [\"table:orders\", \"table:order_items\"]\n",
			check: func(t *testing.T, p *Plan) {
				if a, b := serviceOf(p, "table:orders"), serviceOf(p, "table:order_items"); a == "" || b == "" || a == b {
					t.Errorf("kept apart, yet in %q and %q", a, b)
				}
			},
		},
		{
			name: "kernel include and exclude",
			yaml: "plan:\n  kernel:\n    include: [\"pkg:" + strings.TrimSuffix(shop, "/") + "/models\"]\n    exclude: [\"" + shop + "platform.WriteJSON\"]\n",
			check: func(t *testing.T, p *Plan) {
				if !slices.Contains(p.Shared, shop+"models.Order") {
					t.Error("models.Order is not shared although its package is in kernel.include")
				}
				if slices.Contains(p.Shared, shop+"platform.WriteJSON") {
					t.Error("platform.WriteJSON is shared although kernel.exclude names it")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("ficus.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			for seed := uint64(1); seed <= 3; seed++ {
				p, err := Propose(context.Background(), doc, Options{Seed: seed, Config: cfg})
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, p)
			}
		})
	}
}

func TestConstraintsThatContradict(t *testing.T) {
	doc := fixtureDoc(t, fixtures()[0])
	route := "route:GET /orders"
	tests := []struct {
		name    string
		yaml    string
		wantErr string
	}{
		{name: "pinned twice", yaml: "plan:\n  pin:\n    a: [\"" + route + "\"]\n    b: [\"" + route + "\"]\n", wantErr: "already pins it"},
		{name: "together across pins", yaml: "plan:\n  pin:\n    a: [\"table:orders\"]\n    b: [\"table:payments\"]\n  together:\n    - [\"table:orders\", \"table:payments\"]\n", wantErr: "cannot be kept together"},
		{name: "apart within together", yaml: "plan:\n  together:\n    - [\"table:orders\", \"table:payments\"]\n  apart:\n    - [\"table:orders\", \"table:payments\"]\n", wantErr: "contradict"},
		{name: "kernel and pin", yaml: "plan:\n  pin:\n    a: [\"table:orders\"]\n  kernel:\n    include: [\"table:orders\"]\n", wantErr: "kernel.include"},
		{name: "include and exclude", yaml: "plan:\n  kernel:\n    include: [\"table:orders\"]\n    exclude: [\"table:orders\"]\n", wantErr: "both in kernel.include and kernel.exclude"},
		{name: "reserved name", yaml: "plan:\n  pin:\n    shared: [\"table:orders\"]\n", wantErr: "cannot name a service"},
		{name: "unknown package", yaml: "plan:\n  pin:\n    a: [\"pkg:example.com/shop/internal/order\"]\n", wantErr: "did you mean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("ficus.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Propose(context.Background(), doc, Options{Seed: 1, Config: cfg})
			if !errors.Is(err, ErrConstraint) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want ErrConstraint containing %q", err, tt.wantErr)
			}
		})
	}
}

func serviceOf(p *Plan, id string) string {
	for _, s := range p.Services {
		if slices.Contains(s.Members, id) {
			return s.Name
		}
	}
	return ""
}

func inService(t *testing.T, p *Plan, name string, ids ...string) {
	t.Helper()
	for _, id := range ids {
		if got := serviceOf(p, id); got != name {
			t.Errorf("%s is in service %q, want %q", id, got, name)
		}
	}
}
