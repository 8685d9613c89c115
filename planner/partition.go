package planner

import "slices"

// Labels a unit can have besides a service number.
const (
	labelKernel   int32 = -1
	labelUnplaced int32 = -2
	labelTool     int32 = -3 // a program that is no service (see setAsideTools)
)

// A cluster without a route or table of its own needs minServiceUnits
// units, and at least one minServiceShare-th of all units, to stand as a
// service; smaller ones join their strongest neighbour.
const (
	minServiceUnits = 3
	minServiceShare = 200
)

// splitDisconnected gives every connected part of a cluster, in the
// dependency graph, a label of its own, so that no service is two pieces.
func splitDisconnected(g *wgraph, label []int32) {
	n := len(label)
	next := int32(0)
	for _, l := range label {
		next = max(next, l+1)
	}
	seen := make([]bool, n)
	used := make([]bool, next)
	var stack []int32
	for s := 0; s < n; s++ {
		l := label[s]
		if seen[s] || l < 0 {
			continue
		}
		nl := l
		if used[l] {
			nl = next
			next++
		}
		used[l] = true
		seen[s] = true
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			label[u] = nl
			for p := g.off[u]; p < g.off[u+1]; p++ {
				v := g.adj[p]
				if !seen[v] && label[v] == l {
					seen[v] = true
					stack = append(stack, v)
				}
			}
		}
	}
}

// mergeWeak folds every cluster that is not a service on its own into the
// neighbour it depends on most. A cluster that serves a route or writes a
// table is a service. Another one is not when it is small (see
// minServiceUnits), nor, on request-driven code (see roles.anchored),
// when requests run it (it is part of the service whose requests it
// serves) or when it shares no edge with any other cluster but the kernel
// (start-up code: main, configuration, the server's shell). A cluster whose strongest
// neighbour is the kernel joins the kernel; one tied to nothing in dep is
// placed by the file and name signals of all, else left unplaced.
//
// Where the code states its features (feat marks their units), a cluster
// holding none of them and serving no route nor writing a table is no
// service either: it is code the features share or one of them uses.
func mergeWeak(dep, all *wgraph, r *roles, label []int32, feat []bool) {
	minUnits := max(minServiceUnits, len(label)/minServiceShare)
	for round := 0; round < 64; round++ {
		k := int32(0)
		for _, l := range label {
			k = max(k, l+1)
		}
		f := r.facts(label)
		var isFeature []bool
		if feat != nil {
			isFeature = make([]bool, k)
			for u, l := range label {
				if l >= 0 && feat[u] {
					isFeature[l] = true
				}
			}
		}
		// Whether a cluster is tied to another is asked of few clusters,
		// so it is read from their own units only, not from every edge.
		var members [][]int32
		if r.anchored {
			members = unitsByLabel(label, k, func(int32) bool { return true })
		}
		weak := make([]bool, k)
		for l := range weak {
			weak[l] = isWeak(int32(l), f, isFeature, minUnits, r.anchored, func() bool {
				return tiedToOthers(dep, label, members[l])
			})
		}
		if !mergeRound(dep, all, label, k, func(l int32) bool { return weak[l] }) {
			return
		}
	}
}

// isWeak reports whether cluster l is no service on its own (see
// mergeWeak); tied is asked last, and only on request-driven code.
func isWeak(l int32, f clusterFacts, isFeature []bool, minUnits int, anchored bool, tied func() bool) bool {
	if f.size[l] == 0 || f.anchored[l] {
		return false
	}
	switch {
	case isFeature != nil && !isFeature[l]:
		return true
	case f.size[l] < minUnits:
		return true
	case !anchored:
		return false
	case f.served[l]:
		return true // part of the service whose requests it serves
	}
	return !tied() // start-up code the services never touch: the program's shell
}

// mergeRound moves every cluster weak says is no service to its strongest
// neighbour in dep (the kernel included), or by the file and name signals
// of all when dep ties it to nothing, else to the unplaced; it reports
// whether anything moved.
func mergeRound(dep, all *wgraph, label []int32, k int32, weak func(int32) bool) bool {
	var weakOnes []int32
	for l := int32(0); l < k; l++ {
		if weak(l) {
			weakOnes = append(weakOnes, l)
		}
	}
	if len(weakOnes) == 0 {
		return false
	}
	target := strongestNeighbours(dep, label, k, weak)
	var byName []int32
	changed := false
	remap := make([]int32, k)
	for l := range remap {
		remap[l] = int32(l)
	}
	for _, l := range weakOnes {
		t := target[l]
		if t == noNeighbour {
			if byName == nil {
				byName = strongestNeighbours(all, label, k, func(l int32) bool { return weak(l) && target[l] == noNeighbour })
			}
			t = byName[l]
		}
		switch {
		case t == noNeighbour:
			remap[l] = labelUnplaced
		case t == labelKernel:
			remap[l] = labelKernel
		default:
			// Follow merges already made this round, so that two weak
			// clusters pointing at each other end up together.
			for t >= 0 && remap[t] != t {
				t = remap[t]
			}
			if t == l {
				continue
			}
			remap[l] = t
		}
		changed = true
	}
	for u, l := range label {
		if l >= 0 {
			label[u] = remap[l]
		}
	}
	return changed
}

