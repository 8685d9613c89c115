package planner

import (
	"maps"
	"path"
	"slices"
)

// minEntityOwnerShare is the share of an entity's placed code (the units
// of the files named after it, kernel aside) one service must hold to be
// the entity's service.
const minEntityOwnerShare = 0.5

// minLayerEntities is how many entities a folder must hold a file of to be
// read as a layer with a file per entity (models/ with tasks.go,
// labels.go, projects.go), rather than a package that happens to share a
// word with an area (queue/task.go).
const minLayerEntities = 3

// minEntityUnits is the fewest units of an entity's files its service
// must hold: one helper placed by its sole user says nothing of the
// entity.
const minEntityUnits = 2

// entityFilesOut gives the kernel's entity code back to its area. A
// layered app keeps one file per entity in each layer (models/tasks.go,
// services/tasks.go, handlers/tasks.go); a type of such a file that
// every area reads (the Task model) looks shared, yet it is the tasks
// area's own, which the others will call. A kernel block (a type with its
// methods, or a function) whose file is named after a word of the app's
// routes or tables, in a folder holding files of minLayerEntities
// entities or more, moves to the service holding more than
// minEntityOwnerShare (and at least minEntityUnits) of the placed code of
// the files named alike: the entity's area. Generic, generated and test-helper files,
// middleware several services' routes run behind, main packages and units
// a constraint places stay. Kernel code that uses a moved block (an error
// catalog naming the entity) calls the entity's service from then on, as
// the kernel's cap trimming leaves it to.
func entityFilesOut(m *model, r *roles, cons *constraints, label []int32) {
	entity := m.entitiesOf()
	if len(entity) == 0 {
		return
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
		if top >= minEntityUnits && float64(top) > minEntityOwnerShare*float64(total) {
			owner[w] = best
		}
	}
	mw := middlewareBlocks(m, r, label)
	mains := mainPackages(m)
	to := map[int32]int32{} // block → its entity's service
	for b := int32(0); b < int32(len(label)); b++ {
		if label[b] != labelKernel || r.block[b] != b || mw != nil && mw[b] {
			continue
		}
		n := m.unitNode(b)
		f := file(n)
		w, ok := entity[f]
		if !ok || mains[n.Package] {
			continue
		}
		if l, ok := owner[w]; ok {
			to[b] = l
		}
	}
	for _, b := range slices.Sorted(maps.Keys(to)) {
		for _, u := range r.members(b) {
			if label[u] == labelKernel && free(cons, u) {
				label[u] = to[b]
			}
		}
	}
}

// entityFiles maps each file named after an entity (its stem head is a
// word of the app's routes or of its tables' names) that lies in a folder
// of at least minLayerEntities entities' files to that word. Generic,
// generated and test-helper files name no entity.
func entityFiles(m *model) map[string]string {
	business := businessWords(m, false)
	out := map[string]string{}
	per := map[string]map[string]bool{} // folder → its entities
	for f, h := range m.headsOf() {
		if h == "" || m.isGenericFile(f) || isGeneratedFile(f) || isTestHelperFile(f) {
			continue
		}
		for _, w := range words(h, nil) {
			if business[w] {
				out[f] = w
				d := path.Dir(f)
				if per[d] == nil {
					per[d] = map[string]bool{}
				}
				per[d][w] = true
				break
			}
		}
	}
	for f := range out {
		if len(per[path.Dir(f)]) < minLayerEntities {
			delete(out, f)
		}
	}
	return out
}
