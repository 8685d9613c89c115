package match

import (
	"strings"
	"testing"
)

func TestPrecedence(t *testing.T) {
	rules := []Rule{
		{Path: "/orders/{rest...}"},                        // 0
		{Methods: []string{"get"}, Path: "/orders/{id}"},   // 1
		{Methods: []string{"GET"}, Path: "/orders/42"},     // 2
		{Host: "Admin.Example", Path: "/orders/{rest...}"}, // 3
		{Methods: []string{"POST"}, Path: "/payments"},     // 4
	}
	p, err := NewPrecedence(rules)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	at := map[int]int{}
	for i, m := range p.Matchers {
		order = append(order, m.Method()+" "+m.Describe())
		at[m.Route] = i
	}
	// Each route before every route it is more specific than.
	for _, pair := range [][2]int{{3, 0}, {2, 1}, {1, 0}, {2, 0}} {
		a, b := at[pair[0]], at[pair[1]]
		if a > b || !p.MustPrecede(a, b) {
			t.Errorf("route %d must precede route %d: order %s", pair[0], pair[1], strings.Join(order, ", "))
		}
	}
	if p.MustPrecede(at[4], at[0]) || p.MustPrecede(at[0], at[4]) {
		t.Error("disjoint routes are ordered against each other")
	}
	if m := p.Matchers[at[1]].Method(); m != "GET" {
		t.Errorf("method %q, want it upper-cased as the proxy compares it", m)
	}
	if _, err := NewPrecedence([]Rule{{Path: "/a/{x}"}, {Path: "/{y}/b"}}); err == nil {
		t.Error("conflicting routes are ordered")
	}
}
