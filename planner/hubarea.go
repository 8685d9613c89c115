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
	to    int32   // the new service
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
	var groups []hubMove // the candidate files, by hub and file
	groupOf := map[int32]int{}
	for _, t := range slices.Sorted(maps.Keys(byFile)) {
		if len(stems[t]) < 2 {
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(byFile[t])) {
			for _, u := range byFile[t][f] {
				groupOf[u] = len(groups)
			}
			groups = append(groups, hubMove{file: f, hub: t, units: byFile[t][f]})
		}
	}
	if len(groups) == 0 {
		return nil
	}
	// ties[g] weighs, per service, group g's ties outside the hub's block
	// and main packages; tied[g] lists the code at their other end
	mains := mainPackages(m)
	ties := make([]map[int32]float64, len(groups))
	tied := make([]map[int32][]int32, len(groups))
	for _, e := range s.uses {
		for _, p := range [2][2]int32{{e.from, e.to}, {e.to, e.from}} {
			a, b := p[0], p[1]
			g, ok := groupOf[a]
			if !ok {
				continue
			}
			if gb, ok := groupOf[b]; (ok && gb == g) || r.block[b] == groups[g].hub || label[b] < 0 || mains[m.unitNode(b).Package] {
				continue
			}
			if ties[g] == nil {
				ties[g], tied[g] = map[int32]float64{}, map[int32][]int32{}
			}
			ties[g][label[b]] += e.w
			tied[g][label[b]] = append(tied[g][label[b]], b)
		}
	}
	var moves []hubMove
	to := map[int32]int{} // moved handler → its move
	for g, mv := range groups {
		home := label[mv.hub]
		best, bw := int32(-1), 0.0
		for _, l := range slices.Sorted(maps.Keys(ties[g])) {
			if l != home && ties[g][l] > bw {
				best, bw = l, ties[g][l]
			}
		}
		if best < 0 || bw <= ties[g][home] {
			continue
		}
		mv.to = best
		mv.ties = slices.Compact(slices.Sorted(slices.Values(tied[g][best])))
		mv.units = slices.Clone(mv.units)
		for _, u := range mv.units {
			to[u] = len(moves)
		}
		moves = append(moves, mv)
	}
	for u, i := range to {
		label[u] = moves[i].to
	}
	// the routes the moved handlers run go with them
	for x, h := range r.handler {
		if i, ok := to[h]; ok && h >= 0 && m.unitNode(int32(x)).Kind == analyzer.KindRoute && cons.set[x] < 0 {
			label[x] = moves[i].to
			moves[i].units = append(moves[i].units, int32(x))
		}
	}
	return moves
}
