package main

import (
	"math/rand/v2"
	"path"
	"strconv"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// The three trivial baselines every ficus figure is printed beside. Each
// labels the symbols of a graph; routes then take the label of their
// handler and tables that of their main writer (or reader), as a person
// drawing the split by that rule would.

// containerDirs are directory names that hold code without naming an
// area; the folder baseline looks through them.
func containerDirs() map[string]bool {
	return map[string]bool{"internal": true, "pkg": true, "src": true, "app": true, "apps": true,
		"cmd": true, "services": true, "modules": true, "server": true}
}

// folderBaseline is "one service per top-level domain folder": the first
// directory of a symbol's file below the container directories.
func folderBaseline(doc analyzer.Document) map[string]string {
	skip := containerDirs()
	return bySymbol(doc, func(file string) string {
		segs := strings.Split(path.Dir(file), "/")
		for _, s := range segs {
			if s != "." && !skip[s] {
				return s
			}
		}
		return "(root)"
	})
}

// fileBaseline is "one service per file name": symbols declared in files
// of the same base name, in any directory, together.
func fileBaseline(doc analyzer.Document) map[string]string {
	return bySymbol(doc, func(file string) string {
		b := path.Base(file)
		if i := strings.IndexByte(b, '.'); i > 0 {
			b = b[:i]
		}
		return b
	})
}

// louvainBaseline is plain Louvain (gonum's, resolution 1, seeded) on the
// undirected call graph of the symbols, with call sites as weights.
func louvainBaseline(doc analyzer.Document, seed uint64) map[string]string {
	ids := map[string]int64{}
	var names []string
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for _, n := range doc.Nodes {
		if isSymbol(n) {
			ids[n.ID] = int64(len(names))
			names = append(names, n.ID)
			g.AddNode(simple.Node(ids[n.ID]))
		}
	}
	for _, e := range doc.Edges {
		if e.Kind != analyzer.EdgeCalls {
			continue
		}
		a, ok1 := ids[e.From]
		b, ok2 := ids[e.To]
		if !ok1 || !ok2 || a == b {
			continue
		}
		w := float64(e.Weight)
		if old, ok := g.Weight(a, b); ok && old != 0 {
			w += old
		}
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(a), simple.Node(b), w))
	}
	red := community.Modularize(g, 1, rand.NewPCG(seed, seed))
	sym := map[string]string{}
	for i, c := range red.Communities() {
		for _, n := range c {
			sym[names[n.ID()]] = "c" + strconv.Itoa(i)
		}
	}
	return withEntries(doc, sym)
}

// bySymbol labels each symbol by a function of its file, then routes and
// tables by withEntries.
func bySymbol(doc analyzer.Document, class func(file string) string) map[string]string {
	sym := map[string]string{}
	for _, n := range doc.Nodes {
		if isSymbol(n) {
			f, _, _ := strings.Cut(n.Pos, ":")
			sym[n.ID] = class(f)
		}
	}
	return withEntries(doc, sym)
}

// withEntries adds to symbol labels the routes (by their handler) and
// tables (by the symbol with the most write sites, else read sites).
func withEntries(doc analyzer.Document, sym map[string]string) map[string]string {
	out := make(map[string]string, len(sym))
	for id, c := range sym {
		out[id] = c
	}
	type best struct {
		w     int
		write bool
		class string
	}
	tables := map[string]best{}
	for _, e := range doc.Edges {
		switch e.Kind {
		case analyzer.EdgeHandles:
			if c, ok := sym[e.To]; ok {
				if _, done := out[e.From]; !done {
					out[e.From] = c
				}
			}
		case analyzer.EdgeWrites, analyzer.EdgeReads:
			c, ok := sym[e.From]
			if !ok {
				continue
			}
			w := e.Kind == analyzer.EdgeWrites
			b := tables[e.To]
			if (w && !b.write) || (w == b.write && e.Weight > b.w) {
				tables[e.To] = best{e.Weight, w, c}
			}
		}
	}
	for id, b := range tables {
		out[id] = b.class
	}
	return out
}

func isSymbol(n analyzer.Node) bool {
	if n.External {
		return false
	}
	switch n.Kind {
	case analyzer.KindType, analyzer.KindFunc, analyzer.KindMethod, analyzer.KindVar:
		return true
	}
	return false
}
