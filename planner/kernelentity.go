package planner

import (
	"github.com/ficus-dev/ficus/analyzer"
	"maps"
	"slices"
)

// minEntityOwnerShare is the share of an entity's placed code (the units of
// the files named after it, kernel aside) one service must hold to be the
// entity's service.
const minEntityOwnerShare = 0.5

// entityFilesOut gives the kernel's entity code back to its area. A
// layered app keeps one file per entity in each layer (models/tasks.go,
// services/tasks.go, handlers/tasks.go); a type of such a file that
// every area reads (the Task model) looks shared, yet it is the tasks
// area's own, which the others will call. A kernel block (a type with its
// methods, or a function) whose file is named after a word of the app's
// routes, outside generic folders, moves to the service holding more than
// minEntityOwnerShare of the code of the files named alike: the entity's area.
// Generic files (errors.go), middleware several services' routes run
// behind, main packages and units a constraint places stay.
func entityFilesOut(m *model, r *roles, cons *constraints, label []int32) int {
	heads := m.headsOf()
	business := routeWords(m)
	for _, ni := range m.units {
		if n := m.nodes[ni]; n.Kind == analyzer.KindTable && !isSystemTable(n.Name) {
			for _, w := range words(n.Name, nil) {
				business[w] = true
			}
		}
	}
	entity := map[string]string{} // file → the route word its name starts with
	for f, h := range heads {
		if h == "" || m.isGenericFile(f) {
			continue
		}
		for _, w := range words(h, nil) {
			if business[w] {
				entity[f] = w
				break
			}
		}
	}
	if len(entity) == 0 {
		return 0
	}
	// where each entity's code outside the kernel is
	at := map[string]map[int32]int{}
	for u, l := range label {
		if l < 0 {
			continue
		}
		w, ok := entity[file(m.unitNode(int32(u)))]
		if !ok {
			continue
		}
		if at[w] == nil {
			at[w] = map[int32]int{}
		}
		at[w][l]++
	}
	owner := map[string]int32{}
	for w, by := range at {
		total, best, top := 0, int32(-1), 0
		for _, l := range slices.Sorted(maps.Keys(by)) {
			total += by[l]
			if by[l] > top {
				best, top = l, by[l]
			}
		}
		if float64(top) > minEntityOwnerShare*float64(total) {
			owner[w] = best
		}
	}
	mw := middlewareBlocks(m, r, label)
	mains := mainPackages(m)
	moved := 0
	for b := int32(0); b < int32(len(label)); b++ {
		if label[b] != labelKernel || r.block[b] != b || mw != nil && mw[b] {
			continue
		}
		n := m.unitNode(b)
		w, ok := entity[file(n)]
		if !ok || mains[n.Package] {
			continue
		}
		to, ok := owner[w]
		if !ok {
			continue
		}
		for _, u := range r.members(b) {
			if label[u] == labelKernel && free(cons, u) {
				label[u] = to
				moved++
			}
		}
	}
	return moved
}
