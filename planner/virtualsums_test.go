package planner

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestVirtualSumsStayCurrent: the weight by label that settleEntries
// keeps for a large virtual node equals the sum rebuilt from scratch
// after units move, and a small node has none.
func TestVirtualSumsStayCurrent(t *testing.T) {
	const nu, k = 60, 4
	rng := rand.New(rand.NewPCG(1, 2))
	var edges []wedge
	big, small := int32(nu), int32(nu+1)
	for u := int32(0); u < nu; u++ {
		edges = append(edges, wedge{u, big, 1 + rng.Float64()})
		if u < largeVirtual/2 {
			edges = append(edges, wedge{u, small, 1})
		}
	}
	g := newWGraph(nu+2, edges)
	label := make([]int32, nu)
	for u := range label {
		label[u] = int32(rng.IntN(k))
	}
	label[3] = labelKernel // units outside services count for no label
	vs := newVirtualSums(g, nu, label)
	if vs.of(small) != nil {
		t.Errorf("a node of %d units has sums", largeVirtual/2)
	}
	if vs.of(big) == nil {
		t.Fatal("the large node has no sums")
	}
	for i := 0; i < 40; i++ {
		u := int32(rng.IntN(nu))
		if label[u] < 0 {
			continue
		}
		to := int32(rng.IntN(k))
		vs.move(u, label[u], to)
		label[u] = to
	}
	want := make([]float64, k)
	for p := g.off[big]; p < g.off[big+1]; p++ {
		if l := label[g.adj[p]]; l >= 0 {
			want[l] += g.w[p]
		}
	}
	got := make([]float64, k)
	for _, x := range vs.of(big) {
		got[x.l] += x.w
	}
	for l := range want {
		if math.Abs(got[l]-want[l]) > 1e-9 {
			t.Errorf("label %d: sum %.6f, want %.6f", l, got[l], want[l])
		}
	}
}

// TestSettleEntriesMatchesTheWalk: settling with the sums by label moves
// the same entry points as walking every virtual node's units for each
// entry, on graphs with large files, handlers with several routes,
// kernel and unplaced units.
func TestSettleEntriesMatchesTheWalk(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			var b docBuilder
			var fns []string
			for f := 0; f < 6; f++ {
				// files of 10 to 40 functions: most above largeVirtual
				for i := 0; i < 10+rng.IntN(31); i++ {
					fns = append(fns, b.fn(fmt.Sprintf("area%d", f%3), fmt.Sprintf("F%d_%d", f, i), fmt.Sprintf("file%d.go", f)))
				}
			}
			for i := 0; i < len(fns)/4; i++ {
				b.call(fns[rng.IntN(len(fns))], fns[rng.IntN(len(fns))], 1+rng.IntN(3))
			}
			for i := 0; i < 25; i++ {
				h := fns[rng.IntN(len(fns))]
				for r := 0; r <= rng.IntN(3); r++ {
					b.route(fmt.Sprintf("GET /r%d/%d", i, r), h)
				}
			}
			f := newKernelFixture(t, &b)
			m, s, r, cons, label := f.m, f.s, f.r, f.cons, f.label
			for u := range label {
				switch x := rng.IntN(10); {
				case x == 0:
					label[u] = labelKernel
				case x == 1:
					label[u] = labelUnplaced
				default:
					label[u] = int32(rng.IntN(4))
				}
			}
			for u, h := range r.handler { // routes sit with their handler
				if h >= 0 {
					label[u] = label[h]
				}
			}
			want := slices.Clone(label)
			nWant := settleEntriesWalk(m, s, r, cons, want)
			nGot := settleEntries(m, s, r, cons, label)
			if nGot != nWant || !slices.Equal(label, want) {
				t.Errorf("settled %d entry points, the walk %d; labels equal: %v", nGot, nWant, slices.Equal(label, want))
			}
		})
	}
}

// settleEntriesWalk is settleEntries as it was before the sums by label
// (but for its ties, read up to rounding as there): the reference it
// must agree with.
func settleEntriesWalk(m *model, s *signals, r *roles, cons *constraints, label []int32) int {
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
		best, bestW, own := strongestTie(tie, touched, label[e])
		for _, l := range touched {
			tie[l] = 0
		}
		touched = touched[:0]
		if best < 0 || !clearlyAbove(bestW, settleFactor*own) {
			continue
		}
		for _, u := range block {
			label[u] = best
		}
		moved++
	}
	return moved
}
