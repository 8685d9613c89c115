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
// holds (pkg/, common/, util/, middleware/...): a block of it that two or
// more services use, or that only the kernel uses, is a library and joins
// the kernel; one a single service uses is that service's. Blocks that
// write a table, and units a constraint places, are left alone.
func genericToKernel(m *model, s *signals, r *roles, cons *constraints, label []int32) {
	n := len(label)
	generic := make([]bool, n)
	any := false
	for u := 0; u < n; u++ {
		nd := m.unitNode(int32(u))
		if isSymbol(nd) && cons.set[u] < 0 && !cons.excluded[u] && inGenericFolder(file(nd)) {
			generic[u] = true
			any = true
		}
	}
	if !any {
		return
	}
	stateful := writesState(m, r.block)
	for round := 0; round < 3; round++ {
		users := map[int32]map[int32]bool{} // block → services using it
		kernelUsed := map[int32]bool{}
		for _, e := range s.uses {
			b := r.block[e.to]
			if !generic[b] || r.block[e.from] == b {
				continue
			}
			switch l := label[e.from]; {
			case generic[e.from]:
				// a library's use of another is no service's use
				kernelUsed[b] = true
			case l >= 0:
				if users[b] == nil {
					users[b] = map[int32]bool{}
				}
				users[b][l] = true
			case l == labelKernel:
				kernelUsed[b] = true
			}
		}
		changed := false
		for b := int32(0); b < int32(n); b++ {
			if r.block[b] != b || !generic[b] || stateful[b] {
				continue
			}
			var to int32
			switch us := users[b]; {
			case len(us) >= 2, len(us) == 0 && kernelUsed[b]:
				to = labelKernel
			case len(us) == 1:
				for l := range us {
					to = l
				}
			default:
				continue
			}
			for _, u := range r.members(b) {
				if generic[u] && label[u] != to {
					label[u] = to
					changed = true
				}
			}
		}
		if !changed {
			break
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
