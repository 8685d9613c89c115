package planner

import (
	"cmp"
	"maps"
	"slices"
)

// Some apps keep their whole domain model in one package that the
// services share (a root package shipping with cargo.go, handling.go,
// voyage.go; wtf with dial.go, user.go, event.go), a file per area. Such a
// package is no library: each file's types and functions are used mostly
// by one service's code. Clustering keeps the package together, in the
// kernel or glued to one service; placeDomainFiles gives each of its
// files to the service that uses it, as placeConcernFiles does for seed
// and migration code by the data a file holds.

// domainOwnerShare is the share of the weight of the uses of a file's
// units that one service must hold for the file to be that service's: a
// file two services use about as much is shared code.
const domainOwnerShare = 2.0 / 3

// minDomainUsers is the number of distinct units of a service that must
// use a file for it to be that service's: one call is a hint, not a tie.
const minDomainUsers = 2

// domainFile is one file of a domain package, with the weight of the
// uses of its units by each service (the kernel under labelKernel).
type domainFile struct {
	file  string
	units []int32
	users map[int32]float64
	// by are the units using the file, per service, for the explanation.
	by    map[int32][]int32
	owner int32 // the service holding domainOwnerShare of the weight, or -1
}

// placeDomainFiles splits the domain packages that the kernel holds or
// that several services share by the service using each file: a file
// whose units are used, outside the package, mostly (domainOwnerShare of
// the weight) by one service moves to it; files used evenly stay. A
// package splits only when its files go to two or more services (else
// there is nothing to split). Main packages, the plan's libraries, and
// files of generic folders or written by a generator stay, as do units a
// constraint places; the code of main packages does not count as a use.
// A file that code of its package staying in the kernel uses stays too
// (the kernel cannot depend on a service), and so does one none of whose
// units can move. It returns the moves, for the plan's explanations.
func placeDomainFiles(m *model, s *signals, cons *constraints, label []int32) []concernMove {
	mains := mainPackages(m)
	libs := map[string]bool{}
	for _, l := range libraries(m, label) {
		libs[l.Package] = true
	}
	byPkg := map[string][]*domainFile{}
	of := map[int32]*domainFile{}
	for f, us := range unitsByFile(m) {
		pkg := m.unitNode(us[0]).Package
		if pkg == "" || mains[pkg] || libs[pkg] || m.isGenericFile(f) || isGeneratedFile(f) || m.concern[f] {
			continue
		}
		df := &domainFile{file: f, units: us, users: map[int32]float64{}, by: map[int32][]int32{}, owner: -1}
		byPkg[pkg] = append(byPkg[pkg], df)
		for _, u := range us {
			of[u] = df
		}
	}
	// the uses of each file from outside its package, by service, and
	// within a package which files use which: a file that kernel code of
	// its own package keeps using cannot leave the kernel
	inner := map[*domainFile]map[*domainFile]bool{}
	for _, e := range s.uses {
		df := of[e.to]
		if df == nil {
			continue
		}
		from := m.unitNode(e.from)
		if from.Package == m.unitNode(e.to).Package {
			if a := of[e.from]; a != nil && a != df {
				if inner[df] == nil {
					inner[df] = map[*domainFile]bool{}
				}
				inner[df][a] = true
			}
			continue
		}
		if l := label[e.from]; !mains[from.Package] && (l >= 0 || l == labelKernel) {
			df.users[l] += e.w
			df.by[l] = append(df.by[l], e.from)
		}
	}
	var moves []concernMove
	for _, pkg := range slices.Sorted(maps.Keys(byPkg)) {
		files := byPkg[pkg]
		slices.SortFunc(files, func(a, b *domainFile) int { return cmp.Compare(a.file, b.file) })
		movable := func(df *domainFile, l int32, u int32) bool {
			at := label[u]
			return at != l && (at >= 0 || at == labelKernel && df.users[labelKernel] == 0) && free(cons, u)
		}
		kept := func(df *domainFile) bool { return keptByKernel(inner[df], label) }
		if !splitDomain(files, label, movable, kept) {
			continue
		}
		stayed := int32(-1) // a unit of the first file left where it was
		for _, df := range files {
			if df.owner < 0 || !slices.ContainsFunc(df.units, func(u int32) bool { return movable(df, df.owner, u) }) {
				stayed = df.units[0]
				break
			}
		}
		for _, df := range files {
			if df.owner < 0 {
				continue
			}
			ev := slices.Clone(df.by[df.owner])
			slices.Sort(ev)
			mv := concernMove{file: df.file, stayed: stayed, evidence: slices.Compact(ev)}
			for _, u := range df.units {
				if movable(df, df.owner, u) {
					label[u] = df.owner
					mv.units = append(mv.units, u)
				}
			}
			if len(mv.units) > 0 {
				moves = append(moves, mv)
			}
		}
	}
	return moves
}

// keptByKernel reports whether a file of the package staying in the
// kernel (no owner, a unit in the kernel) is among users, the files of
// the package that use a file.
func keptByKernel(users map[*domainFile]bool, label []int32) bool {
	for a := range users {
		if a.owner < 0 && slices.ContainsFunc(a.units, func(u int32) bool { return label[u] == labelKernel }) {
			return true
		}
	}
	return false
}

// splitDomain sets the owner of each file of one package and reports
// whether the package is a domain package to split: it sits in the kernel
// or in several services, and its files are about two or more services.
// A file has an owner only when one of its units can move there
// (movable) and no kernel code of its package keeps it (kept, asked
// until no owner is dropped: a dropped file stays where it is and may
// keep others).
func splitDomain(files []*domainFile, label []int32, movable func(df *domainFile, to, u int32) bool, kept func(*domainFile) bool) bool {
	at := map[int32]bool{}
	owners := map[int32]bool{}
	users := map[int32]bool{}
	for _, df := range files {
		for l := range df.users {
			users[l] = true
		}
		for _, u := range df.units {
			if l := label[u]; l >= 0 || l == labelKernel {
				at[l] = true
			}
		}
		all := 0.0
		for _, l := range slices.Sorted(maps.Keys(df.users)) { // in order: the same sum every run
			all += df.users[l]
		}
		l := topLabel(df.users)
		if l >= 0 && df.users[l] >= domainOwnerShare*all && len(slices.Compact(slices.Sorted(slices.Values(df.by[l])))) >= minDomainUsers &&
			slices.ContainsFunc(df.units, func(u int32) bool { return movable(df, l, u) }) {
			df.owner = l
		}
	}
	for changed := true; changed; {
		changed = false
		for _, df := range files {
			if df.owner >= 0 && kept(df) {
				df.owner, changed = -1, true
			}
		}
	}
	for _, df := range files {
		if df.owner >= 0 {
			owners[df.owner] = true
		}
	}
	delete(users, labelKernel)
	if !at[labelKernel] && len(at) < 2 || len(owners) < 2 || len(users) < 2 {
		for _, df := range files {
			df.owner = -1
		}
		return false
	}
	return true
}
