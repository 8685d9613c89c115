package planner

import (
	"maps"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// Seed and migration code is organised by task, not by area: one package
// (source/system, cmd/migrate/migration/models) holds a file per area, each
// filling or declaring that area's tables, all driven from one place.
// Clustering keeps such a package together around its driver, a service
// of every area's data. Its files are each one concern's, as the files of
// the shared technical packages concernFiles finds are; here the graph,
// not the file names, says which concern: the tables a file writes and the
// model types it uses.

// maxConcernRounds bounds the packages placeConcernFiles splits: one a
// round, the one spanning the most areas first, since the tables each
// leaves behind change the owners of the others'.
const maxConcernRounds = 8

// minConcernAreas is the number of other areas a package's files in one
// service must be about for the package to be split by concern: seed and
// migration code spans the app's areas, while two files about other areas
// than their service's are as likely its own code using theirs.
const minConcernAreas = 3

// concernMove is one file placeConcernFiles moved.
type concernMove struct {
	file string
	// units are the units moved; stayed is a unit of the file's package
	// left where the file was (-1 if none), to name that service once
	// the final merges are done.
	units  []int32
	stayed int32
	// evidence are the tables the file writes and the types it uses or
	// declares again that voted for its new service.
	evidence []int32
}

// fileConcern is a file of symbols with the service it sits in and the
// service its data is about.
type fileConcern struct {
	file, pkg string
	units     []int32
	at        int32 // the service most of its free units are in
	owner     int32 // the service holding more than half of its votes, or -1
	// votes weigh, per service, each table the file writes (for the
	// service owning it among code outside the file's package), each type
	// of another package it references, and each type it declares again
	// (for the service holding the type of the same name in another
	// package: a migration's copy of a model). evidence lists them.
	votes    map[int32]float64
	evidence map[int32][]int32
}

// placeConcernFiles splits concern-split packages by concern: when the
// files of one package that a service holds are about at least
// minConcernAreas other services (each holding more than half of the
// file's votes, see fileConcern), each such file moves to the service it
// is about, and the tables the moved code accesses go to their owner
// again. Packages that serve a route or run a job, main packages, and
// units a constraint places or the kernel holds stay. It returns the
// moves, for the plan's explanations.
func placeConcernFiles(m *model, s *signals, r *roles, cons *constraints, label []int32, maxShare float64) []concernMove {
	type group struct {
		pkg string
		at  int32
	}
	var moves []concernMove
	touched := map[int32]bool{}
	for round := 0; round < maxConcernRounds; round++ {
		files := concernTies(m, r, cons, label)
		owners := map[group]map[int32]bool{}
		for _, f := range files {
			if f.owner < 0 || f.owner == f.at {
				continue
			}
			g := group{f.pkg, f.at}
			if owners[g] == nil {
				owners[g] = map[int32]bool{}
			}
			owners[g][f.owner] = true
		}
		var best group
		bn := 0
		for g, os := range owners {
			if n := len(os); n > bn || n == bn && (g.pkg < best.pkg || g.pkg == best.pkg && g.at < best.at) {
				best, bn = g, n
			}
		}
		if bn < minConcernAreas {
			break
		}
		stayed := int32(-1)
		for _, f := range files {
			if f.pkg == best.pkg && f.at == best.at && (f.owner < 0 || f.owner == f.at) {
				stayed = f.units[0]
				break
			}
		}
		for _, f := range files {
			if f.pkg != best.pkg || f.at != best.at || f.owner < 0 || f.owner == f.at {
				continue
			}
			mv := concernMove{file: f.file, stayed: stayed, evidence: f.evidence[f.owner]}
			for _, u := range f.units {
				if label[u] == f.at && free(cons, u) {
					label[u] = f.owner
					mv.units = append(mv.units, u)
					for _, t := range m.tables[u] {
						touched[t] = true
					}
				}
			}
			moves = append(moves, mv)
		}
		for _, t := range slices.Sorted(maps.Keys(touched)) {
			if cons.set[t] < 0 && label[t] >= 0 {
				label[t] = r.owner(t, label)
			}
		}
		clear(touched)
		moves = append(moves, splitBridged(m, s, r, cons, label, best.pkg, best.at)...)
		shareBase(m, s, r, cons, label, best.pkg, best.at, maxShare)
	}
	return moves
}

// shareBase moves to the kernel the blocks of package pkg, split by
// concern, that stayed in service at and that two or more other services
// now use: the base its files share (a ControlBy every area's model
// embeds) is shared code, as a library's. A block that uses code of a
// service stays (the kernel depends on no service), and so does all of it
// when the kernel proper would pass its cap (see trimKernel).
func shareBase(m *model, s *signals, r *roles, cons *constraints, label []int32, pkg string, at int32, maxShare float64) {
	left := func(u int32) bool {
		n := m.unitNode(u)
		return label[u] == at && n.Package == pkg && isSymbol(n) && free(cons, u)
	}
	users := map[int32]map[int32]bool{} // block left behind → services using it
	for _, e := range s.uses {
		if b := r.block[e.to]; left(e.to) && r.block[e.from] != b {
			if l := label[e.from]; l >= 0 && l != at {
				if users[b] == nil {
					users[b] = map[int32]bool{}
				}
				users[b][l] = true
			}
		}
	}
	shared := map[int32]bool{}
	for b, us := range users {
		if len(us) >= 2 {
			shared[b] = true
		}
	}
	// drop the blocks that use a service's code, until none does
	for changed := true; changed && len(shared) > 0; {
		changed = false
		for _, e := range s.uses {
			b := r.block[e.from]
			if shared[b] && r.block[e.to] != b && label[e.to] >= 0 && !shared[r.block[e.to]] {
				delete(shared, b)
				changed = true
			}
		}
	}
	add := 0
	for b := range shared {
		for _, u := range r.members(b) {
			if left(u) {
				add++
			}
		}
	}
	if add == 0 {
		return
	}
	if kernel, placed := kernelProper(m, label); kernel+add > kernelLimit(maxShare, placed) {
		return
	}
	for _, b := range slices.Sorted(maps.Keys(shared)) {
		for _, u := range r.members(b) {
			if left(u) {
				label[u] = labelKernel
			}
		}
	}
}

// free reports whether no constraint places unit u.
func free(cons *constraints, u int32) bool { return cons.set[u] < 0 && !cons.forced[u] }

// concernTies computes, for every file of symbols that has units no
// constraint places in a service, outside main packages and packages that
// serve a route or run a job (an admin area's handlers beside every
// area's tables are a service of their own), the service it sits in and
// the service its data is about.
func concernTies(m *model, r *roles, cons *constraints, label []int32) []fileConcern {
	byFile := unitsByFile(m)
	mains := mainPackages(m)
	pkgOf := func(u int32) string { return m.unitNode(u).Package }
	serving := map[string]bool{} // packages that serve a route or run a job
	for _, h := range r.handler {
		if h >= 0 {
			serving[pkgOf(h)] = true
		}
	}
	typesNamed := map[string][]int32{}
	refs := map[int32][]int32{} // the types each unit references
	for u, ni := range m.units {
		if n := m.nodes[ni]; n.Kind == analyzer.KindType {
			typesNamed[n.Name] = append(typesNamed[n.Name], int32(u))
		}
	}
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeReferences || m.nodes[e.to].Kind != analyzer.KindType {
			continue
		}
		if a, b := m.unitOf[e.from], m.unitOf[e.to]; a >= 0 && b >= 0 {
			refs[a] = append(refs[a], b)
		}
	}
	owners := newTableOwners(m, r, label)
	out := make([]fileConcern, 0, len(byFile))
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		us := byFile[f]
		pkg := pkgOf(us[0])
		if mains[pkg] || serving[pkg] {
			continue
		}
		at := map[int32]float64{}
		for _, u := range us {
			if label[u] >= 0 && free(cons, u) {
				at[label[u]]++
			}
		}
		if len(at) == 0 {
			continue
		}
		fc := fileConcern{file: f, pkg: pkg, units: us, at: topLabel(at), owner: -1,
			votes: map[int32]float64{}, evidence: map[int32][]int32{}}
		vote := func(l, by int32, w float64) {
			if !slices.Contains(fc.evidence[l], by) {
				fc.votes[l] += w
				fc.evidence[l] = append(fc.evidence[l], by)
			}
		}
		for _, u := range us {
			for _, t := range owners.written[u] {
				if l := owners.outside(t, pkg); l >= 0 {
					vote(l, t, 1)
				}
			}
			for _, t := range refs[u] {
				if l := label[t]; l >= 0 && pkgOf(t) != pkg {
					vote(l, t, 1)
				}
			}
			if n := m.unitNode(u); n.Kind == analyzer.KindType {
				var twins []int32
				for _, v := range typesNamed[n.Name] {
					if pkgOf(v) != pkg && label[v] >= 0 {
						twins = append(twins, v)
					}
				}
				for _, v := range twins {
					vote(label[v], v, 1/float64(len(twins)))
				}
			}
		}
		for l := range fc.evidence {
			slices.Sort(fc.evidence[l])
		}
		fc.owner = dominant(fc.votes)
		out = append(out, fc)
	}
	return out
}

