package check

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// sample is a plan of two services, a and b, with kernel k, and a graph
// of the code since: new uses across the boundary and new units.
func sample() (*planner.Plan, analyzer.Document) {
	sym := func(kind analyzer.NodeKind, pkg, name, pos string) analyzer.Node {
		return analyzer.Node{ID: "m/" + pkg + "." + name, Kind: kind, Name: name, Package: "m/" + pkg, Pos: pos, Lines: 3}
	}
	doc := analyzer.Document{Schema: analyzer.Schema, Module: "m", Nodes: []analyzer.Node{
		sym(analyzer.KindFunc, "a", "Place", "a/a.go:10"),
		sym(analyzer.KindType, "a", "Order", "a/a.go:3"),
		sym(analyzer.KindMethod, "a", "Order.Total", "a/new.go:5"), // new: receiver rule
		sym(analyzer.KindFunc, "a", "Report", "a/new.go:9"),        // new: package rule
		sym(analyzer.KindFunc, "b", "Charge", "b/b.go:4"),
		sym(analyzer.KindFunc, "b", "ledger", "b/b.go:12"),
		sym(analyzer.KindFunc, "b", "Refund", "b/b.go:20"), // new: file rule
		sym(analyzer.KindFunc, "x", "Helper", "x/x.go:3"),  // new: neighbours rule
		sym(analyzer.KindFunc, "y", "Dead", "y/y.go:3"),    // new: no rule
		sym(analyzer.KindFunc, "k", "Log", "k/k.go:3"),
		{ID: "table:orders", Kind: analyzer.KindTable, Name: "orders"},
		{ID: "table:payments", Kind: analyzer.KindTable, Name: "payments"},
		{ID: "route:GET /pay", Kind: analyzer.KindRoute, Name: "GET /pay", Package: "m/b", Pos: "b/b.go:30", Lines: 1}, // new: handler rule
	}, Edges: []analyzer.Edge{
		{From: "m/a.Place", To: "m/b.Charge", Kind: analyzer.EdgeCalls, Weight: 1},      // in b's API
		{From: "m/a.Report", To: "m/b.ledger", Kind: analyzer.EdgeCalls, Weight: 1},     // api violation
		{From: "m/a.Place", To: "table:payments", Kind: analyzer.EdgeWrites, Weight: 1}, // table violation
		{From: "m/a.Place", To: "table:orders", Kind: analyzer.EdgeWrites, Weight: 1},
		{From: "m/b.Refund", To: "m/a.Place", Kind: analyzer.EdgeCalls, Weight: 1}, // new cycle (Place is in a's API)
		{From: "m/b.Charge", To: "m/k.Log", Kind: analyzer.EdgeCalls, Weight: 1},   // into the kernel: fine
		{From: "m/b.Charge", To: "m/x.Helper", Kind: analyzer.EdgeCalls, Weight: 2},
		{From: "route:GET /pay", To: "m/b.Charge", Kind: analyzer.EdgeHandles, Weight: 1},
	}}
	p := &planner.Plan{Schema: planner.Schema, Module: "m", Services: []planner.Service{
		{Name: "a", Members: []string{"m/a.Order", "m/a.Place", "table:orders"}, API: []planner.APIEntry{{Symbol: "m/a.Place"}}},
		{Name: "b", Members: []string{"m/b.Charge", "m/b.ledger", "table:payments"}, API: []planner.APIEntry{{Symbol: "m/b.Charge"}}},
	}, Shared: []string{"m/k.Log"}}
	p.Services[0].DependsOn = []planner.Dependency{{Service: "b", Calls: 1}}
	return p, doc
}

