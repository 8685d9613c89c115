package planner

import (
	"context"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// Thresholds of the giant split (see splitGiants), documented in
// docs/plan-format.md.
const (
	// giantShare is the share of the units in services above which one
	// service is a giant.
	giantShare = 0.4
	// minGiantUnits is the fewest units a giant holds.
	minGiantUnits = 150
	// giantGamma is the resolution the giant is clustered again at.
	giantGamma = 1.0
	// giantPartDivisor sets the smallest part of a giant that becomes a
	// service: its size over this (a part smaller joins its neighbour).
	giantPartDivisor = 20
)

// splitGiants clusters again, on its own, a service that holds more than
// giantShare of the units in services (a layered app whose every entity
// reads one core table, its models glued into one mass): the parts that
// serve a route or own a table become services, and every other part
// joins the part it is tied to most. Services the code's features or the
// user's constraints place are left whole. It returns the number of
// services made.
func splitGiants(ctx context.Context, m *model, s *signals, cons *constraints, label []int32, seed uint64) (int, error) {
	size := map[int32]int{}
	total := 0
	next := int32(0)
	for _, l := range label {
		if l >= 0 {
			size[l]++
			total++
			next = max(next, l+1)
		}
	}
	giants := make([]int32, 0, 1)
	for l, n := range size {
		if n >= minGiantUnits && float64(n) > giantShare*float64(total) {
			giants = append(giants, l)
		}
	}
	slices.Sort(giants)
	made := 0
	for _, g := range giants {
		keep := make([]bool, s.all.order())
		constrained := false
		for u, l := range label {
			if l == g {
				keep[u] = true
				constrained = constrained || cons.set[u] >= 0 || cons.feature != nil && cons.feature[u]
			}
		}
		if constrained {
			continue
		}
		for v := len(label); v < len(keep); v++ {
			keep[v] = true // name, stem and file hubs tie the giant's units
		}
		sub, ids := s.all.subgraph(keep)
		comm, err := louvain(ctx, sub, giantGamma, pointRand(seed, -2))
		if err != nil {
			return made, err
		}
		parts := map[int32][]int32{}
		of := map[int32]int32{} // unit → its part
		for i, c := range comm {
			if u := ids[i]; int(u) < len(label) {
				parts[c] = append(parts[c], u)
				of[u] = c
			}
		}
		minPart := max(minTinyUnits, size[g]/giantPartDivisor)
		worthy := map[int32]bool{}
		for c, us := range parts {
			if len(us) < minPart {
				continue
			}
			for _, u := range us {
				n := m.unitNode(u)
				if n.Kind == analyzer.KindRoute || n.Kind == analyzer.KindTable && !m.systemTable(u) {
					worthy[c] = true
					break
				}
			}
		}
		if len(worthy) < 2 {
			continue
		}
		// every other part joins the worthy part it shares most weight with
		order := make([]int32, 0, len(parts))
		for c := range parts {
			order = append(order, c)
		}
		slices.Sort(order)
		into := map[int32]int32{}
		for _, c := range order {
			if worthy[c] {
				into[c] = c
				continue
			}
			w := map[int32]float64{}
			for _, u := range parts[c] {
				for p := s.dep.off[u]; p < s.dep.off[u+1]; p++ {
					if t, ok := of[s.dep.adj[p]]; ok && worthy[t] {
						w[t] += s.dep.w[p]
					}
				}
			}
			best, bw := int32(-1), 0.0
			for _, t := range order {
				if worthy[t] && w[t] > bw {
					best, bw = t, w[t]
				}
			}
			if best < 0 {
				for _, t := range order { // tied to none: the largest worthy part
					if worthy[t] && (best < 0 || len(parts[t]) > len(parts[best])) {
						best = t
					}
				}
			}
			into[c] = best
		}
		// the largest worthy part keeps the giant's label
		largest := int32(-1)
		for _, c := range order {
			if worthy[c] && (largest < 0 || len(parts[c]) > len(parts[largest])) {
				largest = c
			}
		}
		newLabel := map[int32]int32{largest: g}
		for _, c := range order {
			if worthy[c] && c != largest {
				newLabel[c] = next
				next++
				made++
			}
		}
		for _, c := range order {
			for _, u := range parts[c] {
				label[u] = newLabel[into[c]]
			}
		}
	}
	return made, nil
}
