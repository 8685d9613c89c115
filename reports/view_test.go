package reports

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
	goldenfile "github.com/ficus-dev/ficus/internal/golden"
	"github.com/ficus-dev/ficus/planner"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadShop(t *testing.T) *analyzer.Graph {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "shop.graph.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := analyzer.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got, *update)
}

func TestViewsGolden(t *testing.T) {
	g := loadShop(t)
	tests := []struct {
		name  string
		build func() (*View, error)
	}{
		{"packages", func() (*View, error) { return PackagesView(g, Filter{}, nil) }},
		{"packages-collapsed", func() (*View, error) { return PackagesView(g, Filter{Collapse: 1}, nil) }},
		{"packages-focus", func() (*View, error) { return PackagesView(g, Filter{Focus: "internal/services", Depth: 1}, nil) }},
		{"symbols-focus", func() (*View, error) {
			return SymbolsView(g, Filter{Focus: "(*OrderServiceImpl).Place", Depth: 1}, nil, nil)
		}},
		{"symbols-include", func() (*View, error) {
			return SymbolsView(g, Filter{Include: []string{"route:...payments...", ".../handlers.(*Payments..."}}, nil, nil)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Nodes) == 0 {
				t.Fatal("empty view")
			}
			var dot, mm bytes.Buffer
			if err := WriteDOT(&dot, v); err != nil {
				t.Fatal(err)
			}
			if err := WriteMermaid(&mm, v); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".dot", dot.Bytes())
			golden(t, tt.name+".mmd", mm.Bytes())
			checkWithDot(t, dot.Bytes())
		})
	}
}

// checkWithDot runs the real Graphviz dot on generated DOT where it is
// installed.
func checkWithDot(t *testing.T, src []byte) {
	t.Helper()
	path, err := exec.LookPath("dot")
	if err != nil {
		t.Log("graphviz dot not installed; DOT syntax not checked by it")
		return
	}
	cmd := exec.Command(path, "-Tsvg", "-o", os.DevNull)
	cmd.Stdin = bytes.NewReader(src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("dot rejects the output: %v\n%s", err, out)
	}
}

func TestPackagesViewCycles(t *testing.T) {
	g := analyzer.NewGraph("example.com/m")
	for _, p := range []string{"a", "b", "c", "d"} {
		g.AddNode(analyzer.Node{ID: "pkg:example.com/m/" + p, Kind: analyzer.KindPackage, Name: p, Package: "example.com/m/" + p})
	}
	for _, e := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}} {
		if err := g.AddEdge("pkg:example.com/m/"+e[0], "pkg:example.com/m/"+e[1], analyzer.EdgeImports, 1); err != nil {
			t.Fatal(err)
		}
	}
	v, err := PackagesView(g, Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hot := map[string]bool{}
	for _, n := range v.Nodes {
		hot[n.Label] = n.Highlight
	}
	if diff := cmp.Diff(map[string]bool{"a": true, "b": true, "c": true, "d": false}, hot); diff != "" {
		t.Errorf("cycle highlight (-want +got):\n%s", diff)
	}
	for _, e := range v.Edges {
		if want := e.To != "pkg:example.com/m/d"; e.Highlight != want {
			t.Errorf("edge %s -> %s highlight = %v, want %v", e.From, e.To, e.Highlight, want)
		}
	}
	cycles, err := Cycles(g)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"example.com/m/a", "example.com/m/b", "example.com/m/c"}}, cycles); diff != "" {
		t.Errorf("Cycles (-want +got):\n%s", diff)
	}
}

func TestViewErrors(t *testing.T) {
	g := loadShop(t)
	_, err := SymbolsView(g, Filter{}, nil, nil)
	var big *ErrTooLarge
	if !errors.As(err, &big) || !strings.Contains(err.Error(), "--focus") {
		t.Errorf("whole symbols view: err = %v, want ErrTooLarge with advice", err)
	}
	if _, err := SymbolsView(g, Filter{Force: true}, nil, nil); err != nil {
		t.Errorf("forced symbols view: %v", err)
	}
	_, err = SymbolsView(g, Filter{Focus: "OrderServise"}, nil, nil)
	var unknown *ErrUnknownNode
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "OrderService") {
		t.Errorf("misspelt focus: err = %v, want ErrUnknownNode suggesting OrderService", err)
	}
	_, err = SymbolsView(g, Filter{Focus: "Get"}, nil, nil)
	var amb *ErrAmbiguousNode
	if !errors.As(err, &amb) {
		t.Errorf("ambiguous focus: err = %v, want ErrAmbiguousNode", err)
	}
	if _, err := ParseViewKind("tables"); err == nil {
		t.Error("unknown view accepted")
	}
}

func TestPatterns(t *testing.T) {
	tests := []struct {
		pattern, id string
		want        bool
	}{
		{"example.com/shop/internal/...", "pkg:example.com/shop/internal/models", false},
		{"pkg:example.com/shop/internal/...", "pkg:example.com/shop/internal/models", true},
		{"*Handler*", "example.com/x.OrdersHandler", false},
		{"...Handler...", "example.com/x.OrdersHandler", true},
		{"route:GET *", "route:GET /orders", false},
		{"route:GET ...", "route:GET /orders/{id}", true},
	}
	for _, tt := range tests {
		m, err := newMatcher(Filter{Include: []string{tt.pattern}})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.keep(tt.id, ""); got != tt.want {
			t.Errorf("include %q keeps %q = %v, want %v", tt.pattern, tt.id, got, tt.want)
		}
	}
}

func TestServicesViewEmptyPlan(t *testing.T) {
	g := loadShop(t)
	_, err := ServicesView(g, &planner.Plan{Schema: planner.Schema}, Filter{})
	if err == nil || !strings.Contains(err.Error(), "proposes no service") {
		t.Fatalf("ServicesView(empty plan) = %v, want a 'proposes no service' error", err)
	}
	d, err := BuildReport(g, &planner.Plan{Schema: planner.Schema}, time.Time{})
	if err == nil {
		t.Fatalf("BuildReport(empty plan) = %+v, want an error", d)
	}
}

func TestServicesViewShop(t *testing.T) {
	g, p, _ := shopReport(t)
	v, err := ServicesView(g, p, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, n := range v.Nodes {
		kinds[n.Kind]++
	}
	if kinds["service"] != len(p.Services) || kinds["store"] != len(p.SharedTables) {
		t.Errorf("context map has %v, want %d services and %d shared stores", kinds, len(p.Services), len(p.SharedTables))
	}
	var b bytes.Buffer
	if err := WriteDOT(&b, v); err != nil {
		t.Fatal(err)
	}
	checkWithDot(t, b.Bytes())
}
