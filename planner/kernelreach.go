package planner

// giveSoleReached moves to a service the kernel code of concern files
// (see concernFiles) that only that service reaches through a shared
// type's dispatch: a database client declared in one file
// (redis/client.go's Client, whose AddEvent every service could call)
// delegating to one file per entity (redis/event.go's addEvent). The
// client is one block several services use, so the per-entity code behind
// it is "used by kernel code" and giveSoleUsed leaves it; read symbol by
// symbol, only core-data reaches addEvent (through AddEvent, which only
// core-data calls), and the file is core-data's data access.
//
// A kernel unit's reach is the set of services whose code uses it
// directly, or uses a kernel unit of its package that uses it, followed
// through the package to a fixed point. Units that kernel code of another
// package uses, or that such code reaches, stay: the kernel cannot lean
// on a service across packages. Code of main packages does not count (the
// composition root builds every service). A block (a type with the
// methods declared beside it) of concern files whose units exactly one
// service reaches moves to it, whole; blocks with units of library files
// (generic folders, test helpers: see fileKind), of generated code or
// that the user put in the kernel stay: the shared client itself stays a
// library, and what it dispatches to leaves with the service it serves.
// The methods of a store hub (see storeHubs) count as concern code
// wherever they lie, generic folders included, since each serves one
// area's tables; the hub type itself stays.
func giveSoleReached(m *model, s *signals, r *roles, cons *constraints, label []int32) {
	n := len(label)
	const none, many = int32(-1), int32(-2)
	reach := make([]int32, n)
	for u := range reach {
		reach[u] = none
	}
	join := func(u, l int32) bool {
		switch old := reach[u]; {
		case old == l || old == many || l == none:
			return false
		case old == none:
			reach[u] = l
		default:
			reach[u] = many
		}
		return true
	}
	mains := mainPackages(m)
	pkg := func(u int32) string { return m.unitNode(u).Package }
	pinned := make([]bool, n) // reached by kernel code of another package
	var inside []useEdge      // kernel → kernel uses within one package
	reached := false
	for _, e := range s.uses {
		if label[e.to] != labelKernel || e.from == e.to || mains[pkg(e.from)] {
			continue
		}
		switch l := label[e.from]; {
		case l >= 0:
			reached = join(e.to, l) || reached
		case l != labelKernel:
		case pkg(e.from) == pkg(e.to):
			inside = append(inside, e)
		default:
			pinned[e.to] = true
		}
	}
	if !reached {
		return
	}
	for changed := true; changed; {
		changed = false
		for _, e := range inside {
			if join(e.to, reach[e.from]) {
				changed = true
			}
			if pinned[e.from] && !pinned[e.to] {
				pinned[e.to], changed = true, true
			}
		}
	}
	// a block (a type with the methods declared beside it) moves whole:
	// a shared model's one method that one service calls stays with it
	for b := range label {
		if r.block[b] != int32(b) {
			continue
		}
		to := none
		for _, u := range r.members(int32(b)) {
			if label[u] != labelKernel {
				continue
			}
			k := m.fileKind[u]
			if m.hub[u] {
				to = many // a store hub's type serves every area
				break
			}
			if t := m.recv[u]; t >= 0 && m.hub[t] && k&kindGenerated == 0 {
				k = kindConcern // a store hub's method is its area's, in any folder
			}
			if pinned[u] || cons.forced[u] || k&kindConcern == 0 || k&(kindLibrary|kindGenerated) != 0 {
				to = many
				break
			}
			if l := reach[u]; l == many || (l >= 0 && to >= 0 && l != to) {
				to = many
				break
			} else if l >= 0 {
				to = l
			}
		}
		if to < 0 {
			continue
		}
		for _, u := range r.members(int32(b)) {
			if label[u] == labelKernel {
				label[u] = to
			}
		}
	}
}
