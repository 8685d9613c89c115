package planner

import (
	"context"
	"math/rand/v2"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// isDependency reports whether an edge kind means "from needs to": the
// relations along which code is used.
func isDependency(k analyzer.EdgeKind) bool {
	switch k {
	case analyzer.EdgeCalls, analyzer.EdgeReferences, analyzer.EdgeUses, analyzer.EdgeEmbeds, analyzer.EdgeImplements:
		return true
	}
	return false
}

// significantShare is the part of the largest community's weight another
// community must reach to count in a spread: a community that uses a
// symbol once where another uses it ten times does not make it shared.
const significantShare = 0.25

// blockDeps indexes the dependency edges between blocks (a type with its
// methods, or one function or variable; indexed by the block's unit), by
// target (users) and by source, once for every round of kernel detection.
// Edges inside a block do not count.
type blockDeps struct {
	inOff, outOff []int32
	ins, outs     []blockUse
	users         []int // using units per block
}

// blockUse is one dependency edge seen from one end: the unit at the
// other end and the weight.
type blockUse struct {
	other int32
	w     float64
}

func newBlockDeps(n int, uses []useEdge, block []int32) *blockDeps {
	d := &blockDeps{inOff: make([]int32, n+1), outOff: make([]int32, n+1), users: make([]int, n)}
	count := 0
	for _, e := range uses {
		if block[e.from] == block[e.to] || e.w <= 0 {
			continue
		}
		d.inOff[block[e.to]+1]++
		d.outOff[block[e.from]+1]++
		count++
	}
	for i := 0; i < n; i++ {
		d.inOff[i+1] += d.inOff[i]
		d.outOff[i+1] += d.outOff[i]
	}
	d.ins, d.outs = make([]blockUse, count), make([]blockUse, count)
	inFill, outFill := slices.Clone(d.inOff[:n]), slices.Clone(d.outOff[:n])
	for _, e := range uses {
		if block[e.from] == block[e.to] || e.w <= 0 {
			continue
		}
		bt, bf := block[e.to], block[e.from]
		d.ins[inFill[bt]] = blockUse{e.from, e.w}
		inFill[bt]++
		d.outs[outFill[bf]] = blockUse{e.to, e.w}
		outFill[bf]++
		d.users[bt]++
	}
	return d
}

// spread measures, for every block, how widely its users (in) and its
// dependencies (out) are spread over the communities of comm: the number
// of communities whose edges reach significantShare of the heaviest
// community's; outTop is the heaviest community's share of the block's
// dependencies. Units labelled -1 (left out of the clustering) are
// ignored on the side that would need their community.
func (d *blockDeps) spread(comm []int32) (in, out, outTop []float64) {
	n := len(d.users)
	maxComm := int32(0)
	for _, c := range comm {
		maxComm = max(maxComm, c+1)
	}
	acc := make([]float64, maxComm)
	var touched []int32
	var per []float64
	measure := func(off []int32, hs []blockUse) ([]float64, []float64) {
		res, top := make([]float64, n), make([]float64, n)
		for u := 0; u < n; u++ {
			touched, per = touched[:0], per[:0]
			for _, h := range hs[off[u]:off[u+1]] {
				c := comm[h.other]
				if c < 0 {
					continue
				}
				if acc[c] == 0 {
					touched = append(touched, c)
				}
				acc[c] += h.w
			}
			sum, most := 0.0, 0.0
			for _, c := range touched {
				per = append(per, acc[c])
				sum += acc[c]
				most = max(most, acc[c])
				acc[c] = 0
			}
			res[u] = significant(per)
			if sum > 0 {
				top[u] = most / sum
			}
		}
		return res, top
	}
	in, _ = measure(d.inOff, d.ins)
	out, outTop = measure(d.outOff, d.outs)
	return in, out, outTop
}

// kernelOf picks the shared kernel from a first clustering comm, a block
// (a type and its methods) at a time:
//
//   - libraries: blocks whose users spread over at least spread
//     communities (config, logging, ids, error helpers), unless their
//     calls write a table: code that keeps business state is a service
//     others use (a catalogue every area asks), not a library;
//   - wiring: blocks no request reaches (not called from a route, job or
//     event handler) whose own dependencies spread that wide, none of
//     them taking half: the composition root that builds every service,
//     not one service's constructor taking its collaborators.
//
// forced units are always in, excluded units never; routes, tables and
// jobs are never candidates themselves.
func kernelOf(m *model, deps *blockDeps, block, comm []int32, spread float64, reach, stateful []bool, forced, excluded []bool) []bool {
	kernel := make([]bool, len(m.units))
	if spread > 0 {
		in, out, outTop := deps.spread(comm)
		users := deps.users
		reached := make([]bool, len(m.units))
		for u, b := range block {
			reached[b] = reached[b] || reach[u]
		}
		for u, b := range block {
			if !isSymbol(m.unitNode(int32(u))) {
				continue
			}
			if in[b] >= spread && float64(users[b]) >= spread && !stateful[b] {
				kernel[u] = true
			}
			if !reached[b] && out[b] >= spread && outTop[b] < 0.5 {
				kernel[u] = true
			}
		}
	}
	for u := range kernel {
		if forced[u] {
			kernel[u] = true
		}
		if excluded[u] {
			kernel[u] = false
		}
	}
	return kernel
}

// kernelRounds bounds the alternation of clustering and kernel detection.
const kernelRounds = 2

// findKernel alternates clustering and kernel detection. The first
// clustering leaves out the hubs (symbols with more than three times the
// mean number of users, the "omnipresent" modules of Mancoridis et al.):
// with them, code that shares helpers clusters by layer (every HTTP
// handler calls the JSON writer) and the helpers' users look like one
// community. Each later round clusters without the kernel found so far and
// detects the kernel afresh on the clearer communities, until it settles;
// then the packages it mostly holds join it whole.
func findKernel(ctx context.Context, m *model, s *signals, r *roles, cfg Config, forced, excluded []bool, rng *rand.Rand) ([]bool, error) {
	nu := len(m.units)
	kernel := make([]bool, nu)
	copy(kernel, forced)
	if cfg.Kernel.Spread <= 0 {
		return kernel, nil
	}
	// what the rounds need is read side by side: each part only reads
	// the model and the signals
	var reach, stateful, hub []bool
	var deps *blockDeps
	var bg *blockGraph
	parallel(5, func(i int) {
		switch i {
		case 0:
			bg = newBlockGraph(s.all, nu, r.block)
		case 1:
			reach = requestReach(m)
		case 2:
			stateful = writesState(m, r.block)
		case 3:
			deps = newBlockDeps(nu, s.uses, r.block)
		case 4:
			hub = hubs(m, s.uses, cfg.Kernel.Spread)
		}
	})
	out := slices.Clone(kernel)
	for u, h := range hub {
		out[u] = out[u] || (h && !excluded[u])
	}
	for round := 0; round < kernelRounds; round++ {
		comm, err := bg.clusterWithout(ctx, out, rng)
		if err != nil {
			return nil, err
		}
		found := kernelOf(m, deps, r.block, comm, cfg.Kernel.Spread, reach, stateful, forced, excluded)
		if round > 0 && slices.Equal(found, kernel) {
			break
		}
		kernel = found
		copy(out, kernel)
	}
	consolidate(m, r.block, kernel, stateful, excluded)
	return kernel, nil
}

// consolidate completes the packages the kernel mostly holds: where more
// than half of a package's symbols are in the kernel, the package is a
// shared one (a platform, a util package) and its other symbols join too,
// but for code that writes a table and units a constraint excludes. A
// shared package's few private helpers would otherwise be pulled into
// whichever service touches them once.
func consolidate(m *model, block []int32, kernel, stateful, excluded []bool) {
	total, in := map[string]int{}, map[string]int{}
	for u, k := range kernel {
		n := m.unitNode(int32(u))
		if !isSymbol(n) {
			continue
		}
		total[n.Package]++
		if k {
			in[n.Package]++
		}
	}
	for u := range kernel {
		n := m.unitNode(int32(u))
		if isSymbol(n) && 2*in[n.Package] > total[n.Package] && !stateful[block[u]] && !excluded[u] {
			kernel[u] = true
		}
	}
}

// blockGraph is the planning graph with each type and its methods (a
// block) collapsed to one node: the kernel search needs communities, not
// their finest edges, and the block graph is several times smaller. It is
// built once and cut down for each round.
type blockGraph struct {
	g     *wgraph
	nu    int
	of    []int32 // node of each node of the planning graph
	block []int32 // block unit of each unit
}

func newBlockGraph(all *wgraph, nu int, block []int32) *blockGraph {
	bg := &blockGraph{nu: nu, block: block, of: make([]int32, all.order())}
	first := make([]int32, all.order())
	for i := range first {
		first[i] = -1
	}
	k := int32(0)
	for i := range bg.of {
		key := int32(i)
		if i < nu {
			key = block[i]
		}
		if first[key] < 0 {
			first[key] = k
			k++
		}
		bg.of[i] = first[key]
	}
	bg.g = all.aggregate(bg.of, int(k))
	return bg
}

// clusterWithout clusters the block graph at resolution 1 leaving out the
// blocks that hold a unit marked in drop, and returns the units' labels
// (-1 for units left out).
func (bg *blockGraph) clusterWithout(ctx context.Context, drop []bool, rng *rand.Rand) ([]int32, error) {
	gone := make([]bool, bg.g.order())
	for u, d := range drop {
		if d {
			gone[bg.of[u]] = true
		}
	}
	keep := make([]int32, bg.g.order())
	k := int32(0)
	for i := range keep {
		keep[i] = -1
		if !gone[i] {
			keep[i] = k
			k++
		}
	}
	comm, err := louvain(ctx, bg.g.aggregate(keep, int(k)), 1, rng)
	if err != nil {
		return nil, err
	}
	label := make([]int32, bg.nu)
	for u := range label {
		label[u] = -1
		if b := keep[bg.of[u]]; b >= 0 {
			label[u] = comm[b]
		}
	}
	return label, nil
}

// hubs marks the symbols with more distinct users than three times the
// mean (and at least spread), not counting a method's use of its own
// receiver type.
func hubs(m *model, uses []useEdge, spread float64) []bool {
	users := make([]int, len(m.units))
	for _, e := range uses {
		if m.recv[e.from] == e.to {
			continue
		}
		users[e.to]++
	}
	total, n := 0, 0
	for u, c := range users {
		if isSymbol(m.unitNode(int32(u))) {
			total += c
			n++
		}
	}
	out := make([]bool, len(users))
	if n == 0 {
		return out
	}
	limit := max(spread, 3*float64(total)/float64(n))
	for u, c := range users {
		out[u] = float64(c) > limit
	}
	return out
}

// requestReach marks the units reached by calls from the entry points of
// requests: route handlers, job functions and event subscribers.
func requestReach(m *model) []bool { return m.reach(m.entries, 0, nil) }

// writesState marks the blocks (by block unit) whose calls, followed
// entryDepth deep, reach code that writes a table, and the interfaces such
// blocks implement.
func writesState(m *model, block []int32) []bool {
	n := len(m.units)
	// depth[u] is the fewest calls from u to a writer, capped.
	const far = entryDepth + 1
	depth := make([]int, n)
	for u := range depth {
		depth[u] = far
		if m.writes[u] {
			depth[u] = 0
		}
	}
	for d := 1; d <= entryDepth; d++ {
		for u := range depth {
			if depth[u] < far {
				continue
			}
			for _, v := range m.calls[u] {
				if depth[v] == d-1 {
					depth[u] = d
					break
				}
			}
		}
	}
	out := make([]bool, n)
	for u, b := range block {
		if depth[u] < far {
			out[b] = true
		}
	}
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeImplements {
			continue
		}
		if a, b := m.unitOf[e.from], m.unitOf[e.to]; a >= 0 && b >= 0 && out[block[a]] {
			out[block[b]] = true
		}
	}
	return out
}
