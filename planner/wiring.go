package planner

import "github.com/ficus-dev/ficus/analyzer"

// mainToKernel puts a program's main function in the kernel when it uses
// code of two or more services: the monolith's composition root builds
// every service and belongs to none (each extracted service gets its own
// main). A main that builds one service (cmd/orders/main.go) stays with
// it, and so does, with that service, a main that serves the routes or
// runs the jobs of only one of the services it builds: the others are
// what that one service needs (a store it injects), and the program is
// its deployable: such a main leaves the kernel for it. A main a
// constraint places stays. The init functions of a main's package go
// to the service its main goes to.
func mainToKernel(m *model, s *signals, cons *constraints, label []int32) {
	uses := map[int32]map[int32]bool{}
	for _, e := range s.uses {
		if l := label[e.to]; l >= 0 {
			if uses[e.from] == nil {
				uses[e.from] = map[int32]bool{}
			}
			uses[e.from][l] = true
		}
	}
	var entry map[int32]bool // services serving a business route or running a job
	var moved []int32
	for u, ni := range m.units {
		n := m.nodes[ni]
		if n.Kind != analyzer.KindFunc || n.Name != "main" || label[u] < labelKernel || cons.set[u] >= 0 || cons.forced[u] ||
			len(uses[int32(u)]) < 2 {
			continue
		}
		if entry == nil {
			entry = entryServices(m, label)
		}
		only := labelKernel
		for l := range uses[int32(u)] {
			if entry[l] {
				if only != labelKernel {
					only = labelKernel
					break
				}
				only = l
			}
		}
		label[u] = only
		moved = append(moved, int32(u))
	}
	// a main package's init functions run when its main starts: they go
	// to the service the main went to (the kernel, which has a cap and
	// may be the user's own list, takes none of them here)
	if len(moved) == 0 {
		return
	}
	mainOf := map[string]int32{}
	for _, u := range moved {
		if label[u] >= 0 {
			mainOf[m.unitNode(u).Package] = u
		}
	}
	for v, ni := range m.units {
		n := m.nodes[ni]
		u, ok := mainOf[n.Package]
		if ok && n.Kind == analyzer.KindFunc && n.Name == "init" && cons.set[v] < 0 && !cons.forced[v] && label[v] >= labelKernel {
			label[v] = label[u]
		}
	}
}

// entryServices marks the services that serve a business route (not an
// operations route, see isOpsRoute) or run a job.
func entryServices(m *model, label []int32) map[int32]bool {
	out := map[int32]bool{}
	for u, l := range label {
		if l < 0 {
			continue
		}
		switch n := m.unitNode(int32(u)); n.Kind {
		case analyzer.KindRoute:
			if isBusinessRoute(n.Name) {
				out[l] = true
			}
		case analyzer.KindJob:
			out[l] = true
		}
	}
	return out
}
