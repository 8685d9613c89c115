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
// Units a constraint places, units evidence placed (moved), and the methods
// of a store hub (see storeHubs, placed one by one on purpose) stay. The
// kernel takes no unit over its cap, nor one the user excluded from it;
// with kernelFree false (the user listed the kernel) nothing enters or
// leaves the kernel.
func keepFilesWhole(m *model, cons *constraints, label []int32, moved map[int32]int32, maxShare float64, kernelFree bool) {
	byFile := unitsByFile(m)
	kernel, placed := kernelProper(m, label)
	limit := kernelLimit(maxShare, placed)
	fixed := func(u int32) bool {
		if _, ok := moved[u]; ok || !free(cons, u) {
			return true
		}
		return m.hub[u] || (m.recv[u] >= 0 && m.hub[m.recv[u]])
	}
	changed := false
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
			if l == top || (l < 0 && l != labelKernel) || fixed(u) {
				continue
			}
			if top == labelKernel || l == labelKernel {
				if !kernelFree {
					continue
				}
				if top == labelKernel {
					if cons.excluded[u] || kernel >= limit {
						continue
					}
					kernel++
				} else {
					kernel--
				}
			}
			label[u] = top
			changed = true
		}
	}
	if changed {
		copy(label, relabelKeep(label))
	}
}
