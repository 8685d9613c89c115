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
	sums := newVirtualSums(g, nu, label)
	blockW := make([]float64, len(g.self)) // a virtual node's weight to the block
	addTie := func(l int32, w float64) {
		if w <= 0 {
			return // edges weigh more than 0: the walk never adds less
		}
		if tie[l] == 0 {
			touched = append(touched, l)
		}
		tie[l] += w
	}
	for _, e := range m.entries {
		block := append([]int32{e}, routes[e]...)
		if slices.ContainsFunc(block, func(u int32) bool { return label[u] != label[e] || cons.set[u] >= 0 }) || label[e] < 0 {
			continue
		}
		for _, u := range block {
			inBlock[u] = true
			for p := g.off[u]; p < g.off[u+1]; p++ {
				blockW[g.adj[p]] += g.w[p]
			}
		}
		add := func(v int32, w float64) {
			if v < nu && !inBlock[v] && label[v] >= 0 {
				addTie(label[v], w)
			}
		}
		for _, u := range block {
			for p := g.off[u]; p < g.off[u+1]; p++ {
				v := g.adj[p]
				if v < nu {
					add(v, g.w[p])
					continue
				}
				// a file or word node passes its weight to the units it
				// joins: a large one through its sums by label, less the
				// block's own share
				if ls := sums.of(v); ls != nil {
					f := g.w[p] / g.deg[v]
					for _, x := range ls {
						w := x.w
						if x.l == label[e] {
							w -= blockW[v]
						}
						if w > sumsNoise {
							// what moves leave of a label is rounding
							addTie(x.l, f*w)
						}
					}
					continue
				}
				for q := g.off[v]; q < g.off[v+1]; q++ {
					add(g.adj[q], g.w[p]*g.w[q]/g.deg[v])
				}
			}
		}
		for _, u := range block {
			inBlock[u] = false
			for p := g.off[u]; p < g.off[u+1]; p++ {
				blockW[g.adj[p]] = 0
			}
		}
		best, bestW, own := strongestTie(tie, touched, label[e])
		for _, l := range touched {
			tie[l] = 0
		}
		touched = touched[:0]
		if best < 0 || !clearlyAbove(bestW, settleFactor*own) {
			continue
		}
		for _, u := range block {
			sums.move(u, label[u], best)
			label[u] = best
		}
		moved++
	}
	return moved
}

// tieTolerance is the relative difference below which two ties weigh
// the same: sums of the same weights taken in another order differ in
// their last bits, and which label wins must not hang on that.
const tieTolerance = 1e-9

// clearlyAbove reports whether a exceeds b by more than rounding.
func clearlyAbove(a, b float64) bool { return a > b+tieTolerance*max(a, b) }

// strongestTie returns the label other than own with the largest tie
// (the lowest label among ties equal up to rounding), its tie, and own's.
func strongestTie(tie []float64, touched []int32, own int32) (int32, float64, float64) {
	best, bestW := int32(-1), 0.0
	for _, l := range touched {
		if l == own || tie[l] <= 0 {
			continue
		}
		if best < 0 || clearlyAbove(tie[l], bestW) || (!clearlyAbove(bestW, tie[l]) && l < best) {
			best, bestW = l, tie[l]
		}
	}
	return best, bestW, tie[own]
}

// largeVirtual is the number of units from which a file or word node's
// weight by label is summed once (see virtualSums) rather than walked for
// every entry point that touches it.
const largeVirtual = 16

// sumsNoise is the weight below which a label's sum is what subtracting
// the weights of units that left it, or of the block's own units, leaves
// of rounding: edge weights are many orders of magnitude above it.
const sumsNoise = 1e-9

// labelWeight is the weight of a virtual node's edges to one label's units.
type labelWeight struct {
	l int32
	w float64
}

// virtualSums holds, for each large virtual node (a file or a word shared
// by many units), the weight of its edges to the units of each label, in
// the order the labels first appear among its neighbours; built on first
// use and kept current as units move.
type virtualSums struct {
	g     *wgraph
	nu    int32
	label []int32
	sums  [][]labelWeight // by virtual node - nu; nil until built
	built []bool
}

func newVirtualSums(g *wgraph, nu int32, label []int32) *virtualSums {
	n := int32(len(g.self)) - nu
	return &virtualSums{g: g, nu: nu, label: label, sums: make([][]labelWeight, n), built: make([]bool, n)}
}

// of returns the sums of virtual node v, nil for a small one.
func (vs *virtualSums) of(v int32) []labelWeight {
	g, i := vs.g, v-vs.nu
	if g.off[v+1]-g.off[v] <= largeVirtual {
		return nil
	}
	if !vs.built[i] {
		var ls []labelWeight
		for q := g.off[v]; q < g.off[v+1]; q++ {
			if u := g.adj[q]; u < vs.nu && vs.label[u] >= 0 {
				ls = addWeight(ls, vs.label[u], g.w[q])
			}
		}
		vs.sums[i], vs.built[i] = ls, true
	}
	return vs.sums[i]
}

// move keeps the built sums current when unit u goes from one label to
// another.
func (vs *virtualSums) move(u, from, to int32) {
	g := vs.g
	for p := g.off[u]; p < g.off[u+1]; p++ {
		v := g.adj[p]
		if v < vs.nu || !vs.built[v-vs.nu] {
			continue
		}
		i := v - vs.nu
		vs.sums[i] = addWeight(addWeight(vs.sums[i], from, -g.w[p]), to, g.w[p])
	}
}

// addWeight adds w to label l's entry of ls, appending it when new.
func addWeight(ls []labelWeight, l int32, w float64) []labelWeight {
	for j := range ls {
		if ls[j].l == l {
			ls[j].w += w
			return ls
		}
	}
	return append(ls, labelWeight{l, w})
}
