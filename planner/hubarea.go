package planner

import (
	"maps"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// hubMove is a file of a hub's handlers that hubAreas moved.
type hubMove struct {
	file  string
	hub   int32
	units []int32 // the handlers and the routes they run
	ties  []int32 // the code of the new service the handlers are tied to most
}

// hubAreas gives each area's handlers of a hub type back to their area. A
// hub is a type (an App or Server struct every handler hangs off, a DI
// container) with methods declared apart from it (see apartMethod) in
// files of two or more stems: orders.go, users.go. Those are the areas'
// handlers, and the receiver is all that ties them to the hub; the
// clustering, which sees a method and its type as one, glues them to the
// hub's service. Where a file of them sits in the hub's service and its
// other ties (the code it calls, the types it uses, who uses it), not
// counting the hub's own block, weigh more to one other service than to
// the hub's, the file's handlers move to that service, with the routes
// they run. Main packages do not count (the composition root builds every
// service); units a constraint places stay.
func hubAreas(m *model, s *signals, r *roles, cons *constraints, label []int32) []hubMove {
	stems := map[int32]map[string]bool{}     // hub → stems of its apart files
	byFile := map[int32]map[string][]int32{} // hub → apart file → methods with the hub
	for u, t := range m.recv {
		if t < 0 || r.block[u] != int32(u) {
			continue // not a method declared apart from its type
		}
		f := file(m.unitNode(int32(u)))
		if stems[t] == nil {
			stems[t], byFile[t] = map[string]bool{}, map[string][]int32{}
		}
		stem, _, _ := strings.Cut(fileStem(f), "_")
		stems[t][stem] = true
		if label[t] >= 0 && label[u] == label[t] && cons.set[u] < 0 {
			byFile[t][f] = append(byFile[t][f], int32(u))
		}
	}
	mains := mainPackages(m)
	var moves []hubMove
	for _, t := range slices.Sorted(maps.Keys(byFile)) {
		if len(stems[t]) < 2 {
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(byFile[t])) {
			if mv, ok := hubAreaMove(m, s, r, cons, label, mains, t, byFile[t][f]); ok {
				mv.file = f
				moves = append(moves, mv)
			}
		}
	}
	return moves
}

// hubAreaMove moves one file's handlers (group) of hub t to the service
// their ties outside the hub's block weigh most to, if that outweighs the
// hub's service, and reports the move.
func hubAreaMove(m *model, s *signals, r *roles, cons *constraints, label []int32, mains map[string]bool, t int32, group []int32) (hubMove, bool) {
	in := map[int32]bool{}
	for _, u := range group {
		in[u] = true
	}
	ties := map[int32]float64{}
	tied := map[int32][]int32{}
	for _, e := range s.uses {
		a, b := e.from, e.to
		if in[b] {
			a, b = b, a
		}
		if !in[a] || in[b] || r.block[b] == t || label[b] < 0 || mains[m.unitNode(b).Package] {
			continue
		}
		ties[label[b]] += e.w
		tied[label[b]] = append(tied[label[b]], b)
	}
	best, bw := int32(-1), 0.0
	for _, l := range slices.Sorted(maps.Keys(ties)) {
		if l != label[t] && ties[l] > bw {
			best, bw = l, ties[l]
		}
	}
	if best < 0 || bw <= ties[label[t]] {
		return hubMove{}, false
	}
	mv := hubMove{hub: t, ties: slices.Compact(slices.Sorted(slices.Values(tied[best])))}
	for _, u := range group {
		label[u] = best
		mv.units = append(mv.units, u)
	}
	for x, h := range r.handler {
		if h >= 0 && in[h] && m.unitNode(int32(x)).Kind == analyzer.KindRoute && cons.set[x] < 0 {
			label[x] = best
			mv.units = append(mv.units, int32(x))
		}
	}
	return mv, true
}
