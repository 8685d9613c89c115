package planner

import "github.com/ficus-dev/ficus/analyzer"

// placeConstructors puts each constructor with the type it builds: a
// function NewT of T's package goes where T is, as its methods do. The
// code a constructor calls (the collaborators it is given) says nothing
// about where it belongs. Units a constraint places stay.
func placeConstructors(m *model, cons *constraints, label []int32) {
	types := map[string]int32{} // "pkg.Name" → unit
	for u, ni := range m.units {
		if n := m.nodes[ni]; n.Kind == analyzer.KindType {
			types[n.Package+"."+n.Name] = int32(u)
		}
	}
	for u, ni := range m.units {
		n := m.nodes[ni]
		if n.Kind != analyzer.KindFunc || len(n.Name) <= 3 || n.Name[:3] != "New" || cons.set[u] >= 0 || cons.forced[u] {
			continue
		}
		if t, ok := types[n.Package+"."+n.Name[3:]]; ok && label[t] >= labelKernel && cons.set[t] < 0 {
			label[u] = label[t]
		}
	}
}
