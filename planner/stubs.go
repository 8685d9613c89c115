package planner

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// stubsToServer gives generated stubs in the kernel to the one service
// that serves them: generated code goes with what it serves. A package's
// generated code (see isGeneratedFile: gRPC and protobuf stubs, OpenAPI
// servers) is served by the code that registers its server (a call to a
// Register…Server function of the package) and by the types that
// implement one of its interfaces (but a …Client one: a hand-written
// client wrapper serves nothing) or embed its Unimplemented… type; where
// both are found, the implementers serve (registering is wiring, which
// an app's hub may do for every service). When
// the code that serves a package lies in exactly one service, the
// package's generated units in the kernel move to that service, however
// many clients (another service, a client package in a generic folder)
// use it: a stub package is the served service's API, which its clients
// import, not shared code. A package of every service's protos that
// several services serve is read file by file: the generated files of one
// proto (backendwork.pb.go, backendwork_grpc.pb.go) whose server
// interfaces exactly one service implements go to it. Stubs no service or several services serve
// stay; units the user put in the kernel or a constraint places stay. It
// returns the packages moved.
func stubsToServer(m *model, cons *constraints, label []int32) []string {
	// by generated package, and by package and proto (see protoOf): the
	// services implementing its server interfaces, and those registering
	// its servers
	impl := map[string]map[int32]bool{}
	reg := map[string]map[int32]bool{}
	note := func(to map[string]map[int32]bool, k string, l int32) {
		if to[k] == nil {
			to[k] = map[int32]bool{}
		}
		to[k][l] = true
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
		proto := nb.Package + " " + protoOf(file(nb))
		switch {
		case e.kind == analyzer.EdgeCalls && strings.HasPrefix(nb.Name, "Register") && strings.HasSuffix(nb.Name, "Server"):
			note(reg, nb.Package, label[a])
			note(reg, proto, label[a])
		case e.kind == analyzer.EdgeImplements && !strings.HasSuffix(nb.Name, "Client"), // a client wrapper serves nothing
			e.kind == analyzer.EdgeEmbeds && strings.HasPrefix(nb.Name, "Unimplemented"):
			note(impl, nb.Package, label[a])
			note(impl, proto, label[a])
		}
	}
	// the implementer is the server; the code registering it may be the
	// app's wiring, which registers every service's server
	server := func(k string) (int32, bool) {
		ls := impl[k]
		if len(ls) == 0 {
			ls = reg[k]
		}
		if len(ls) != 1 {
			return 0, false
		}
		return slices.Collect(maps.Keys(ls))[0], true
	}
	to := map[string]int32{} // the packages, or package and proto, one service serves
	for k := range impl {
		if l, ok := server(k); ok {
			to[k] = l
		}
	}
	for k := range reg {
		if l, ok := server(k); ok {
			to[k] = l
		}
	}
	for k := range to {
		if pkg, _, isProto := strings.Cut(k, " "); isProto {
			if _, whole := to[pkg]; whole {
				delete(to, k)
			}
		}
	}
	if len(to) == 0 {
		return nil
	}
	moved := map[string]bool{}
	for u, l := range label {
		n := m.unitNode(int32(u))
		f := file(n)
		if l != labelKernel || !isGeneratedFile(f) || cons.forced[u] || cons.set[u] >= 0 {
			continue
		}
		t, ok := to[n.Package]
		if !ok {
			t, ok = to[n.Package+" "+protoOf(f)]
		}
		if ok {
			label[u] = t
			moved[n.Package] = true
		}
	}
	return slices.Sorted(maps.Keys(moved))
}

// protoOf names the proto a generated file was made from: its base name
// up to the first dot, less the suffix of a gRPC or gateway companion
// (backendwork_grpc.pb.go and backendwork.pb.go give backendwork).
func protoOf(f string) string {
	b := path.Base(f)
	if i := strings.IndexByte(b, '.'); i > 0 {
		b = b[:i]
	}
	for _, suf := range []string{"_grpc", "_gw", "_http", "_connect"} {
		b = strings.TrimSuffix(b, suf)
	}
	return b
}
