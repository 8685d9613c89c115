package planner

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// minComponentPackages is the number of packages below which a folder is
// a helper, not a component: a storage engine or a query language is a
// subsystem of several packages.
const minComponentPackages = 4

// componentFolders finds the folders that hold a component the services
// build on (a storage engine, a query language): a subtree of at least
// minComponentPackages packages that imports no package of the app outside
// itself but those of generic folders, that code of two or more other
// areas imports (folders apart below their common parent), that serves
// no route and reads or writes no table, and that holds less than half of
// the code. Such a subtree is generic code like pkg/'s, whatever its name:
// a library when several services use it, never domain code the kernel
// cap would hand to its heaviest user. Imports are what count, not calls:
// calls through an interface reach implementations in the services, but
// the component does not depend on them.
func componentFolders(m *model) []string {
	dirOf := map[string]string{} // import path → folder
	units := map[string]int{}    // units per folder
	for _, ni := range m.units {
		n := m.nodes[ni]
		f := file(n)
		if !isSymbol(n) || f == "" || path.IsAbs(f) {
			continue
		}
		dirOf[n.Package] = path.Dir(f)
		units[path.Dir(f)]++
	}
	served := map[string]bool{} // folders with a route handler or a table access
	imports := map[string][]string{}
	for _, e := range m.edges {
		switch e.kind {
		case analyzer.EdgeImports:
			from, to := dirOf[m.nodes[e.from].Package], dirOf[m.nodes[e.to].Package]
			if from != "" && to != "" && from != to {
				imports[from] = append(imports[from], to)
			}
		case analyzer.EdgeHandles, analyzer.EdgeReads, analyzer.EdgeWrites:
			for _, ni := range [2]int32{e.from, e.to} {
				if n := m.nodes[ni]; isSymbol(n) {
					served[path.Dir(file(n))] = true
				}
			}
		}
	}
	total := 0
	folders := map[string][]string{} // folder → the package folders below it
	for dir, c := range units {
		total += c
		for f := dir; f != "." && f != "/" && f != ""; f = path.Dir(f) {
			folders[f] = append(folders[f], dir)
		}
	}
	var found []string
	for _, f := range slices.Sorted(maps.Keys(folders)) {
		if isComponent(f, folders[f], units, total, served, imports, m.inGenericFolder) {
			found = append(found, f)
		}
	}
	// keep the outermost folders
	out := found[:0]
	for _, f := range found {
		if len(out) == 0 || !within(f, out[len(out)-1]) {
			out = append(out, f)
		}
	}
	return out
}

// isComponent applies componentFolders' tests to folder f holding the
// package folders dirs.
func isComponent(f string, dirs []string, units map[string]int, total int, served map[string]bool, imports map[string][]string, generic func(string) bool) bool {
	if len(dirs) < minComponentPackages || generic(f+"/x.go") || isLayerWord(path.Base(f)) {
		return false
	}
	size := 0
	for _, d := range dirs {
		if served[d] {
			return false
		}
		size += units[d]
		for _, to := range imports[d] {
			if !within(to, f) && !generic(to+"/x.go") {
				return false
			}
		}
	}
	if 2*size >= total {
		return false
	}
	var users []string
	for from, tos := range imports {
		if !within(from, f) && slices.ContainsFunc(tos, func(to string) bool { return within(to, f) }) {
			users = append(users, from)
		}
	}
	return areas(users) >= 2
}

// areas counts the areas folders lie in: the distinct folders right
// below their longest common parent.
func areas(dirs []string) int {
	if len(dirs) < 2 {
		return len(dirs)
	}
	common := strings.Split(dirs[0], "/")
	for _, d := range dirs[1:] {
		segs := strings.Split(d, "/")
		n := 0
		for n < len(common) && n < len(segs) && common[n] == segs[n] {
			n++
		}
		common = common[:n]
	}
	below := map[string]bool{}
	for _, d := range dirs {
		segs := strings.Split(d, "/")
		if len(segs) > len(common) {
			below[segs[len(common)]] = true
		} else {
			below[""] = true // the common parent itself
		}
	}
	return len(below)
}

// within reports whether folder d is f or lies below it.
func within(d, f string) bool { return d == f || strings.HasPrefix(d, f+"/") }

// inComponent reports whether file f lies in one of the components.
func (m *model) inComponent(f string) bool {
	for _, c := range m.components {
		if strings.HasPrefix(f, c+"/") {
			return true
		}
	}
	return false
}
