package planner

import (
	"maps"
	"slices"
)

// A package of test helpers (internal/testutil, e2e/playwright: every
// file a test helper, see isTestHelperFile) serves the tests of every
// service that uses it, and no request: whatever the clustering made of
// it, it is test support the services' tests share. When its code ended
// up in two or more places (some services and the kernel), the kernel
// takes it whole, where it is a library apart from the kernel proper (see
// libraries). A test helper package within one service (orders/mocks)
// stays with it.

// testHelpersToKernel moves each test helper package spread over two or
// more of the services and the kernel into the kernel, renumbers the
// services (one may have held nothing else), and returns the packages
// moved. A package with a unit a constraint places, or one unplaced or
// set aside, stays: moved only in part it would be no library, and its
// units would count against the kernel's cap.
func testHelpersToKernel(m *model, cons *constraints, label []int32) []string {
	where := map[string]map[int32]bool{} // test helper package → labels of its units
	helper := map[string]bool{}
	for u, l := range label {
		n := m.unitNode(int32(u))
		if !isSymbol(n) || n.Package == "" {
			continue
		}
		if _, seen := helper[n.Package]; !seen {
			helper[n.Package] = true
		}
		if !isTestHelperFile(file(n)) || l < labelKernel || cons.set[u] >= 0 || (l >= 0 && cons.forced[u]) {
			helper[n.Package] = false
			continue
		}
		if l >= labelKernel {
			if where[n.Package] == nil {
				where[n.Package] = map[int32]bool{}
			}
			where[n.Package][l] = true
		}
	}
	var moved []string
	for _, pkg := range slices.Sorted(maps.Keys(where)) {
		if helper[pkg] && len(where[pkg]) >= 2 {
			moved = append(moved, pkg)
		}
	}
	if len(moved) == 0 {
		return nil
	}
	for u, l := range label {
		n := m.unitNode(int32(u))
		if l >= 0 && isSymbol(n) && slices.Contains(moved, n.Package) {
			label[u] = labelKernel
		}
	}
	k := int32(0)
	present := map[int32]bool{}
	for _, l := range label {
		if l >= 0 {
			k = max(k, l+1)
			present[l] = true
		}
	}
	if int(k) != len(present) {
		copy(label, relabelKeep(label)) // a service held only test helpers
	}
	return moved
}
