package planner

import (
	"cmp"
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// sweep clusters at each resolution and keeps one partition per distinct
// number of services (the one at the lowest resolution), ordered by number
// of services. The points run in parallel, each with its own random
// stream derived from seed and its index, so the result does not depend on
// scheduling; resolutions that cluster alike are finished once.
func (c *clusterer) sweep(ctx context.Context, resolutions []float64, seed uint64) ([]partition, error) {
	comms := make([][]int32, len(resolutions))
	errs := make([]error, len(resolutions))
	parallel(len(resolutions), func(i int) {
		comms[i], errs[i] = c.communities(ctx, resolutions[i], pointRand(seed, i))
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	first := make([]int, len(comms)) // the first resolution clustering alike
	for i := range comms {
		first[i] = slices.IndexFunc(comms[:i+1], func(o []int32) bool { return slices.Equal(o, comms[i]) })
	}
	all := make([]partition, len(resolutions))
	parallel(len(resolutions), func(i int) {
		if first[i] == i {
			all[i] = c.finish(c.labels(comms[i]), resolutions[i])
		}
	})
	var out []partition
	for i, p := range all {
		if first[i] == i && !slices.ContainsFunc(out, func(q partition) bool { return q.services == p.services }) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b partition) int { return cmp.Compare(a.services, b.services) })
	return out, nil
}

// parallel runs f(0..n-1) on as many goroutines as there are processors.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f(i)
		}()
	}
	wg.Wait()
}

// pointRand is the random stream of the i-th clustering of a run.
func pointRand(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15+uint64(i)))
}

// knee picks the partition that best trades cohesion for independence:
// the largest modularity minus inter-service call share (Q − ICP), ties to
// fewer services. Modularity alone keeps rising as services shrink; the
// share of calls that would cross the network rises faster once real
// areas are cut, and the difference peaks where that starts.
func knee(ps []partition) int {
	steady := steadyKernel(ps)
	best := -1
	for i, p := range ps {
		if steady[i] && (best < 0 || p.modularity-p.icp > ps[best].modularity-ps[best].icp+1e-9) {
			best = i
		}
	}
	return max(best, 0)
}

// finerResolutions are tried, in order, when the sweep gives fewer
// services than asked for.
func finerResolutions() []float64 { return []float64{3, 4, 6, 8, 12, 16} }

// target returns a partition with n services, or as close as the graph
// allows: the sweep point with the fewest services at or above n, its
// services then merged pairwise, most modularity gained first, until n
// remain. Only services that share an edge are merged, so each stays
// connected; constraints that keep services apart are honoured.
func (c *clusterer) target(ctx context.Context, n int, ps []partition, seed uint64) (partition, error) {
	var chosen *partition
	for i := range ps {
		if ps[i].services >= n {
			chosen = &ps[i]
			break
		}
	}
	if chosen == nil {
		for i, gamma := range finerResolutions() {
			p, err := c.at(ctx, gamma, pointRand(seed, 100+i))
			if err != nil {
				return partition{}, err
			}
			ps = append(ps, p)
			if p.services >= n {
				chosen = &ps[len(ps)-1]
				break
			}
		}
	}
	if chosen == nil {
		best := 0
		for i, p := range ps {
			if p.services > ps[best].services {
				best = i
			}
		}
		return ps[best], nil
	}
	label := mergeDown(c.s.dep, slices.Clone(chosen.label), chosen.services, n, c.cons.separate)
	return c.measure(label, chosen.resolution), nil
}

// mergeDown merges services of label pairwise until n remain or no two
// adjacent services may merge, each time the pair with the largest
// modularity gain ΔQ = w_ab/m − d_a·d_b/(2m²).
func mergeDown(g *wgraph, label []int32, k, n int, separate func(label []int32, a, b int32) bool) []int32 {
	for k > n {
		_, sigma := clusterWeights(g, label, k)
		deg := make([]float64, k)
		var m float64
		for i := range label {
			if label[i] >= 0 {
				deg[label[i]] += g.deg[i]
			}
		}
		for _, d := range deg {
			m += d
		}
		m /= 2
		if m == 0 {
			break
		}
		pairs := make([][2]int32, 0, len(sigma))
		for p := range sigma {
			pairs = append(pairs, p)
		}
		slices.SortFunc(pairs, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
		best, bestGain := [2]int32{-1, -1}, 0.0
		for _, p := range pairs {
			if separate(label, p[0], p[1]) {
				continue
			}
			gain := sigma[p]/m - deg[p[0]]*deg[p[1]]/(2*m*m)
			if best[0] < 0 || gain > bestGain+1e-12 {
				best, bestGain = p, gain
			}
		}
		if best[0] < 0 {
			break
		}
		for i, l := range label {
			switch {
			case l == best[1]:
				label[i] = best[0]
			case l > best[1]:
				label[i] = l - 1
			}
		}
		k--
	}
	return label
}