// tableOwners answers which service owns a table among the code outside
// a package: the label accessing it most, writes counting twice.
type tableOwners struct {
	written map[int32][]int32 // the tables each unit writes
	all     map[int32]map[int32]float64
	byPkg   map[int32]map[string]map[int32]float64
}

func newTableOwners(m *model, r *roles, label []int32) *tableOwners {
	o := &tableOwners{written: map[int32][]int32{}, all: map[int32]map[int32]float64{}, byPkg: map[int32]map[string]map[int32]float64{}}
	add := func(t int32, a accessor, w float64) {
		l := label[a.unit]
		if l < 0 {
			return
		}
		if o.all[t] == nil {
			o.all[t] = map[int32]float64{}
			o.byPkg[t] = map[string]map[int32]float64{}
		}
		p := m.unitNode(a.unit).Package
		if o.byPkg[t][p] == nil {
			o.byPkg[t][p] = map[int32]float64{}
		}
		o.all[t][l] += w * float64(a.w)
		o.byPkg[t][p][l] += w * float64(a.w)
	}
	for t, isTable := range r.table {
		if !isTable {
			continue
		}
		for _, a := range r.access[t].writers {
			o.written[a.unit] = append(o.written[a.unit], int32(t))
			add(int32(t), a, 2)
		}
		for _, a := range r.access[t].readers {
			add(int32(t), a, 1)
		}
	}
	return o
}

// outside returns the owner of table t among the code outside package
// pkg, -1 when that code does not access it.
func (o *tableOwners) outside(t int32, pkg string) int32 {
	rest := map[int32]float64{}
	for l, w := range o.all[t] {
		if w -= o.byPkg[t][pkg][l]; w > 0 {
			rest[l] = w
		}
	}
	return topLabel(rest)
}

// topLabel returns the label of the largest weight, the lower on ties;
// -1 when there is none.
func topLabel(w map[int32]float64) int32 {
	best, bw := int32(-1), 0.0
	for _, l := range slices.Sorted(maps.Keys(w)) {
		if w[l] > bw {
			best, bw = l, w[l]
		}
	}
	return best
}

// dominant returns the label holding more than half of the weight, -1 if
// none does.
func dominant(w map[int32]float64) int32 {
	all := 0.0
	for _, l := range slices.Sorted(maps.Keys(w)) { // in order: the same sum every run
		all += w[l]
	}
	l := topLabel(w)
	if l < 0 || 2*w[l] <= all {
		return -1
	}
	return l
}
