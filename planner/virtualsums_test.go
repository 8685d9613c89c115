package planner

import (
	"math"
	"math/rand/v2"
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
