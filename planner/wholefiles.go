package planner

import (
	"maps"
	"slices"
)

// keepFilesWhole moves the rest of each file whose symbols a strict
// majority places in one service, or in the kernel, to that place. A file
// is one piece of code: a team extracts a service by moving files, and a
// file cut between two services (a store file whose helper went with one of
// its callers, a domain file one of whose types the kernel took) is a
// refactoring the plan asks for on no evidence. A file no place holds a
// majority of (a router that registers every area, a handlers file of
// several areas) stays as it is.
//
// Units a constraint places, units evidence placed (moved), the methods of
// a store hub (see storeHubs, placed one by one on purpose) and the units
// of the libraries the kernel holds whole (see libraries: never trimmed,
// never counted) stay, and so does a service's unit when the service would
// be left with fewer than minTinyUnits (or none, for one that was
// smaller): the rule makes no tiny service, and no service vanishes. The
// kernel takes no unit over its cap, nor one the user excluded from it;
// with kernelFree false (the user listed the kernel) nothing enters or
// leaves the kernel. Only symbols placed in a service or the kernel count
// towards a file's majority. It returns the units it moved into the
// kernel.
func keepFilesWhole(m *model, cons *constraints, label []int32, moved map[int32]int32, maxShare float64, kernelFree bool) map[int32]bool {
	byFile := unitsByFile(m)
	libs := libraries(m, label)
	kernel, placed := kernelCount(label, libs)
	limit := kernelLimit(maxShare, placed)
	library := map[string]bool{}
	for _, lib := range libs {
		library[lib.Package] = true
	}
	fixed := func(u int32) bool {
		if _, ok := moved[u]; ok || !free(cons, u) || library[m.unitNode(u).Package] {
			return true
		}
		return m.hub[u] || (m.recv[u] >= 0 && m.hub[m.recv[u]])
	}
	filed := map[int32]bool{}
	size, tiny := map[int32]int{}, map[int32]bool{}
	for _, l := range label {
		if l >= 0 {
			size[l]++
		}
	}
	for l, n := range size {
		tiny[l] = n < minTinyUnits
	}
	// shrinks reports whether moving a unit out of service l would leave
	// it empty, or tiny when it was not
	shrinks := func(l int32) bool { return size[l] == 1 || (!tiny[l] && size[l] == minTinyUnits) }
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		us := byFile[f]
		count := map[int32]int{}
		n := 0
		for _, u := range us {
			if l := label[u]; l >= 0 || l == labelKernel {
				count[l]++
				n++
			}
		}
		if len(count) < 2 {
			continue
		}
		top, most := labelUnplaced, 0
		for l, c := range count {
			if c > most {
				top, most = l, c
			}
		}
		if 2*most <= n {
			continue
		}
		for _, u := range us {
			l := label[u]
			if l == top || (l < 0 && l != labelKernel) || fixed(u) || (l >= 0 && shrinks(l)) {
				continue // no service vanishes or turns tiny
			}
			if top == labelKernel || l == labelKernel {
				if !kernelFree {
					continue
				}
				// a unit entering may complete a library and count for
				// nothing: the count runs high, never low; one leaving
				// is no library's, so it counted
				if top == labelKernel {
					if cons.excluded[u] || kernel >= limit {
						continue
					}
					kernel++
					filed[u] = true
				} else {
					kernel--
					delete(filed, u)
				}
			}
			if l >= 0 {
				size[l]--
			}
			if top >= 0 {
				size[top]++
			}
			label[u] = top
		}
	}
	return filed
}
