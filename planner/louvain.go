package planner

import (
	"context"
	"math/rand/v2"
)

// louvain partitions g by the Louvain method (Blondel et al. 2008) at the
// given resolution and returns a community label per node, labels dense
// from 0. It takes its randomness as an argument, as gonum's
// community.Modularize does, so a seed fixes the result; unlike gonum's it
// works on flat slices, which keeps a million edges within seconds.
//
// Nodes are visited in a random order at each level; a node moves to the
// neighbouring community with the largest modularity gain, ties going to
// the community it is in, then to the lowest label, so that the result
// depends on the seed alone.
func louvain(ctx context.Context, g *wgraph, gamma float64, rng *rand.Rand) ([]int32, error) {
	n := g.order()
	final := make([]int32, n)
	for i := range final {
		final[i] = int32(i)
	}
	cur := g
	for level := 0; ; level++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		comm, k, moved := localMoves(cur, gamma, rng)
		if !moved || k == cur.order() {
			break
		}
		for i := range final {
			final[i] = comm[final[i]]
		}
		cur = cur.aggregate(comm, k)
	}
	return relabel(final), nil
}

// localMoves runs the first phase of Louvain on g: nodes move between
// communities until no move raises modularity. It visits nodes from a
// queue, seeded in random order, and requeues only the neighbours of a
// node that moved (the fast local move of Traag et al. 2019), so that
// settled regions of a large graph are not scanned again and again. It
// returns dense labels, their count, and whether any node moved.
func localMoves(g *wgraph, gamma float64, rng *rand.Rand) ([]int32, int, bool) {
	n := g.order()
	comm := make([]int32, n)
	tot := make([]float64, n)
	for i := range comm {
		comm[i] = int32(i)
		tot[i] = g.deg[i]
	}
	if g.m == 0 {
		return comm, n, false
	}
	queue := make([]int32, n, 2*n)
	for i, p := range rng.Perm(n) {
		queue[i] = int32(p)
	}
	queued := make([]bool, n)
	for i := range queued {
		queued[i] = true
	}
	neighW := make([]float64, n) // weight from the current node to each community
	touched := make([]int32, 0, 64)
	twoM := 2 * g.m
	moved := false
	for head := 0; head < len(queue); head++ {
		if head > n && head*2 > len(queue) {
			// compact the consumed part so the queue does not grow without bound
			queue = append(queue[:0], queue[head:]...)
			head = 0
		}
		i := queue[head]
		queued[i] = false
		ci := comm[i]
		ki := g.deg[i]
		touched = touched[:0]
		neighW[ci] = 0
		touched = append(touched, ci)
		for p := g.off[i]; p < g.off[i+1]; p++ {
			c := comm[g.adj[p]]
			if neighW[c] == 0 && c != ci {
				touched = append(touched, c)
			}
			neighW[c] += g.w[p]
		}
		tot[ci] -= ki
		best, bestGain := ci, neighW[ci]-gamma*tot[ci]*ki/twoM
		for _, c := range touched {
			if c == ci {
				continue
			}
			gain := neighW[c] - gamma*tot[c]*ki/twoM
			if gain > bestGain+1e-12 || (gain > bestGain-1e-12 && best != ci && c < best) {
				best, bestGain = c, gain
			}
		}
		tot[best] += ki
		for _, c := range touched {
			neighW[c] = 0
		}
		if best == ci {
			continue
		}
		comm[i] = best
		moved = true
		for p := g.off[i]; p < g.off[i+1]; p++ {
			j := g.adj[p]
			if !queued[j] && comm[j] != best {
				queued[j] = true
				queue = append(queue, j)
			}
		}
	}
	labels := relabel(comm)
	k := 0
	for _, c := range labels {
		k = max(k, int(c)+1)
	}
	return labels, k, moved
}

// relabel renumbers labels densely from 0 in order of first appearance, so
// that equal partitions get equal labels; negative labels stay.
func relabel(comm []int32) []int32 {
	hi := int32(-1)
	for _, c := range comm {
		hi = max(hi, c)
	}
	seen := make([]int32, hi+1)
	for i := range seen {
		seen[i] = -1
	}
	out := make([]int32, len(comm))
	next := int32(0)
	for i, c := range comm {
		if c < 0 {
			out[i] = c
			continue
		}
		if seen[c] < 0 {
			seen[c] = next
			next++
		}
		out[i] = seen[c]
	}
	return out
}
