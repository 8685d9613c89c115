package planner

import (
	"context"
	"math/rand/v2"
)

// looseFactor is how much more loosely two parts of a community must be
// tied to each other than the community is tied to the rest of the graph
// for splitLoose to make them two. Parts of one real service are often
// tied somewhat less than the service is tied outside; a factor of two is
// what keeps them together on the quality benchmark's apps (see
// docs/metrics.md).
const looseFactor = 2

// splitLoose splits every community of comm (a label per node of g) that
// is two or more parts tied to each other far more loosely than the
// community is tied to the rest of g, and returns the new labels, dense
// from 0.
//
// Louvain judges a merge by modularity, whose null model is the whole
// graph: the more areas a graph has, the fewer edges two of them are
// expected to share, so a handful of stray calls, or one unit caught
// early in the wrong community (whose ties to its own area then count
// between the two), glues two areas that nothing else joins (the
// resolution limit, Fortunato and Barthélemy 2007). The test here does
// not shrink with the graph: each community is clustered on its own (its
// own edges the null model), and two of its parts stay together where the
// weight between them reaches, per unit of the smaller part's degree, half
// the share of its weight the community sends outside (see looseFactor).
// Parts that share less with each other than that are services of their
// own. A community that sends nothing outside is left alone
// (splitDisconnected handles one that is two pieces).
func splitLoose(ctx context.Context, g *wgraph, comm []int32, rng *rand.Rand) ([]int32, error) {
	n := len(comm)
	k := int32(0)
	for _, c := range comm {
		k = max(k, c+1)
	}
	members := make([][]int32, k)
	vol := make([]float64, k)
	inside := make([]float64, k)
	for i, c := range comm {
		if c < 0 {
			continue
		}
		members[c] = append(members[c], int32(i))
		vol[c] += g.deg[i]
		inside[c] += 2 * g.self[i]
		for p := g.off[i]; p < g.off[i+1]; p++ {
			if comm[g.adj[p]] == c {
				inside[c] += g.w[p]
			}
		}
	}
	out := make([]int32, n)
	copy(out, comm)
	next := k
	keep := make([]bool, n)
	for c := int32(0); c < k; c++ {
		if len(members[c]) < 2 || vol[c] == 0 {
			continue
		}
		share := (vol[c] - inside[c]) / vol[c] / looseFactor
		if share <= 0 {
			continue
		}
		for _, i := range members[c] {
			keep[i] = true
		}
		sub, ids := g.subgraph(keep)
		for _, i := range members[c] {
			keep[i] = false
		}
		parts, err := louvain(ctx, sub, 1, rng)
		if err != nil {
			return nil, err
		}
		groups := looseGroups(g, sub, ids, parts, share)
		for j, i := range ids {
			if gr := groups[parts[j]]; gr > 0 {
				out[i] = next + gr - 1
			}
		}
		hi := int32(0)
		for _, gr := range groups {
			hi = max(hi, gr)
		}
		next += hi
	}
	return relabel(out), nil
}

// looseGroups joins the parts of one community (parts labels the nodes of
// sub, ids maps them to g) whose mutual weight reaches share times the
// smaller one's degree in g, and returns a group per part, dense from 0
// in order of first part.
func looseGroups(g, sub *wgraph, ids, parts []int32, share float64) []int32 {
	np := int32(0)
	for _, p := range parts {
		np = max(np, p+1)
	}
	group := make([]int32, np)
	if np < 2 {
		return group
	}
	deg := make([]float64, np)
	for j, i := range ids {
		deg[parts[j]] += g.deg[i]
	}
	_, cut := clusterWeights(sub, parts, int(np))
	// Components of the strong ties: each part takes the lowest label
	// among the parts it is strongly tied to, until none changes (parts
	// are few: Louvain's parts of one community).
	strong := make([][2]int32, 0, len(cut))
	for pair, w := range cut {
		if w >= share*min(deg[pair[0]], deg[pair[1]]) {
			strong = append(strong, pair)
		}
	}
	for p := range group {
		group[p] = int32(p)
	}
	for changed := true; changed; {
		changed = false
		for _, pair := range strong {
			a, b := group[pair[0]], group[pair[1]]
			if a != b {
				group[pair[0]], group[pair[1]] = min(a, b), min(a, b)
				changed = true
			}
		}
	}
	return relabel(group)
}
