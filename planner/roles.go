package planner

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// roles are the facts about units that shape a partition, computed once.
type roles struct {
	handler []int32 // for a route or job unit, the unit it runs (-1 if none)
	// anchor marks what makes a service: a route it serves or a table it
	// writes. A job or an event handler alone is a worker of the service
	// whose code it runs.
	anchor []bool
	table  []bool
	access []tableAccess // per table unit, who reads and writes it
	// block is the unit of a method's receiver type, or the unit itself:
	// a type and its methods move as one block (but for methods declared
	// apart from their type, see apartMethod). blockOff and blockUnits
	// list each block's units (see members).
	block      []int32
	blockOff   []int32
	blockUnits []int32
	// anchored is true for request-driven code: it has routes or tables,
	// and requests reach at least minServedShare of its symbols. Only then
	// does serving a route or owning a table decide what is a service; in a
	// library, a CLI or a tool with a small admin API, size does.
	anchored bool
	// served marks the units requests run or use: reached by calls from a
	// route handler, job or event subscriber, or referenced by such code.
	served []bool
}

type tableAccess struct{ writers, readers []accessor }

type accessor struct {
	unit int32
	w    int
}

func newRoles(m *model) *roles {
	n := len(m.units)
	r := &roles{handler: make([]int32, n), anchor: make([]bool, n), table: make([]bool, n), access: make([]tableAccess, n), block: make([]int32, n)}
	for u := range r.handler {
		r.handler[u] = -1
		r.block[u] = int32(u)
		if t := m.recv[u]; t >= 0 && !m.apartMethod(int32(u), t) {
			r.block[u] = t
		}
		k := m.unitNode(int32(u)).Kind
		r.table[u] = k == analyzer.KindTable
		if k == analyzer.KindRoute || (k == analyzer.KindTable && !m.systemTable(int32(u))) {
			r.anchor[u] = true
		}
	}
	for _, e := range m.edges {
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		switch e.kind {
		case analyzer.EdgeHandles, analyzer.EdgeRuns:
			if a >= 0 && b >= 0 && r.handler[a] < 0 {
				r.handler[a] = b
			}
		case analyzer.EdgeWrites:
			if a >= 0 && b >= 0 && !m.systemTable(b) {
				r.anchor[a] = true
				r.access[b].writers = append(r.access[b].writers, accessor{a, e.weight})
			}
		case analyzer.EdgeReads:
			if a >= 0 && b >= 0 && !m.systemTable(b) {
				r.access[b].readers = append(r.access[b].readers, accessor{a, e.weight})
			}
		}
	}
	r.blockOff = make([]int32, n+1)
	for _, b := range r.block {
		r.blockOff[b+1]++
	}
	for i := 0; i < n; i++ {
		r.blockOff[i+1] += r.blockOff[i]
	}
	r.blockUnits = make([]int32, n)
	fill := slices.Clone(r.blockOff[:n])
	for u, b := range r.block {
		r.blockUnits[fill[b]] = int32(u)
		fill[b]++
	}
	r.registrars(m)
	return r
}

// members returns the units of block b (empty unless b is a block's unit).
func (r *roles) members(b int32) []int32 { return r.blockUnits[r.blockOff[b]:r.blockOff[b+1]] }

// registrars gives a route or job that runs no unit (its handler is a
// closure, or code outside the module) the function that registers it:
// the function or method whose declaration spans the route's position.
func (r *roles) registrars(m *model) {
	type span struct {
		from, to int
		unit     int32
	}
	byFile := map[string][]span{}
	for u := range r.handler {
		n := m.unitNode(int32(u))
		if n.Kind != analyzer.KindFunc && n.Kind != analyzer.KindMethod {
			continue
		}
		f, line, ok := position(n)
		if ok {
			byFile[f] = append(byFile[f], span{line, line + max(n.Lines, 1) - 1, int32(u)})
		}
	}
	for u, h := range r.handler {
		n := m.unitNode(int32(u))
		if h >= 0 || (n.Kind != analyzer.KindRoute && n.Kind != analyzer.KindJob) {
			continue
		}
		f, line, ok := position(n)
		if !ok {
			continue
		}
		best := -1
		for i, sp := range byFile[f] {
			if sp.from <= line && line <= sp.to && (best < 0 || sp.to-sp.from < byFile[f][best].to-byFile[f][best].from) {
				best = i
			}
		}
		if best >= 0 {
			r.handler[u] = byFile[f][best].unit
		}
	}
}

// position splits a node's "file:line".
func position(n analyzer.Node) (string, int, bool) {
	f, l, ok := strings.Cut(n.Pos, ":")
	if !ok {
		return "", 0, false
	}
	line, err := strconv.Atoi(l)
	return f, line, err == nil
}

