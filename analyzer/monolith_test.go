package analyzer_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// areas is the intended split of the sample monolith, read from AREAS.md.
type areas struct {
	routes, tables, symbols map[string]string // id → area
}

var (
	areaHeading = regexp.MustCompile("^## area: (\\S+)\\s*$")
	areaItem    = regexp.MustCompile("^- `([^`]+)`")
)

func readAreas(t *testing.T, path string) areas {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := areas{routes: map[string]string{}, tables: map[string]string{}, symbols: map[string]string{}}
	var area string
	var list map[string]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " ")
		switch {
		case areaHeading.MatchString(line):
			area, list = areaHeading.FindStringSubmatch(line)[1], nil
		case strings.HasPrefix(line, "## "):
			area, list = "", nil
		case area != "" && line == "Routes:":
			list = a.routes
		case area != "" && line == "Tables:":
			list = a.tables
		case area != "" && line == "Symbols:":
			list = a.symbols
		case list != nil && areaItem.MatchString(line):
			id := areaItem.FindStringSubmatch(line)[1]
			if prev, dup := list[id]; dup {
				t.Errorf("%s: %s listed under %s and %s", path, id, prev, area)
			}
			list[id] = area
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSampleMonolith checks the graph of testdata/monolith against its
// AREAS.md: every route, table and symbol listed is found, every route and
// table found is listed, and every route has a handler.
func TestSampleMonolith(t *testing.T) {
	dir := filepath.Join("..", "testdata", "monolith")
	a := readAreas(t, filepath.Join(dir, "AREAS.md"))
	if len(a.routes) < 30 || len(a.tables) < 10 {
		t.Fatalf("AREAS.md lists %d routes and %d tables; the sample promises 30+ and 10+", len(a.routes), len(a.tables))
	}
	g, err := analyzer.Analyze(context.Background(), analyzer.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Diagnostics) > 0 {
		t.Errorf("diagnostics on the sample: %v", g.Diagnostics)
	}
	for _, list := range []map[string]string{a.routes, a.tables, a.symbols} {
		for id := range list {
			if _, ok := g.Node(id); !ok {
				t.Errorf("AREAS.md lists %s; the graph has no such node", id)
			}
		}
	}
	handled := map[string]bool{}
	for _, e := range g.Edges() {
		if e.Kind == analyzer.EdgeHandles {
			handled[e.From] = true
		}
	}
	counts := map[analyzer.NodeKind]int{}
	for _, n := range g.Nodes() {
		counts[n.Kind]++
		switch n.Kind {
		case analyzer.KindRoute:
			if _, ok := a.routes[n.ID]; !ok {
				t.Errorf("graph has %s, which AREAS.md does not list", n.ID)
			}
			if !handled[n.ID] {
				t.Errorf("%s has no handles edge", n.ID)
			}
		case analyzer.KindTable:
			if _, ok := a.tables[n.ID]; !ok {
				t.Errorf("graph has %s, which AREAS.md does not list", n.ID)
			}
		}
	}
	if counts[analyzer.KindEvent] < 5 || counts[analyzer.KindJob] < 3 {
		t.Errorf("graph has %d events and %d jobs; the sample has at least 5 and 3", counts[analyzer.KindEvent], counts[analyzer.KindJob])
	}
}
