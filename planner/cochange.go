package planner

import (
	"github.com/ficus-dev/ficus/analyzer"
)

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
func (m *model) hasCoChanges() bool { return m.hasEdges(analyzer.EdgeCoChanges) }

// hasEdges reports whether the graph has an edge of kind k.
func (m *model) hasEdges(k analyzer.EdgeKind) bool {
	for _, e := range m.edges {
		if e.kind == k {
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