// markServed marks the units requests reach: by calls from the entry
// points (route handlers, jobs, event subscribers), entryDepth deep and not
// through the kernel, then one step along the other dependencies of what
// they reach (the types, variables and interfaces that code uses). The
// bounds keep a call resolved through a widely implemented interface from
// making the whole program look served.
func (r *roles) markServed(m *model, kernel []bool) {
	r.served = m.reach(m.entries, entryDepth, kernel)
	reached := slices.Clone(r.served)
	for _, e := range m.edges {
		if !isDependency(e.kind) {
			continue
		}
		if a, b := m.unitOf[e.from], m.unitOf[e.to]; a >= 0 && b >= 0 && reached[a] && !kernel[b] {
			r.served[b] = true
		}
	}
	symbols, served, anchors := 0, 0, false
	for u, a := range r.anchor {
		anchors = anchors || a
		if isSymbol(m.unitNode(int32(u))) && !kernel[u] {
			symbols++
			if r.served[u] {
				served++
			}
		}
	}
	r.anchored = anchors && float64(served) >= minServedShare*float64(symbols)
}

// minServedShare is the share of the symbols outside the kernel that
// requests must reach for the code to count as request-driven.
const minServedShare = 0.25

// clusterFacts describe each label of a labelling.
type clusterFacts struct {
	size     []int
	anchored []bool // serves a route or owns a table
	served   []bool // holds code requests run
	table    []bool // owns a table
}

// facts describes the labels of label.
func (r *roles) facts(label []int32) clusterFacts {
	k := int32(0)
	for _, l := range label {
		k = max(k, l+1)
	}
	f := clusterFacts{size: make([]int, k), anchored: make([]bool, k), served: make([]bool, k), table: make([]bool, k)}
	for u, l := range label {
		if l < 0 {
			continue
		}
		f.size[l]++
		f.anchored[l] = f.anchored[l] || r.anchor[u]
		f.served[l] = f.served[l] || r.served[u]
		f.table[l] = f.table[l] || r.table[u]
	}
	return f
}

// demoteOperational stops routes that serve the kernel alone from making
// a service: a route is operational (a health check, metrics, a debug
// page) when the calls of its handler, not followed into kernel code,
// reach no table and no code outside the kernel and the handler's own
// type. Such a route follows its handler like any other, but a cluster
// with nothing else to serve joins its strongest neighbour.
func (r *roles) demoteOperational(m *model, kernel []bool) {
	for u, h := range r.handler {
		if h < 0 || m.unitNode(int32(u)).Kind != analyzer.KindRoute || kernel[h] {
			continue
		}
		seen := map[int32]bool{h: true}
		frontier := []int32{h}
		domain := false
		for d := 0; d < entryDepth && len(frontier) > 0 && !domain; d++ {
			var next []int32
			for _, v := range frontier {
				if m.writes[v] || len(m.tables[v]) > 0 || (r.block[v] != r.block[h] && !kernel[v]) {
					domain = true
					break
				}
				if kernel[v] {
					continue // the kernel's own calls are not the route's
				}
				for _, w := range m.calls[v] {
					if !seen[w] {
						seen[w] = true
						next = append(next, w)
					}
				}
			}
			frontier = next
		}
		if !domain {
			r.anchor[u] = false
		}
	}
}

// place fixes the units that follow others: a route or job goes with the
// code it runs, a table with its owner, the label accessing it most
// (writes count twice), unless fixed[u] (a table placed by a
// constraint). It changes label in place.
func (r *roles) place(label []int32, fixed []int32) {
	for u, h := range r.handler {
		if h >= 0 {
			label[u] = label[h]
		}
	}
	for u, isTable := range r.table {
		if isTable && fixed[u] < 0 {
			label[u] = r.owner(int32(u), label)
		}
	}
}

// owner returns the label that accesses table t most, writes counting
// twice; ties go to the label with more writes, then the lower label.
// A table nobody touches is unplaced.
func (r *roles) owner(t int32, label []int32) int32 {
	score := map[int32][2]int{}
	for _, a := range r.access[t].writers {
		s := score[label[a.unit]]
		s[0] += 2 * a.w
		s[1] += a.w
		score[label[a.unit]] = s
	}
	for _, a := range r.access[t].readers {
		s := score[label[a.unit]]
		s[0] += a.w
		score[label[a.unit]] = s
	}
	best, bs := labelUnplaced, [2]int{-1, -1}
	for l, s := range score {
		if l == labelUnplaced {
			continue
		}
		if s[0] > bs[0] || (s[0] == bs[0] && (s[1] > bs[1] || (s[1] == bs[1] && l < best))) {
			best, bs = l, s
		}
	}
	return best
}
