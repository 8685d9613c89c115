package planner

import (
	"math"

	"github.com/ficus-dev/ficus/analyzer"
)

// coChangeEdges joins the symbols of two files that change together in
// the module's history (co-changes edges, from ficus analyze --history,
// each between the first symbols of two files) through one virtual node
// per pair of files, numbered from next. Each symbol of both files is tied
// to it with weight × log2(1 + recent commits): the tenth commit changing
// two files together says more than the first, but not ten times more. A
// graph without co-changes edges gets no edge.
func coChangeEdges(m *model, weight float64, next int32) ([]wedge, int32) {
	var byFile map[string][]int32
	var edges []wedge
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeCoChanges {
			continue
		}
		fa, fb := file(m.nodes[e.from]), file(m.nodes[e.to])
		if fa == "" || fb == "" || fa == fb {
			continue
		}
		if byFile == nil {
			byFile = unitsByFile(m)
		}
		a, b := byFile[fa], byFile[fb]
		if len(a) == 0 || len(b) == 0 {
			continue
		}
		w := weight * math.Log2(1+float64(e.weight)/analyzer.CoChangeScale)
		for _, u := range a {
			edges = append(edges, wedge{u, next, w})
		}
		for _, u := range b {
			edges = append(edges, wedge{u, next, w})
		}
		next++
	}
	return edges, next
}

// unitsByFile lists the symbol units declared in each file.
func unitsByFile(m *model) map[string][]int32 {
	byFile := map[string][]int32{}
	for u, ni := range m.units {
		n := m.nodes[ni]
		if !isSymbol(n) {
			continue
		}
		if f := file(n); f != "" {
			byFile[f] = append(byFile[f], int32(u))
		}
	}
	return byFile
}

// hasCoChanges reports whether the graph carries change history.
func (m *model) hasCoChanges() bool {
	for _, e := range m.edges {
		if e.kind == analyzer.EdgeCoChanges {
			return true
		}
	}
	return false
}

// settingsWeights are the weights a plan records: the co-changes and
// executes weights only when the graph has history or route evidence, so
// plans of graphs without it keep their bytes.
func settingsWeights(m *model, w Weights) Weights {
	if !m.hasCoChanges() {
		w.CoChanges = 0
	}
	if !m.hasExecutes() {
		w.Executes = 0
	}
	return w
}
