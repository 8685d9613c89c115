package planner

import (
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestReceiverWeight: a method in its type's file, or in a file of the
// same concern, keeps the full receiver weight; a method in a file of
// another concern (a Server's login handler in auth.go) is placed by what
// it does, so the hub type does not glue concerns together.
func TestReceiverWeight(t *testing.T) {
	for _, tc := range []struct {
		name, typeFile, methodFile string
		wantFull                   bool
	}{
		{"same file", "http/server.go", "http/server.go", true},
		{"file of another concern", "http/server.go", "http/auth.go", false},
		{"generic sibling file", "http/server.go", "http/server_http.go", true},
		{"same concern, other file", "sqlite/dial.go", "sqlite/dial_membership.go", true},
		{"other concern, generic type file", "app/app.go", "app/orders.go", false},
		{"same stem in another folder", "order/order.go", "order/order_test_helpers.go", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := analyzer.Document{Schema: analyzer.Schema, Module: "example.com/m", Nodes: []analyzer.Node{
				{ID: "example.com/m/p.T", Kind: analyzer.KindType, Name: "T", Package: "example.com/m/p", Pos: tc.typeFile + ":3"},
				{ID: "example.com/m/p.(*T).M", Kind: analyzer.KindMethod, Name: "M", Package: "example.com/m/p", Pos: tc.methodFile + ":9"},
			}}
			m := newModel(d)
			mu, tu := m.unitOf[1], m.unitOf[0]
			if m.recv[mu] != tu {
				t.Fatalf("receiver of M is unit %d, want %d", m.recv[mu], tu)
			}
			got := receiverWeight(m, mu, tu, 2)
			if full := got == 2; full != tc.wantFull {
				t.Errorf("receiverWeight = %v, want full weight: %v", got, tc.wantFull)
			}
		})
	}
}
