package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"SQLOrderRepository", []string{"sql", "order", "repository"}},
		{"orderID", []string{"order"}},
		{"order_items", []string{"order", "item"}},
		{"categories", []string{"category"}},
		{"addresses", []string{"address"}},
		{"status", []string{"status"}},
		{"reindex-catalog", []string{"reindex", "catalog"}},
		{"v2API", []string{"api"}},
		{"SQLiteBookmarkStore", []string{"sqlite", "bookmark", "store"}},
		{"newSQLiteDB", []string{"new", "sqlite"}},
		{"SQLiteX", []string{"sqlite"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, words(tt.in, nil)); diff != "" {
				t.Errorf("words(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNameWords(t *testing.T) {
	tests := []struct {
		name string
		node analyzer.Node
		want []string
	}{
		{"method gives its type", analyzer.Node{Kind: analyzer.KindMethod, Name: "(*OrderServiceImpl).Place", Package: "x/services", Pos: "services/orders.go:3"}, []string{"order", "service"}},
		{"constructor prefix dropped", analyzer.Node{Kind: analyzer.KindFunc, Name: "NewCatalog", Package: "x/handlers", Pos: "handlers/catalog.go:9"}, []string{"catalog", "handler"}},
		{"route path without parameters", analyzer.Node{Kind: analyzer.KindRoute, Name: "GET /orders/{id}/payments", Package: "x/handlers", Pos: "handlers/router.go:1"}, []string{"order", "payment", "handler"}},
		{"table", analyzer.Node{Kind: analyzer.KindTable, Name: "shipment_events"}, []string{"shipment", "event"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, nameWords(tt.node)); diff != "" {
				t.Errorf("nameWords (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReceiverType(t *testing.T) {
	tests := []struct {
		node   analyzer.Node
		want   string
		wantOK bool
	}{
		{analyzer.Node{ID: "a/p.(*T).M", Kind: analyzer.KindMethod, Package: "a/p"}, "a/p.T", true},
		{analyzer.Node{ID: "a/p.T.M", Kind: analyzer.KindMethod, Package: "a/p"}, "a/p.T", true},
		{analyzer.Node{ID: "a/p.F", Kind: analyzer.KindFunc, Package: "a/p"}, "", false},
		{analyzer.Node{ID: "other.(*T).M", Kind: analyzer.KindMethod, Package: "a/p"}, "", false},
	}
	for _, tt := range tests {
		got, ok := receiverType(tt.node)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("receiverType(%s) = %q, %v; want %q, %v", tt.node.ID, got, ok, tt.want, tt.wantOK)
		}
	}
}
