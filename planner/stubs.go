package planner

import (
	"maps"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// stubsToServer gives generated stubs in the kernel to the one service
// that serves them: generated code goes with what it serves. A package's
// generated code (see isGeneratedFile: gRPC and protobuf stubs, OpenAPI
// servers) is served by the code that registers its server (a call to a
// Register…Server function of the package) and by the types that
// implement one of its interfaces or embed its Unimplemented… type. When
// the code that serves a package lies in exactly one service, the
// package's generated units in the kernel move to that service, however
// many clients (another service, a client package in a generic folder)
// use it: a stub package is the served service's API, which its clients
// import, not shared code. Stubs no service or several services serve
// stay; units the user put in the kernel or a constraint places stay. It
// returns the packages moved.
func stubsToServer(m *model, cons *constraints, label []int32) []string {
	servers := map[string]map[int32]bool{} // generated package → serving services
	note := func(pkg string, l int32) {
		if servers[pkg] == nil {
			servers[pkg] = map[int32]bool{}
		}
		servers[pkg][l] = true
	}
	for _, e := range m.edges {
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		if a < 0 || b < 0 || label[a] < 0 {
			continue
		}
		na, nb := m.unitNode(a), m.unitNode(b)
		if !isGeneratedFile(file(nb)) || isGeneratedFile(file(na)) {
			continue
		}
		switch {
		case e.kind == analyzer.EdgeCalls && strings.HasPrefix(nb.Name, "Register") && strings.HasSuffix(nb.Name, "Server"),
			e.kind == analyzer.EdgeImplements,
			e.kind == analyzer.EdgeEmbeds && strings.HasPrefix(nb.Name, "Unimplemented"):
			note(nb.Package, label[a])
		}
	}
	to := map[string]int32{} // the packages one service serves
	for pkg, ls := range servers {
		if len(ls) == 1 {
			to[pkg] = slices.Collect(maps.Keys(ls))[0]
		}
	}
	if len(to) == 0 {
		return nil
	}
	moved := map[string]bool{}
	for u, l := range label {
		n := m.unitNode(int32(u))
		if t, ok := to[n.Package]; ok && l == labelKernel && isGeneratedFile(file(n)) && !cons.forced[u] && cons.set[u] < 0 {
			label[u] = t
			moved[n.Package] = true
		}
	}
	return slices.Sorted(maps.Keys(moved))
}
