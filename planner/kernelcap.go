package planner

import (
	"cmp"
	"github.com/ficus-dev/ficus/analyzer"
	"maps"
	"slices"
	"strings"
)

// maxKernelShare is the default of kernel.max_share, the share of the
// units above which the kernel gives code back to the service that mostly
// uses it: a kernel larger than that holds domain code, and a library
// every service links that big is a second monolith.
const maxKernelShare = 0.15

// minOwnerShare is the share of a kernel block's use that one service must
// make for the block to move there when the kernel is over its cap: code
// all services use evenly is generic, and stays, however large the kernel.
const minOwnerShare = 0.5

// trimKernel keeps the kernel to generic code. A kernel block (a type
// with its methods, or a function) that writes a table
// goes to the service that uses it most: the kernel holds no business
// state. Then, while the kernel proper (the kernel less generic code,
// see libraries) holds more than maxShare of the units, the blocks whose users are most
// concentrated in one service move to that service, first the most
// concentrated: code mostly one service uses (minOwnerShare) is that
// service's, even when others call it too. Code all services use evenly
// stays: the plan's kernel reasons say why. Units the user put in the
// kernel stay.
func trimKernel(m *model, s *signals, r *roles, cons *constraints, label []int32, maxShare float64) {
	n := len(label)
	// use[b] sums, per service, the weight of edges between the block's
	// units and units of that service.
	type use struct {
		top       int32
		topW, all float64
	}
	uses := func() map[int32]use {
		acc := map[int32]map[int32]float64{}
		for _, e := range s.uses {
			for _, p := range [2][2]int32{{e.from, e.to}, {e.to, e.from}} {
				k, other := p[1], p[0] // kernel side, user side
				if label[k] != labelKernel || label[other] < 0 {
					continue
				}
				b := r.block[k]
				if acc[b] == nil {
					acc[b] = map[int32]float64{}
				}
				acc[b][label[other]] += e.w
			}
		}
		out := make(map[int32]use, len(acc))
		for b, byL := range acc {
			u := use{top: -1}
			for _, l := range slices.Sorted(maps.Keys(byL)) {
				w := byL[l]
				u.all += w
				if w > u.topW {
					u.top, u.topW = l, w
				}
			}
			out[b] = u
		}
		return out
	}
	move := func(b, to int32) int {
		moved := 0
		for _, u := range r.members(b) {
			if label[u] == labelKernel && !cons.forced[u] {
				label[u] = to
				moved++
			}
		}
		return moved
	}
	entityFilesOut(m, r, cons, label)
	us := uses()
	// Business behaviour out first.
	for b := int32(0); b < int32(n); b++ {
		if label[b] != labelKernel || r.block[b] != b {
			continue
		}
		business := false
		for _, u := range r.members(b) {
			// A symbol that writes a table; operational routes (health,
			// metrics) that only kernel code serves stay: every service
			// keeps its own.
			if r.anchor[u] && isSymbol(m.unitNode(u)) {
				business = true
			}
		}
		if business && us[b].top >= 0 {
			move(b, us[b].top)
		}
	}
	giveSoleUsed(m, s, r, cons, label)
	// The cap bounds the kernel proper as the plan reports it: generic
	// code the kernel holds whole (libraries) does not count, since none
	// of it moves, and the share is of the placed units.
	kernel, placed := kernelProper(m, label)
	limit := kernelLimit(maxShare, placed)
	if kernel <= limit {
		return
	}
	// Moving a block out can give its own kernel callees a service user.
	for round := 0; round < 8 && kernel > limit; round++ {
		us = uses()
		var cands []int32
		// code of a generic folder (pkg/, common/) that several services
		// use is a library by the team's own word; a file named for
		// generic code in a domain package (models/error.go) leaves only
		// when nothing else is left to bring the kernel under its cap, and
		// generic code the kernel does not hold whole (a database/ package
		// that is the app's whole model layer) last, but for middleware
		// and migration steps: the cap is kept
		mw := middlewareBlocks(m, r, label)
		for tier := range 3 {
			var library map[string]bool // packages the kernel holds whole: not counted, never trimmed
			if tier > 0 {
				library = map[string]bool{}
				for _, lib := range libraries(m, label) {
					library[lib.Package] = true
				}
			}
			for b, u := range us {
				n := m.unitNode(b)
				f := file(n)
				generic := m.isGenericFile(f)
				switch tier {
				case 1:
					generic = !isHelperFileName(f) || m.inGenericFolder(f) || m.inComponent(f) || m.concern[f] || library[n.Package]
				case 2:
					generic = library[n.Package] || m.migration[f] || mw != nil && mw[b]
				}
				if u.top >= 0 && u.topW >= minOwnerShare*u.all && !generic {
					cands = append(cands, b)
				}
			}
			if len(cands) > 0 {
				break
			}
		}
		if len(cands) == 0 {
			break
		}
		slices.SortFunc(cands, func(a, b int32) int {
			ua, ub := us[a], us[b]
			return cmp.Or(compareBool(mw != nil && mw[a], mw != nil && mw[b]),
				cmp.Compare(ub.topW/ub.all, ua.topW/ua.all), cmp.Compare(ub.topW, ua.topW), cmp.Compare(a, b))
		})
		for _, b := range cands {
			if kernel <= limit {
				break
			}
			kernel -= move(b, us[b].top) // candidates hold no library code
		}
	}
}