func TestRun(t *testing.T) {
	p, doc := sample()
	r, err := Run(context.Background(), Input{Plan: p, Graph: doc, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	type found struct {
		Kind           Kind
		Pos, From, To  string
		FromSvc, ToSvc string
		Cycle          []string
	}
	var got []found
	for _, v := range r.Violations {
		got = append(got, found{v.Kind, v.Pos, v.From, v.To, v.FromService, v.ToService, v.Cycle})
	}
	// Without source (an empty directory), positions are the using
	// declarations', and a note says the source could not be read.
	want := []found{
		{KindTable, "a/a.go:10", "m/a.Place", "table:payments", "a", "b", nil},
		{KindAPI, "a/new.go:9", "m/a.Report", "m/b.ledger", "a", "b", nil},
		{KindCycle, "b/b.go:20", "m/b.Refund", "m/a.Place", "b", "a", []string{"a", "b"}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("violations (-want +got):\n%s", d)
	}
	if len(r.Notes) == 0 || !strings.Contains(r.Notes[0], "a/new.go") {
		t.Errorf("notes = %q, want one naming the unreadable a/new.go", r.Notes)
	}
	rules := map[string]string{}
	for _, pl := range r.Placements {
		rules[pl.Unit] = pl.Service + " by " + pl.Rule
	}
	wantRules := map[string]string{
		"m/a.Order.Total": "a by receiver",
		"m/a.Report":      "a by file", // the method placed before it shares its file
		"m/b.Refund":      "b by file",
		"m/x.Helper":      "b by neighbours",
		"m/y.Dead":        " by none",
		"route:GET /pay":  "b by handler",
	}
	if d := cmp.Diff(wantRules, rules); d != "" {
		t.Errorf("placements (-want +got):\n%s", d)
	}
}

func TestRunPackageRule(t *testing.T) {
	p, doc := sample()
	doc.Nodes = append(doc.Nodes, analyzer.Node{ID: "m/a.Other", Kind: analyzer.KindFunc, Name: "Other", Package: "m/a", Pos: "a/other.go:3", Lines: 1})
	r, err := Run(context.Background(), Input{Plan: p, Graph: doc, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range r.Placements {
		if pl.Unit == "m/a.Other" && (pl.Service != "a" || pl.Rule != RulePackage) {
			t.Errorf("m/a.Other placed %+v, want a by package", pl)
		}
	}
}

func TestRunModuleMismatch(t *testing.T) {
	p, doc := sample()
	p.Module = "other"
	if _, err := Run(context.Background(), Input{Plan: p, Graph: doc}); err == nil || !strings.Contains(err.Error(), "plan of other, code of m") {
		t.Errorf("err = %v, want a module mismatch", err)
	}
}

// TestBaseline: accepted violations match by ids whatever their lines;
// new ones stay; entries no longer found are fixed.
func TestBaseline(t *testing.T) {
	p, doc := sample()
	r, err := Run(context.Background(), Input{Plan: p, Graph: doc, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	all := r.All()
	var buf strings.Builder
	if err := NewBaseline(all[:2]).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	base, err := ReadBaseline(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	base.Violations = append(base.Violations, Entry{Kind: KindAPI, From: "m/gone.F", To: "m/b.ledger"})
	moved := make([]Violation, len(all))
	copy(moved, all)
	for i := range moved {
		moved[i].Pos = moved[i].File() + ":999"
	}
	fresh, accepted, fixed := base.split(moved)
	if len(accepted) != 2 || len(fresh) != len(all)-2 {
		t.Errorf("split: %d accepted, %d new; want 2 and %d", len(accepted), len(fresh), len(all)-2)
	}
	if len(fixed) != 1 || fixed[0].From != "m/gone.F" {
		t.Errorf("fixed = %+v, want the entry of m/gone.F", fixed)
	}
	cycle := Violation{Kind: KindCycle, From: "m/b.Other", To: "m/a.Place", Cycle: []string{"a", "b"}}
	if cycle.Key() != all[0].Key() && cycle.Key() != all[1].Key() && cycle.Key() != all[2].Key() {
		t.Errorf("a cycle closed by another call has a new key %q: cycles match by their services", cycle.Key())
	}
}

func TestReadBaselineErrors(t *testing.T) {
	tests := []struct{ name, in, wantErr string }{
		{"empty", "", "empty or truncated"},
		{"truncated", `{"schema": "ficus.check-baseline/v1", "violations": [`, "empty or truncated"},
		{"other schema", `{"schema": "ficus.plan/v1", "violations": []}`, "not a ficus check baseline"},
		{"unknown field", `{"schema": "ficus.check-baseline/v1", "violations": [], "x": 1}`, `unknown field "x"`},
		{"unknown kind", `{"schema": "ficus.check-baseline/v1", "violations": [{"kind": "zzz"}]}`, `entry 1 has kind "zzz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadBaseline(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestGitHubEscapes(t *testing.T) {
	r := &Result{Violations: []Violation{{Kind: KindAPI, Pos: "a,b/c:d.go:7", FromService: "a", ToService: "b", Message: "100% of\nit", Fix: "x"}}}
	var b strings.Builder
	if err := WriteGitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a%2Cb/c%3Ad.go,line=7,title=ficus api::a -> b: 100%25 of%0Ait%0Afix: x\n"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("annotation:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestNewTableNotInKernel: a new table that a migration step in the
// kernel and one service's code write is that service's: the kernel holds
// no business state, so its writes place no table.
func TestNewTableNotInKernel(t *testing.T) {
	p, doc := sample()
	doc.Nodes = append(doc.Nodes, analyzer.Node{ID: "table:refunds", Kind: analyzer.KindTable, Name: "refunds"})
	doc.Edges = append(doc.Edges,
		analyzer.Edge{From: "m/k.Log", To: "table:refunds", Kind: analyzer.EdgeWrites, Weight: 1},
		analyzer.Edge{From: "m/b.Charge", To: "table:refunds", Kind: analyzer.EdgeWrites, Weight: 1})
	r, err := Run(context.Background(), Input{Plan: p, Graph: doc, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range r.Placements {
		if pl.Unit == "table:refunds" {
			if pl.Service != "b" {
				t.Errorf("refunds placed in %q by %s, want b", pl.Service, pl.Rule)
			}
			return
		}
	}
	t.Errorf("refunds not placed: %+v", r.Placements)
}
