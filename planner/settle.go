package planner

import "slices"

// settleFactor is how many times more an entry point must be tied to
// another service than to its own for settleEntries to move it.
const settleFactor = 2

// settleEntries moves every entry point that clustering left in a service
// it barely belongs to: a handler with the routes it serves, a job's
// function, an event subscriber, tied in the planning graph (the file and
// name signals included) more than settleFactor times as much to one
// other service as to its own, goes to that service. It returns the
// number of entry points moved.
//
// Entry points are where the call-tree signal (entryEdges) pulls
// hardest: a request whose calls cross into another area early pulls its
// handler there while the areas are still forming, and once the handler
// sits in the other area's cluster, with its routes following it, no
// single unit can move back. Taken as one block after clustering, it can.
// Constrained units, the kernel and the unplaced stay where they are.
func settleEntries(m *model, s *signals, r *roles, cons *constraints, label []int32) int {
	nu := int32(len(m.units))
	routes := map[int32][]int32{}
	for u, h := range r.handler {
		if h >= 0 {
			routes[h] = append(routes[h], int32(u))
		}
	}
	k := int32(0)
	for _, l := range label {
		k = max(k, l+1)
	}
	inBlock := make([]bool, nu)
	tie := make([]float64, k) // weight from the block to each label
	var touched []int32
	moved := 0
	g := s.all
	for _, e := range m.entries {
		block := append([]int32{e}, routes[e]...)
		if slices.ContainsFunc(block, func(u int32) bool { return label[u] != label[e] || cons.set[u] >= 0 }) || label[e] < 0 {
			continue
		}
		for _, u := range block {
			inBlock[u] = true
		}
		add := func(v int32, w float64) {
			if v < nu && !inBlock[v] && label[v] >= 0 {
				if tie[label[v]] == 0 {
					touched = append(touched, label[v])
				}
				tie[label[v]] += w
			}
		}
		for _, u := range block {
			for p := g.off[u]; p < g.off[u+1]; p++ {
				v := g.adj[p]
				if v < nu {
					add(v, g.w[p])
					continue
				}
				// a file or word node passes its weight to the units it joins
				for q := g.off[v]; q < g.off[v+1]; q++ {
					add(g.adj[q], g.w[p]*g.w[q]/g.deg[v])
				}
			}
		}
		for _, u := range block {
			inBlock[u] = false
		}
		own := tie[label[e]]
		best, bestW := int32(-1), 0.0
		for _, l := range touched {
			if l != label[e] && (tie[l] > bestW || (tie[l] == bestW && l < best)) {
				best, bestW = l, tie[l]
			}
		}
		for _, l := range touched {
			tie[l] = 0
		}
		touched = touched[:0]
		if best < 0 || bestW <= settleFactor*own {
			continue
		}
		for _, u := range block {
			label[u] = best
		}
		moved++
	}
	return moved
}
