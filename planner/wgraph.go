package planner

// wgraph is an undirected weighted graph in compressed sparse row form,
// built for the clustering loops: a million edges fit in a few flat slices
// and are walked without maps.
type wgraph struct {
	off  []int32   // neighbours of i are adj[off[i]:off[i+1]]
	adj  []int32   // neighbour ids, in order of first appearance
	w    []float64 // weight of the edge to adj[k]
	self []float64 // weight of edges inside node i (after aggregation)
	deg  []float64 // weighted degree: 2*self[i] + the row's weights
	m    float64   // total edge weight: each undirected edge once
}

// order returns the number of nodes.
func (g *wgraph) order() int { return len(g.self) }

// wedge is one undirected edge while a graph is being built.
type wedge struct {
	a, b int32
	w    float64
}

// newWGraph builds the graph of n nodes from edges, summing parallel edges.
// An edge from a node to itself adds to that node's self weight.
func newWGraph(n int, edges []wedge) *wgraph {
	return buildWGraph(n, func(yield func(a, b int32, w float64)) {
		for _, e := range edges {
			yield(e.a, e.b, e.w)
		}
	})
}

// buildWGraph builds the graph of n nodes from the edges each walks,
// summing parallel edges; each is walked twice, and must give the same
// edges in the same order both times. Taking the edges as a walk lets
// aggregate and subgraph build straight from another graph, without an
// edge list as large as that graph.
func buildWGraph(n int, each func(yield func(a, b int32, w float64))) *wgraph {
	g := &wgraph{off: make([]int32, n+1), self: make([]float64, n), deg: make([]float64, n)}
	count := make([]int32, n)
	each(func(a, b int32, w float64) {
		if w <= 0 {
			return
		}
		if a == b {
			g.self[a] += w
			return
		}
		count[a]++
		count[b]++
	})
	for i := 0; i < n; i++ {
		g.off[i+1] = g.off[i] + count[i]
	}
	adj := make([]int32, g.off[n])
	w := make([]float64, g.off[n])
	fill := count // the counts are spent: count again as the fill position
	copy(fill, g.off[:n])
	each(func(a, b int32, wt float64) {
		if wt <= 0 || a == b {
			return
		}
		adj[fill[a]], w[fill[a]] = b, wt
		fill[a]++
		adj[fill[b]], w[fill[b]] = a, wt
		fill[b]++
	})
	// Merge parallel edges row by row, compacting in place; pos remembers
	// where in the current row a neighbour already is, so the rows keep
	// their first-seen order and no sort is needed. The offsets are
	// rewritten in place: row i's old end is read before it is overwritten.
	pos := fill
	clear(pos)
	out, start := int32(0), int32(0)
	for i := 0; i < n; i++ {
		rowStart, end := out, g.off[i+1]
		for k := start; k < end; k++ {
			to := adj[k]
			if p := pos[to]; p > rowStart {
				w[p-1] += w[k]
				continue
			}
			adj[out], w[out] = to, w[k]
			out++
			pos[to] = out
		}
		g.off[i+1], start = out, end
	}
	g.adj, g.w = adj[:out:out], w[:out:out]
	g.finish()
	return g
}

// finish computes degrees and the total weight.
func (g *wgraph) finish() {
	g.m = 0
	for i := range g.self {
		d := 2 * g.self[i]
		for k := g.off[i]; k < g.off[i+1]; k++ {
			d += g.w[k]
		}
		g.deg[i] = d
		g.m += d
	}
	g.m /= 2
}

// aggregate collapses each community of comm (labels 0..k-1) into one
// node; nodes labelled -1 are dropped with their edges.
func (g *wgraph) aggregate(comm []int32, k int) *wgraph {
	return buildWGraph(k, func(yield func(a, b int32, w float64)) {
		for i := range g.self {
			ci := comm[i]
			if ci < 0 {
				continue
			}
			if g.self[i] > 0 {
				yield(ci, ci, g.self[i])
			}
			for p := g.off[i]; p < g.off[i+1]; p++ {
				j := g.adj[p]
				if j < int32(i) || comm[j] < 0 {
					continue // each undirected edge once
				}
				yield(ci, comm[j], g.w[p])
			}
		}
	})
}

// subgraph returns the graph induced by the nodes with keep[i], and the
// original id of each new node.
func (g *wgraph) subgraph(keep []bool) (*wgraph, []int32) {
	ids := make([]int32, 0, len(keep))
	newID := make([]int32, len(keep))
	for i, k := range keep {
		newID[i] = -1
		if k {
			newID[i] = int32(len(ids))
			ids = append(ids, int32(i))
		}
	}
	return buildWGraph(len(ids), func(yield func(a, b int32, w float64)) {
		for _, i := range ids {
			if g.self[i] > 0 {
				yield(newID[i], newID[i], g.self[i])
			}
			for p := g.off[i]; p < g.off[i+1]; p++ {
				j := g.adj[p]
				if j < i || !keep[j] {
					continue
				}
				yield(newID[i], newID[j], g.w[p])
			}
		}
	}), ids
}

// modularity returns Newman's modularity of the partition comm at the given
// resolution: Q = Σ_c [ L_c/m − γ (d_c / 2m)² ], with L_c the weight inside
// community c and d_c the sum of its degrees. Nodes labelled -1 are left
// out: their edges count neither inside nor in the degrees.
func (g *wgraph) modularity(comm []int32, gamma float64) float64 {
	if g.m == 0 {
		return 0
	}
	k := int32(0)
	for _, c := range comm {
		k = max(k, c+1)
	}
	in := make([]float64, k)
	tot := make([]float64, k)
	var m float64
	for i := range g.self {
		ci := comm[i]
		if ci < 0 {
			continue
		}
		in[ci] += g.self[i]
		m += g.self[i]
		for p := g.off[i]; p < g.off[i+1]; p++ {
			j := g.adj[p]
			if comm[j] < 0 {
				continue
			}
			tot[ci] += g.w[p]
			if j > int32(i) {
				m += g.w[p]
				if comm[j] == ci {
					in[ci] += g.w[p]
				}
			}
		}
		tot[ci] += 2 * g.self[i]
	}
	if m == 0 {
		return 0
	}
	q := 0.0
	for c := range in {
		q += in[c]/m - gamma*(tot[c]/(2*m))*(tot[c]/(2*m))
	}
	return q
}
