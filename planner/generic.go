package planner

import (
	"path"
	"slices"
	"strings"
)

// isGenericWord reports folder names of code any service may need
// (helpers, configuration, logging, errors, database access): what such a
// folder holds is a library when more than one service uses it.
func isGenericWord(w string) bool {
	switch strings.ToLower(w) {
	case "common", "shared", "util", "utils", "pkg", "lib", "libs", "platform", "base", "foundation",
		"helper", "helpers", "kit", "sdk", "toolkit", "middleware", "middlewares", "config", "configs",
		"errors", "errs", "xerr", "log", "logger", "logging", "db", "database", "cache", "metrics",
		"tracing", "telemetry", "httputil", "response", "request", "validator", "validation", "types":
		return true
	}
	return false
}

// inGenericFolder reports whether a node's file lies below a folder of
// generic code.
func inGenericFolder(f string) bool {
	dir := path.Dir(f)
	if dir == "." || path.IsAbs(f) {
		return false
	}
	for _, seg := range strings.Split(dir, "/") {
		if isGenericWord(seg) {
			return true
		}
	}
	return false
}

// genericToKernel settles the code of generic folders that no feature
// holds (pkg/, common/, util/, middleware/...), a package at a time, since
// a package is what a library is made of: a package that two or more
// services use, or that only the kernel and other generic code use, joins
// the kernel; one a single service uses is that service's. Blocks that
// write a table, and units a constraint places, are left alone.
func genericToKernel(m *model, s *signals, r *roles, cons *constraints, label []int32) {
	n := len(label)
	generic := make([]bool, n)
	pkgOf := make([]string, n)
	any := false
	for u := 0; u < n; u++ {
		nd := m.unitNode(int32(u))
		pkgOf[u] = nd.Package
		if isSymbol(nd) && cons.set[u] < 0 && !cons.excluded[u] && inGenericFolder(file(nd)) {
			generic[u] = true
			any = true
		}
	}
	if !any {
		return
	}
	stateful := writesState(m, r.block)
	users := map[string]map[int32]bool{} // package → services using it
	library := map[string]bool{}         // used by the kernel or other generic code
	for _, e := range s.uses {
		if !generic[e.to] || pkgOf[e.from] == pkgOf[e.to] {
			continue
		}
		p := pkgOf[e.to]
		switch l := label[e.from]; {
		case generic[e.from], l == labelKernel:
			library[p] = true
		case l >= 0:
			if users[p] == nil {
				users[p] = map[int32]bool{}
			}
			users[p][l] = true
		}
	}
	for u := 0; u < n; u++ {
		if !generic[u] || stateful[r.block[u]] {
			continue
		}
		p := pkgOf[u]
		switch us := users[p]; {
		case len(us) >= 2, len(us) == 0 && library[p]:
			label[u] = labelKernel
		case len(us) == 1:
			for l := range us {
				label[u] = l
			}
		}
	}
}

// fileStem is the business part of a file's name: its words less layer,
// helper and generic words ("order_repository.go" gives "order",
// "sys_user.go" "sys_user"); "" when nothing is left.
func fileStem(f string) string {
	b := strings.TrimSuffix(path.Base(f), ".go")
	b = strings.TrimSuffix(b, "_test")
	if i := strings.IndexByte(b, '.'); i > 0 {
		b = b[:i] // order.pb.go, order_grpc.pb.go
	}
	var keep []string
	for _, part := range strings.FieldsFunc(strings.ToLower(b), func(r rune) bool { return r == '_' || r == '-' }) {
		if isLayerWord(part) || isGenericWord(part) || isHelperWord(stem(part)) || isTechWord(part) || len(part) < 3 {
			continue
		}
		keep = append(keep, stem(part))
	}
	return strings.Join(keep, "_")
}

// stemEdges joins, through a virtual node per file stem, the symbols of
// files that share a stem across two or more folders.
func stemEdges(m *model, weight float64, next int32) ([]wedge, int32) {
	byStem := map[string][]int32{}
	dirs := map[string]map[string]bool{}
	for u, ni := range m.units {
		n := m.nodes[ni]
		f := file(n)
		if !isSymbol(n) || f == "" || path.IsAbs(f) {
			continue
		}
		st := fileStem(f)
		if st == "" {
			continue
		}
		byStem[st] = append(byStem[st], int32(u))
		if dirs[st] == nil {
			dirs[st] = map[string]bool{}
		}
		dirs[st][path.Dir(f)] = true
	}
	var stems []string
	for st := range byStem {
		if len(dirs[st]) >= 2 {
			stems = append(stems, st)
		}
	}
	slices.Sort(stems)
	var edges []wedge
	for _, st := range stems {
		for _, u := range byStem[st] {
			edges = append(edges, wedge{u, next, weight})
		}
		next++
	}
	return edges, next
}
