package planner

import (
	"cmp"
	"maps"
	"slices"
)

// Some apps keep their whole domain model in one package that every
// service uses (a root package shipping with cargo.go, handling.go,
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
// constraint places; the code of main packages and a type's own
// constructor do not count as uses. It returns the moves, for the plan's
// explanations.
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
	for _, e := range s.uses {
		df := of[e.to]
		if df == nil {
			continue
		}
		from := m.unitNode(e.from)
		if from.Package == m.unitNode(e.to).Package || mains[from.Package] || constructs(m, e.from, e.to) {
			continue
		}
		if l := label[e.from]; l >= 0 || l == labelKernel {
			df.users[l] += e.w
			df.by[l] = append(df.by[l], e.from)
		}
	}
	var moves []concernMove
	for _, pkg := range slices.Sorted(maps.Keys(byPkg)) {
		files := byPkg[pkg]
		if !splitDomain(files, label) {
			continue
		}
		slices.SortFunc(files, func(a, b *domainFile) int { return cmp.Compare(a.file, b.file) })
		stayed := int32(-1)
		for _, df := range files {
			if df.owner < 0 {
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
				if l := label[u]; l != df.owner && (l >= 0 || l == labelKernel && df.users[labelKernel] == 0) && free(cons, u) {
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

// splitDomain sets the owner of each file of one package and reports
// whether the package is a domain package to split: it sits in the kernel
// or in several services, and its files are about two or more services.
func splitDomain(files []*domainFile, label []int32) bool {
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
		for _, w := range df.users {
			all += w
		}
		if l := topLabel(df.users); l >= 0 && df.users[l] >= domainOwnerShare*all && distinct(df.by[l]) >= minDomainUsers {
			df.owner = l
			owners[l] = true
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

// distinct counts the distinct units of us.
func distinct(us []int32) int {
	seen := map[int32]bool{}
	for _, u := range us {
		seen[u] = true
	}
	return len(seen)
}
