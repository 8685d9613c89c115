package planner

import "slices"

// foldLibraries moves into the kernel what acts as a library of the
// services, on request-driven code (see roles.anchored): a cluster
// qualifies when it owns no table, depends on no other cluster and at
// least spread services (clusters that serve a route or own a table) use
// it. On other code, clusters used by several others are a program's
// internal layers as often as they are libraries, and are left alone. Its blocks (a type with its
// methods, or one function) that are tied more to other clusters than to
// their own in dep (the detachable part) stay behind to find their own
// service, if they are at most a quarter of the cluster; the rest joins
// the kernel. Symbol by symbol such code can
// look private (a scheduler used only by each area's job registration);
// as a cluster it is plainly shared.
func foldLibraries(m *model, s *signals, r *roles, label []int32, spread float64) bool {
	if spread <= 0 || !r.anchored {
		return false
	}
	k := int32(0)
	for _, l := range label {
		k = max(k, l+1)
	}
	if k < 2 {
		return false
	}
	f := r.facts(label)
	ownsTable, size := f.table, f.size
	service := f.anchored // the clusters whose use counts
	// Count each detachable block as part of the cluster it is tied to
	// most, where it will go: its uses of the cluster are outside uses.
	reaching, toward := detachable(s.dep, r, label)
	eff := slices.Clone(label)
	for u := range eff {
		if eff[u] >= 0 && reaching[r.block[u]] {
			eff[u] = toward[r.block[u]]
		}
	}
	inBy := make([]map[int32]float64, k)
	for _, e := range s.uses {
		la, lb := eff[e.from], label[e.to]
		if la < 0 || lb < 0 || la == lb || eff[e.to] != lb || !service[la] {
			continue
		}
		if inBy[lb] == nil {
			inBy[lb] = map[int32]float64{}
		}
		inBy[lb][la] += e.w
	}
	detach := make([]int, k)
	for u, l := range label {
		if l >= 0 && reaching[r.block[u]] {
			detach[l]++
		}
	}
	fold := make([]bool, k)
	folded := false
	for l := int32(0); l < k; l++ {
		if ownsTable[l] || service[l] || len(inBy[l]) == 0 || 4*detach[l] > size[l] {
			continue
		}
		per := make([]float64, 0, len(inBy[l]))
		for _, x := range inBy[l] {
			per = append(per, x)
		}
		if significant(per) >= spread {
			fold[l], folded = true, true
		}
	}
	for u, l := range label {
		if l >= 0 && fold[l] && !reaching[r.block[u]] {
			label[u] = labelKernel
		}
	}
	return folded
}

// detachable marks the blocks (by their block unit) whose weight in dep to
// other service clusters exceeds their weight to the rest of their own,
// and gives for each the cluster it is tied to most.
func detachable(dep *wgraph, r *roles, label []int32) ([]bool, []int32) {
	n := len(label)
	out := make([]bool, n)
	toward := make([]int32, n)
	k := int32(0)
	for _, l := range label {
		k = max(k, l+1)
	}
	acc := make([]float64, k)
	var touched []int32
	for b := int32(0); b < int32(n); b++ {
		members := r.members(b)
		if len(members) == 0 {
			continue
		}
		inside, total := 0.0, 0.0
		touched = touched[:0]
		for _, u := range members {
			l := label[u]
			if l < 0 {
				continue
			}
			for p := dep.off[u]; p < dep.off[u+1]; p++ {
				v := dep.adj[p]
				switch lv := label[v]; {
				case r.block[v] == b || lv < 0:
				case lv == l:
					inside += dep.w[p]
				default:
					if acc[lv] == 0 {
						touched = append(touched, lv)
					}
					acc[lv] += dep.w[p]
					total += dep.w[p]
				}
			}
		}
		slices.Sort(touched)
		best := 0.0
		for _, l := range touched {
			if acc[l] > best {
				best, toward[b] = acc[l], l
			}
			acc[l] = 0
		}
		out[b] = total > inside
	}
	return out, toward
}

// significant counts the weights that reach significantShare of the
// largest.
func significant(ws []float64) float64 {
	top := 0.0
	for _, w := range ws {
		top = max(top, w)
	}
	n := 0
	for _, w := range ws {
		if w > 0 && w >= significantShare*top {
			n++
		}
	}
	return float64(n)
}
