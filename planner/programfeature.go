package planner

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// A program that calls no feature's code but has code of its own (a
// metrics sidecar, a one-shot configuration job) is a deployment target
// beside the features, even without routes or tables: where the folders
// state features, code in none that serves no route is otherwise folded
// into the service it shares most with, or the kernel.

// programFeatures makes a feature of each program that calls no
// feature's code and has code of its own: the packages it alone of the
// programs runs (its calls reach them), outside every feature, at least
// minFeatureUnits symbols of them, and at most half the code (a program
// holding most of the code is the application itself). A smaller one, of
// minServiceUnits symbols at least, counts when no dependency ties its
// code to any other: only file names would place it elsewhere, and the
// plan keeps a small service tied to no other (mergeTiny).
// The program is a deployment target beside the features (a metrics
// sidecar, a one-shot configuration job): its code is no library the
// features share, nor part of the service it happens to call most. It
// looks only where the folders state features and there are two or more
// programs.
func (s *structure) programFeatures(m *model, byKey map[string]int32) {
	if len(s.features) == 0 {
		return
	}
	progs := map[string][]int32{} // main package → its units
	dirs := map[string]string{}   // main package → its folder
	total := 0
	for _, ni := range m.units {
		n := m.nodes[ni]
		if !isSymbol(n) {
			continue
		}
		total++
		if n.Kind == analyzer.KindFunc && n.Name == "main" {
			progs[n.Package] = nil
			dirs[n.Package] = path.Dir(file(n))
		}
	}
	if len(progs) < 2 {
		return
	}
	for u, ni := range m.units {
		if n := m.nodes[ni]; isSymbol(n) {
			if _, ok := progs[n.Package]; ok {
				progs[n.Package] = append(progs[n.Package], int32(u))
			}
		}
	}
	pkgs := slices.Sorted(maps.Keys(progs))
	runBy := runBy(m, m.calls, pkgs, progs)
	own := make([][]int32, len(pkgs))
	for u, ni := range m.units {
		n := m.nodes[ni]
		f := file(n)
		if !isSymbol(n) || s.feature[u] >= 0 || f == "" || path.IsAbs(f) || strings.HasPrefix(f, "..") {
			continue
		}
		if p, ok := runBy[n.Package]; ok && p >= 0 {
			own[p] = append(own[p], int32(u))
		}
	}
	for p, pkg := range pkgs {
		small := len(own[p]) < minFeatureUnits
		if small && (len(own[p]) < minServiceUnits || !isolated(m, own[p])) || 2*len(own[p]) > total {
			continue
		}
		if touchesFeature(m.reach(progs[pkg], 0, nil), s.feature) {
			continue
		}
		dir := dirs[pkg]
		if dir == "." || path.IsAbs(dir) || strings.HasPrefix(dir, "..") {
			continue // the program at the root is the application itself
		}
		key := programKey(dir, byKey)
		if key == "" {
			continue
		}
		i := int32(len(s.features))
		byKey[key] = i
		f := Feature{Name: key, Program: true}
		var pkgNames []string
		for _, u := range own[p] {
			s.feature[u] = i
			f.Units++
			d := path.Dir(file(m.unitNode(u)))
			if !slices.Contains(f.Dirs, d) {
				f.Dirs = append(f.Dirs, d)
			}
			if n := m.unitNode(u).Package; !slices.Contains(pkgNames, n) {
				pkgNames = append(pkgNames, n)
			}
		}
		slices.Sort(f.Dirs)
		s.features = append(s.features, f)
		s.orgs = append(s.orgs, Organization{Dir: dir, Layout: "feature", Features: []string{key},
			Reason: programReason(f.Units, len(pkgNames), small)})
	}
}

// runBy maps each package a program runs (its own, or one its calls in
// adj reach) to that program's index in pkgs, or -1 when two or more run
// it. One pass labels every unit with the program that
// reaches it or "several": a unit's label changes at most twice, so the
// cost is that of one walk of the edges, whatever the number of programs.
func runBy(m *model, adj [][]int32, pkgs []string, progs map[string][]int32) map[string]int {
	const none, several = -1, -2
	lab := slices.Repeat([]int32{none}, len(m.units))
	var queue []int32
	for p, pkg := range pkgs {
		for _, u := range progs[pkg] {
			lab[u] = int32(p)
			queue = append(queue, u)
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range adj[u] {
			switch l := lab[v]; {
			case l == none:
				lab[v] = lab[u]
				queue = append(queue, v)
			case l != several && l != lab[u]:
				lab[v] = several
				queue = append(queue, v)
			}
		}
	}
	out := map[string]int{}
	for u, l := range lab {
		if l == none {
			continue
		}
		pkg := m.unitNode(int32(u)).Package
		if old, ok := out[pkg]; !ok {
			out[pkg] = int(l)
		} else if old != int(l) {
			out[pkg] = several
		}
	}
	for pkg, l := range out {
		if l == several {
			out[pkg] = -1
		}
	}
	return out
}

// programReason says why a program is a feature of its own.
func programReason(units, pkgs int, small bool) string {
	why := fmt.Sprintf("a program of its own: it calls no feature's code, and %s in %s only it runs are its own",
		plural(units, "symbol"), plural(pkgs, "package"))
	if small {
		why += "; small, but no dependency ties them to other code"
	}
	return why
}

// isolated reports whether no dependency ties the units to any other
// unit: a small program of that kind has nothing but file names to place
// it in another program's service.
func isolated(m *model, units []int32) bool {
	in := make(map[int32]bool, len(units))
	for _, u := range units {
		in[u] = true
	}
	for _, e := range m.edges {
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		if a >= 0 && b >= 0 && in[a] != in[b] && isDependency(e.kind) {
			return false
		}
	}
	return true
}

// touchesFeature reports whether a reached unit is in a feature.
func touchesFeature(reached []bool, feature []int32) bool {
	for u, ok := range reached {
		if ok && feature[u] >= 0 {
			return true
		}
	}
	return false
}

// programKey names the feature of the program in dir after its folder,
// as its authors name the deployment ("cmd/tempo-query" is tempo-query),
// or after the nearest folder above it that is no layer word
// ("app/billing/cmd/server" is billing); with its parents' names while a
// feature has that name already; "" when every name is taken.
func programKey(dir string, byKey map[string]int32) string {
	d := dir
	for isLayerWord(path.Base(d)) && path.Dir(d) != "." {
		d = path.Dir(d)
	}
	if isLayerWord(path.Base(d)) {
		d = dir
	}
	key := strings.ToLower(path.Base(d))
	for d = path.Dir(d); ; d = path.Dir(d) {
		if _, taken := byKey[key]; !taken {
			return key
		}
		if d == "." || d == "/" {
			return ""
		}
		key = strings.ToLower(path.Base(d)) + "-" + key
	}
}
