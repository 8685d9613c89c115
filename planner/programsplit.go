package planner

import (
	"fmt"
	"slices"
	"strings"
)

// A program (a main package with func main) is a deployment target: its
// authors build and deploy it on its own. A feature folder whose
// subfolders each hold their own program (app/shop/admin/cmd/server and
// app/shop/interface/cmd/server, each beside its own internal/) is two
// deployments, not one feature: each subfolder is a feature, named with
// its parent (shop-admin). programfeature.go finds the programs that
// stand beside the features.

// split is a feature cut into parts by its programs.
type split struct {
	// dir is the folder cut; parts are the names of its subfolders that
	// became features.
	dir   string
	parts []string
}

// countPrograms sets programs, the number of program folders in each
// subtree.
func (d *dirNode) countPrograms() int {
	d.programs = 0
	if d.program {
		d.programs = 1
	}
	for _, c := range d.children {
		d.programs += c.countPrograms()
	}
	return d.programs
}

// programParts returns the subfolders of d that are deployments of their
// own: two or more of them each hold a program and code beyond its main
// package (minFeatureUnits symbols at least), and together they hold most
// of d's code. Programs side by side under one cmd/ hold no code beyond
// their mains and leave d whole, as do small program folders beside a big
// shared internal/.
func (d *dirNode) programParts() []*dirNode {
	var parts []*dirNode
	size := 0
	for _, c := range d.sorted() {
		if c.programs > 0 && c.size-c.mainUnits >= minFeatureUnits {
			parts = append(parts, c)
			size += c.size
		}
	}
	if len(parts) < 2 || 2*size < d.size {
		return nil
	}
	return parts
}

// split returns the parts feature folder c (of feature key) is cut into,
// and why: its own programs cut it (programParts), or, when a folder of
// its name elsewhere was cut by its programs, c's subfolders of the
// parts' names (the generated API of each program in api/shop/admin and
// api/shop/interface). It returns nothing when c stays whole.
func (s *structure) split(key string, c *dirNode) ([]*dirNode, string) {
	if parts := c.programParts(); parts != nil {
		sp := split{dir: c.path}
		for _, p := range parts {
			sp.parts = append(sp.parts, p.name)
		}
		if _, ok := s.splits[key]; !ok {
			s.splits[key] = sp
		}
		return parts, "split: " + programsIn(parts)
	}
	sp, ok := s.splits[key]
	if !ok {
		return nil, ""
	}
	var parts []*dirNode
	for _, p := range c.sorted() {
		if slices.Contains(sp.parts, p.name) && p.size > 0 {
			parts = append(parts, p)
		}
	}
	if len(parts) < 2 {
		return nil, ""
	}
	return parts, "split like " + sp.dir + ": " + folderList(parts) + " are the folders of its programs"
}

// adoptSplit gives the parts of a feature its programs cut the subfolders
// of c named after them, when c is named after that feature and lies
// outside every feature; it reports whether any did.
func (s *structure) adoptSplit(c *dirNode, byKey map[string]int32) bool {
	key := featureKey(c.name)
	sp, ok := s.splits[key]
	if !ok {
		return false
	}
	adopted := false
	for _, p := range c.sorted() {
		i, ok := byKey[key+"-"+featureKey(p.name)]
		if !ok || !slices.Contains(sp.parts, p.name) || p.size == 0 {
			continue
		}
		if !slices.Contains(s.features[i].Dirs, p.path) {
			s.features[i].Dirs = append(s.features[i].Dirs, p.path)
		}
		s.mark(p, i)
		adopted = true
	}
	return adopted
}

// programsIn says which programs the parts hold: "2 programs (cmd/server
// in admin and interface)".
func programsIn(parts []*dirNode) string {
	var rel []string
	n := 0
	for _, p := range parts {
		for _, dir := range p.programDirs() {
			rel = append(rel, strings.TrimPrefix(strings.TrimPrefix(dir, p.path), "/"))
			n++
		}
	}
	slices.Sort(rel)
	rel = slices.Compact(rel)
	where := strings.Join(rel, ", ")
	if where == "" {
		where = "main packages"
	}
	return fmt.Sprintf("%s (%s in %s), each with code of its own", plural(n, "program"), where, folderList(parts))
}

// programDirs lists the program folders below d, sorted.
func (d *dirNode) programDirs() []string {
	var out []string
	if d.program {
		out = append(out, d.path)
	}
	for _, c := range d.sorted() {
		out = append(out, c.programDirs()...)
	}
	return out
}

// folderList joins the folders' names: "a", "a and b", "a, b and c".
func folderList(ds []*dirNode) string {
	ns := make([]string, len(ds))
	for i, d := range ds {
		ns[i] = d.name
	}
	if len(ns) == 1 {
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}
