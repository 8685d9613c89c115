package planner

import (
	"context"
	"math/rand/v2"
)

// partition is one candidate split: a label per unit (a service number,
// labelKernel or labelUnplaced).
type partition struct {
	label      []int32
	resolution float64
	services   int
	modularity float64
	icp        float64
}

// clusterer holds what every clustering of one model shares.
type clusterer struct {
	m      *model
	s      *signals
	r      *roles
	cfg    Config
	cons   *constraints
	kernel []bool
	// rest is the planning graph without the kernel, coarsened once; toRest
	// maps a unit to its node in rest, -1 for kernel units.
	rest   *wgraph
	toRest []int32
}

// newClusterer finds the kernel and prepares the graph the sweep runs on:
// the planning graph without the kernel, each constraint group contracted
// to one node, coarsened once.
func newClusterer(ctx context.Context, m *model, s *signals, r *roles, cfg Config, cons *constraints, rng *rand.Rand) (*clusterer, error) {
	c := &clusterer{m: m, s: s, r: r, cfg: cfg, cons: cons}
	kernel, err := findKernel(ctx, m, s, r, cfg, cons.forced, cons.excluded, rng)
	if err != nil {
		return nil, err
	}
	c.kernel = kernel
	r.demoteOperational(m, kernel)
	r.markServed(m, kernel)
	nu := len(m.units)

	// One node per constraint group, none for kernel units.
	group := make([]int32, s.all.order())
	groupOf := map[int32]int32{}
	k := int32(0)
	for i := range group {
		switch {
		case i < nu && c.kernel[i]:
			group[i] = -1
			continue
		case i < nu && cons.set[i] >= 0:
			g, ok := groupOf[cons.set[i]]
			if !ok {
				g = k
				k++
				groupOf[cons.set[i]] = g
			}
			group[i] = g
			continue
		}
		group[i] = k
		k++
	}
	sub := s.all.aggregate(group, int(k))
	// Coarsen once at the finest resolution of the sweep: communities at
	// coarser resolutions are, but for rare boundary nodes, unions of
	// these, so every point of the sweep clusters a graph many times
	// smaller.
	coarse, nc, _ := localMoves(sub, maxResolution, rng)
	c.rest = sub.aggregate(coarse, nc)
	c.toRest = make([]int32, nu)
	for u := range c.toRest {
		c.toRest[u] = -1
	}
	for u := range c.toRest {
		if group[u] >= 0 {
			c.toRest[u] = coarse[group[u]]
		}
	}
	return c, nil
}

// maxResolution is the finest resolution the sweep tries.
const maxResolution = 2.0

// sweepResolutions are the resolutions of the default granularity sweep.
func sweepResolutions() []float64 { return []float64{0.25, 0.35, 0.5, 0.7, 1.0, 1.4, maxResolution} }

// at clusters at one resolution and post-processes the result into
// services.
func (c *clusterer) at(ctx context.Context, gamma float64, rng *rand.Rand) (partition, error) {
	comm, err := c.communities(ctx, gamma, rng)
	if err != nil {
		return partition{}, err
	}
	return c.finish(c.labels(comm), gamma), nil
}

// communities clusters the coarse graph at one resolution: Louvain, then
// the communities that are loosely tied parts split (see splitLoose).
func (c *clusterer) communities(ctx context.Context, gamma float64, rng *rand.Rand) ([]int32, error) {
	comm, err := louvain(ctx, c.rest, gamma, rng)
	if err != nil {
		return nil, err
	}
	return splitLoose(ctx, c.rest, comm, rng)
}

// labels turns a clustering of the coarse graph into unit labels.
func (c *clusterer) labels(comm []int32) []int32 {
	label := make([]int32, len(c.m.units))
	for u := range label {
		if c.kernel[u] {
			label[u] = labelKernel
			continue
		}
		label[u] = comm[c.toRest[u]]
	}
	return label
}

// finish turns raw cluster labels into services: followers placed,
// disconnected clusters split, clusters that are no service merged, labels
// renumbered in order of first unit.
func (c *clusterer) finish(label []int32, gamma float64) partition {
	c.r.place(label, c.cons.set)
	splitDisconnected(c.s.dep, label)
	mergeWeak(c.s.dep, c.s.all, c.r, label, c.cons.feature)
	c.r.place(label, c.cons.set)
	// Folding one library can reveal another (code only it used).
	for i := 0; i < 4 && foldLibraries(c.m, c.s, c.r, label, c.cfg.Kernel.Spread); i++ {
		c.r.place(label, c.cons.set)
		splitDisconnected(c.s.dep, label)
		mergeWeak(c.s.dep, c.s.all, c.r, label, c.cons.feature)
		c.r.place(label, c.cons.set)
	}
	splitDisconnected(c.s.dep, label)
	mergeWeak(c.s.dep, c.s.all, c.r, label, c.cons.feature)
	c.cons.enforce(c.s.dep, label)
	c.r.place(label, c.cons.set)
	if settleEntries(c.m, c.s, c.r, c.cons, label) > 0 {
		c.r.place(label, c.cons.set)
	}
	return c.measure(relabel(label), gamma)
}

// measure wraps a final labelling with the figures the sweep compares.
func (c *clusterer) measure(label []int32, gamma float64) partition {
	p := partition{label: label, resolution: gamma}
	for _, l := range label {
		p.services = max(p.services, int(l)+1)
	}
	p.modularity = c.s.dep.modularity(label, 1)
	p.icp = callShare(c.s.uses, label)
	return p
}