// kernelProper counts the kernel's units less those of its libraries
// (see libraries), and the units placed in the kernel or a service.
func kernelProper(m *model, label []int32) (kernel, placed int) {
	return kernelCount(label, libraries(m, label))
}

// kernelCount is kernelProper with the libraries already listed.
func kernelCount(label []int32, libs []Library) (kernel, placed int) {
	for _, l := range label {
		if l == labelKernel {
			kernel++
		}
		if l == labelKernel || l >= 0 {
			placed++
		}
	}
	for _, lib := range libs {
		kernel -= lib.Units
	}
	return kernel, placed
}

// kernelLimit is the most units the kernel proper may hold out of n, for
// kernel.max_share maxShare (0: maxKernelShare).
func kernelLimit(maxShare float64, n int) int {
	if maxShare <= 0 {
		maxShare = maxKernelShare
	}
	return int(maxShare * float64(n))
}

// minTinyUnits is the size below which a service of the final plan is
// too small to stand alone, even when it serves a route or writes a table
// (a join table's two functions are no service).
const minTinyUnits = 8

// mergeTiny folds every service smaller than minTinyUnits, but for
// services a user pinned, into the service it shares the most dependency
// weight with; a tiny service tied to no other stays, unless it holds no
// code at all.
func mergeTiny(m *model, s *signals, cons *constraints, label []int32) {
	pinned := map[int32]bool{}
	for u, set := range cons.set {
		if set >= 0 && label[u] >= 0 && (cons.feature == nil || !cons.feature[u]) && cons.pin[set] != "" {
			pinned[label[u]] = true
		}
	}
	g := s.dep
	for round := 0; round < 16; round++ {
		size := map[int32]int{}
		for _, l := range label {
			if l >= 0 {
				size[l]++
			}
		}
		tiny := map[int32]map[int32]float64{}
		for l, n := range size {
			if n < minTinyUnits && !pinned[l] {
				tiny[l] = map[int32]float64{}
			}
		}
		if len(tiny) == 0 {
			break
		}
		ties(g, label, tiny)
		remap := map[int32]int32{}
		for _, l := range slices.Sorted(maps.Keys(tiny)) {
			best, bw := int32(-1), 0.0
			for _, o := range slices.Sorted(maps.Keys(tiny[l])) {
				if w := tiny[l][o]; w > bw && !cons.separate(label, l, o) {
					best, bw = o, w
				}
			}
			if best < 0 {
				continue
			}
			for remap[best] != 0 && remap[best]-1 != best {
				best = remap[best] - 1
			}
			if best != l {
				remap[l] = best + 1 // +1: 0 means "not moved"
			}
		}
		if len(remap) == 0 {
			break
		}
		for u, l := range label {
			if t := remap[l]; l >= 0 && t != 0 {
				label[u] = t - 1
			}
		}
	}
	// A service of tables or routes alone, tied to no code (a table the
	// schema declares and nothing reads), is no service, unless the graph
	// has no code at all.
	code := map[int32]bool{}
	constrained := map[int32]bool{}
	for u, l := range label {
		if l >= 0 && isSymbol(m.unitNode(int32(u))) {
			code[l] = true
		}
		if l >= 0 && cons.set[u] >= 0 {
			constrained[l] = true
		}
	}
	for u, l := range label {
		if l >= 0 && !code[l] && !constrained[l] && len(code) > 0 {
			label[u] = labelUnplaced
		}
	}
	copy(label, relabelKeep(label))
}

// relabelKeep renumbers service labels densely, keeping the kernel and
// unplaced labels.
func relabelKeep(label []int32) []int32 {
	out := make([]int32, len(label))
	next := map[int32]int32{}
	for u, l := range label {
		if l < 0 {
			out[u] = l
			continue
		}
		v, ok := next[l]
		if !ok {
			v = int32(len(next))
			next[l] = v
		}
		out[u] = v
	}
	return out
}

// giveSoleUsed moves the kernel blocks exactly one service uses, and no
// kernel code, to that service: shared means needed by several. Generic
// code stays (a library); units the user put in the kernel stay.
func giveSoleUsed(m *model, s *signals, r *roles, cons *constraints, label []int32) {
	mw := middlewareBlocks(m, r, label)
	// a moved type can free its constructor
	for round := 0; round < 2; round++ {
		only := soleUsers(m, s, r, label)
		for b := int32(0); b < int32(len(label)); b++ {
			l := only[b]
			if l < 0 || label[b] != labelKernel || m.isGenericFile(file(m.unitNode(b))) || mw != nil && mw[b] {
				continue
			}
			for _, u := range r.members(b) {
				if label[u] == labelKernel && !cons.forced[u] {
					label[u] = l
				}
			}
		}
	}
}

