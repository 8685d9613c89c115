package planner

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestFindSharedState runs on a real module: platform (the kernel) holds a
// counter both services write, a map both use, a variable only orders
// writes and one nobody writes; billing builds a connection with
// sync.Once that orders reads; orders keeps a map of its own.
func TestFindSharedState(t *testing.T) {
	dir := filepath.Join("testdata", "sharedstate")
	g, err := analyzer.Analyze(context.Background(), analyzer.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	doc := g.Document()
	labels := map[string]string{}
	for _, n := range doc.Nodes {
		switch {
		case n.Package == "example.com/state/orders":
			labels[n.ID] = "orders"
		case n.Package == "example.com/state/billing":
			labels[n.ID] = "billing"
		case n.Package == "example.com/state/platform":
			labels[n.ID] = SharedClass
		}
	}
	got, err := FindSharedState(context.Background(), dir, doc, labels)
	if err != nil {
		t.Fatal(err)
	}
	want := []SharedState{
		{Var: "example.com/state/billing.Default", Kind: StateOnce, Owner: "billing", Services: []string{"billing", "orders"}, Writers: []string{"billing"},
			Uses: []StateUse{
				{Symbol: "example.com/state/billing.Get", Service: "billing", Write: true, Pos: "billing/billing.go:21"},
				{Symbol: "example.com/state/orders.Place", Service: "orders", Pos: "orders/orders.go:18"},
			}},
		{Var: "example.com/state/platform.Requests", Kind: StateWritten, Owner: SharedClass, Services: []string{SharedClass, "billing", "orders"}, Writers: []string{"billing", "orders"},
			Uses: []StateUse{
				{Symbol: "example.com/state/billing.Charge", Service: "billing", Write: true, Pos: "billing/billing.go:28"},
				{Symbol: "example.com/state/orders.Place", Service: "orders", Write: true, Pos: "orders/orders.go:14"},
			}},
		{Var: "example.com/state/platform.Sessions", Kind: StateMap, Owner: SharedClass, Services: []string{SharedClass, "billing", "orders"}, Writers: []string{"billing"},
			Uses: []StateUse{
				{Symbol: "example.com/state/billing.Charge", Service: "billing", Write: true, Pos: "billing/billing.go:30"},
				{Symbol: "example.com/state/orders.Place", Service: "orders", Pos: "orders/orders.go:18"},
			}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("FindSharedState (-want +got):\n%s", d)
	}

	p := &Plan{Services: []Service{{Name: "billing"}, {Name: "orders"}, {Name: "web"}},
		Order: []Step{{Rank: 1, Service: "web", Reason: "serves 2 routes"}, {Rank: 2, Service: "orders", Reason: "no other service calls it"}}}
	p.SetSharedState(got)
	p.SetSharedState(got) // idempotent
	wantOrder := []Step{{Rank: 1, Service: "web", Reason: "serves 2 routes"},
		{Rank: 2, Service: "orders", Reason: "no other service calls it; blocked by shared mutable state: 3 package-level variables written or used by other services too (give each one owner first)"}}
	if d := cmp.Diff(wantOrder, p.Order); d != "" {
		t.Errorf("extraction order (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"example.com/state/billing.Default", "example.com/state/platform.Requests", "example.com/state/platform.Sessions"}, p.Services[1].SharedState); d != "" {
		t.Errorf("orders' blockers (-want +got):\n%s", d)
	}
	var b strings.Builder
	if err := WriteSummary(&b, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "shared state:  example.com/state/platform.Requests (written) written by billing, orders (owner (shared))") {
		t.Errorf("summary lacks the written counter:\n%s", b.String())
	}
}

// TestFindSharedStateMissingSource: a graph whose files are gone gives an
// error that names the file, not a panic.
func TestFindSharedStateMissingSource(t *testing.T) {
	doc := testGraph([]string{"var V", "func A", "func B"}, []string{"A uses V", "B uses V"})
	labels := map[string]string{"example.com/t/p.V": "a", "example.com/t/p.A": "a", "example.com/t/p.B": "b"}
	got, err := FindSharedState(context.Background(), t.TempDir(), doc, labels)
	if err == nil || !strings.Contains(err.Error(), "p/f.go") {
		t.Errorf("err = %v, want one naming p/f.go", err)
	}
	if len(got) != 0 {
		t.Errorf("got %v from missing source", got)
	}
}