const noNeighbour int32 = -100

// tiedToOthers reports whether one of units shares an edge in g with a
// unit of another label (not the kernel). As g is undirected, a label is
// tied this way exactly when another label is tied to it.
func tiedToOthers(g *wgraph, label []int32, units []int32) bool {
	for _, u := range units {
		for p := g.off[u]; p < g.off[u+1]; p++ {
			if lv := label[g.adj[p]]; lv >= 0 && lv != label[u] {
				return true
			}
		}
	}
	return false
}

// strongestNeighbours returns, for each of the k labels that want asks
// for, the other label (or labelKernel) it shares the most edge weight
// with in g, or noNeighbour. Nodes of g past len(label) (virtual nodes)
// pass weight between the units they join.
//
// The labels are taken one at a time, their units in unit order, so each
// label's weight to each target is summed in the same order as a walk over
// all units would sum it, and the targets are compared in ascending order:
// a dense slice per label does the work of a map keyed by label pair.
func strongestNeighbours(g *wgraph, label []int32, k int32, want func(int32) bool) []int32 {
	best := make([]int32, k)
	bestW := make([]float64, k)
	for l := range best {
		best[l] = noNeighbour
	}
	members := unitsByLabel(label, k, want)
	// weights to label t are kept at t+1, the kernel at 0
	acc := make([]float64, k+1)
	seen := make([]bool, k+1)
	var touched []int32
	add := func(t int32, w float64) {
		if !seen[t+1] {
			seen[t+1] = true
			touched = append(touched, t)
		}
		acc[t+1] += w
	}
	n := int32(len(label))
	// a virtual node's weight reaches the units it joins: the cluster's
	// edges to it are summed first, so that a file or word many of its
	// units share is walked once per cluster, not once per unit
	toVirtual := make([]float64, int32(len(g.self))-n)
	var virtuals []int32
	for l := int32(0); l < k; l++ {
		for _, u := range members[l] {
			for p := g.off[u]; p < g.off[u+1]; p++ {
				v := g.adj[p]
				if v >= n {
					if toVirtual[v-n] == 0 {
						virtuals = append(virtuals, v)
					}
					toVirtual[v-n] += g.w[p]
					continue
				}
				if lv := label[v]; lv != l && lv >= labelKernel {
					add(lv, g.w[p])
				}
			}
		}
		for _, v := range virtuals {
			f := toVirtual[v-n] / g.deg[v]
			toVirtual[v-n] = 0
			for q := g.off[v]; q < g.off[v+1]; q++ {
				// the cluster's own units are not its neighbours
				if x := g.adj[q]; x < n && label[x] != l && label[x] >= labelKernel {
					add(label[x], f*g.w[q])
				}
			}
		}
		virtuals = virtuals[:0]
		slices.Sort(touched)
		for _, t := range touched {
			w := acc[t+1]
			if w > bestW[l]+1e-12 || (w > bestW[l]-1e-12 && t < best[l]) {
				best[l], bestW[l] = t, w
			}
			acc[t+1], seen[t+1] = 0, false
		}
		touched = touched[:0]
	}
	return best
}

// unitsByLabel lists, for each of the k labels that want asks for, its
// units in unit order.
func unitsByLabel(label []int32, k int32, want func(int32) bool) [][]int32 {
	wanted := make([]bool, k)
	count := make([]int32, k)
	for l := int32(0); l < k; l++ {
		wanted[l] = want(l)
	}
	total := int32(0)
	for _, l := range label {
		if l >= 0 && wanted[l] {
			count[l]++
			total++
		}
	}
	flat := make([]int32, 0, total)
	members := make([][]int32, k)
	for l := range members {
		members[l] = flat[len(flat) : len(flat) : len(flat)+int(count[l])]
		flat = flat[:len(flat)+int(count[l])]
	}
	for u, l := range label {
		if l >= 0 && wanted[l] {
			members[l] = append(members[l], int32(u))
		}
	}
	return members
}