// soleUsers maps each kernel block that exactly one service uses, and no
// kernel code outside the block, to that service. Code of a main package
// does not count: the composition root builds every service, and each
// service will have its own main, nor does the type's constructor. Nor
// does kernel code that only main
// packages use (a constructor main calls): it is wiring, not shared code.
// A kernel block no service and no kernel code uses, whose own
// dependencies lie in exactly one service (that constructor, once its
// type has moved), goes there too.
//
// It returns the service for each block unit, -1 where there is none; the
// tallies are dense slices over the units, as the uses are walked twice.
func soleUsers(m *model, s *signals, r *roles, label []int32) []int32 {
	nu := len(label)
	mains := mainPackages(m)
	counts := make([]bool, nu)
	for u := range counts {
		counts[u] = !mains[m.unitNode(int32(u)).Package]
	}
	// wired marks kernel blocks that only main packages use (or nothing)
	wired := make([]bool, nu)
	for u, l := range label {
		if l == labelKernel {
			wired[r.block[u]] = true
		}
	}
	for _, e := range s.uses {
		if b := r.block[e.to]; label[e.to] == labelKernel && r.block[e.from] != b && counts[e.from] {
			wired[b] = false
		}
	}
	users := make([]int32, nu) // block → its one service, -1 for several
	deps := make([]int32, nu)  // the same for a block's dependencies
	for b := range users {
		users[b], deps[b] = noUser, noUser
	}
	byKernel := make([]bool, nu)
	note := func(acc []int32, b, l int32) {
		if old := acc[b]; old == noUser {
			acc[b] = l
		} else if old != l {
			acc[b] = -1
		}
	}
	for _, e := range s.uses {
		if label[e.from] == labelKernel && label[e.to] >= 0 {
			note(deps, r.block[e.from], label[e.to])
		}
		b := r.block[e.to]
		if label[e.to] != labelKernel || r.block[e.from] == b || !counts[e.from] || constructs(m, e.from, b) {
			continue
		}
		switch l := label[e.from]; {
		case l == labelKernel:
			byKernel[b] = byKernel[b] || !wired[r.block[e.from]]
		case l >= 0:
			note(users, b, l)
		}
	}
	out := make([]int32, nu)
	for b := range out {
		out[b] = -1
		switch {
		case users[b] >= 0 && !byKernel[b]:
			out[b] = users[b]
		case users[b] == noUser && deps[b] >= 0 && wired[b] && !byKernel[b] && counts[b]:
			out[b] = deps[b]
		}
	}
	return out
}

// noUser marks a block nothing uses in soleUsers' tallies.
const noUser int32 = -2

// mergeSameName joins services that would be named after the same word
// ("dial" and "dials", "article" and "articles"): one business area cut
// in two, most often along a layer (its handlers apart from its store).
// Services that must stay apart (features, pins, apart groups) stay.
func mergeSameName(m *model, cons *constraints, label []int32) {
	for round := 0; round < 4; round++ {
		k := 0
		for _, l := range label {
			k = max(k, int(l)+1)
		}
		if k < 2 {
			return
		}
		names := nameServices(m, label, k, pinnedNames(cons, label))
		size := make([]int, k)
		for _, l := range label {
			if l >= 0 {
				size[l]++
			}
		}
		byWord := map[string]int32{}
		remap := map[int32]int32{}
		for l := int32(0); l < int32(k); l++ {
			w := stem(strings.ToLower(names[l]))
			if strings.ContainsAny(w, "-0123456789") {
				continue
			}
			o, ok := byWord[w]
			if !ok {
				byWord[w] = l
				continue
			}
			if cons.separate(label, o, l) {
				continue
			}
			big, small := o, l
			if size[l] > size[o] {
				big, small = l, o
				byWord[w] = l
			}
			remap[small] = big
		}
		if len(remap) == 0 {
			return
		}
		for u, l := range label {
			if t, ok := remap[l]; ok && l >= 0 {
				label[u] = t
			}
		}
		copy(label, relabelKeep(label))
	}
}

// ties adds to of[l], for every label l it holds, the dependency weight
// between l's units and each other service.
func ties(g *wgraph, label []int32, of map[int32]map[int32]float64) {
	for u, l := range label {
		w := of[l]
		if w == nil {
			continue
		}
		for p := g.off[u]; p < g.off[u+1]; p++ {
			if o := label[g.adj[p]]; o >= 0 && o != l {
				w[o] += g.w[p]
			}
		}
	}
}

// constructs reports whether unit f is the constructor of type t: a
// function of its package named New and the type's name. The code that
// builds a value is not the code that uses it.
func constructs(m *model, f, t int32) bool {
	fn, typ := m.unitNode(f), m.unitNode(t)
	return fn.Kind == analyzer.KindFunc && typ.Kind == analyzer.KindType && fn.Package == typ.Package && fn.Name == "New"+typ.Name
}

// mainPackages lists the packages that declare func main.
func mainPackages(m *model) map[string]bool {
	out := map[string]bool{}
	for _, ni := range m.units {
		if n := m.nodes[ni]; n.Kind == analyzer.KindFunc && n.Name == "main" {
			out[n.Package] = true
		}
	}
	return out
}
