package planner

import "github.com/ficus-dev/ficus/analyzer"

// mainToKernel puts a program's main function in the kernel when it uses
// code of two or more services: the monolith's composition root builds
// every service and belongs to none (each extracted service gets its own
// main). A main that builds one service (cmd/orders/main.go) stays with
// it. A main a constraint places stays.
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
	for u, ni := range m.units {
		n := m.nodes[ni]
		if n.Kind != analyzer.KindFunc || n.Name != "main" || label[u] < 0 || cons.set[u] >= 0 {
			continue
		}
		if len(uses[int32(u)]) >= 2 {
			label[u] = labelKernel
		}
	}
}
