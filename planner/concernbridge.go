package planner

import (
	"cmp"
	"maps"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// splitBridged undoes what a package split by concern glued together: the
// clustering that kept seed code around its driver could pull one area
// into the driver's service through the seed file of that area
// (department.go filling the departments table beside the driver that
// runs every seed). Once the other areas' files have left, service at is
// split into the connected parts of its code without what is left of
// package pkg (see splitDisconnected); when two or more parts serve a
// route or own a table, each of those is a service, the largest keeping
// at. A part that does neither joins the service it shares the most
// dependency weight with among them (else stays with at), and each file
// left of pkg goes to the one holding the most of its votes (see
// fileConcern), else stays with at. A service holding units a constraint
// places is left whole. It returns the files of pkg it moved.
func splitBridged(m *model, s *signals, r *roles, cons *constraints, label []int32, pkg string, at int32) []concernMove {
	n := len(label)
	sub := make([]int32, n)
	next := int32(0)
	for u := range sub {
		sub[u] = labelUnplaced
		next = max(next, label[u]+1)
		if label[u] != at {
			continue
		}
		if !free(cons, int32(u)) {
			return nil
		}
		if m.unitNode(int32(u)).Package != pkg {
			sub[u] = 0
		}
	}
	splitDisconnected(s.dep, sub)
	k := int32(0)
	for _, p := range sub {
		k = max(k, p+1)
	}
	size := make([]int, k)
	anchored := make([]bool, k)
	for u, p := range sub {
		if p < 0 {
			continue
		}
		size[p]++
		if kind := m.unitNode(int32(u)).Kind; kind == analyzer.KindRoute || kind == analyzer.KindTable {
			anchored[p] = true
		}
	}
	var parts []int32
	for p := int32(0); p < k; p++ {
		if anchored[p] {
			parts = append(parts, p)
		}
	}
	if len(parts) < 2 {
		return nil
	}
	slices.SortStableFunc(parts, func(a, b int32) int { return cmp.Compare(size[b], size[a]) })
	to := make([]int32, k)
	for p := range to {
		to[p] = at
	}
	for _, p := range parts[1:] {
		to[p] = next
		next++
	}
	// a part that is no service joins the service part it is tied to most
	ties := map[int32]map[int32]float64{}
	for u, p := range sub {
		if p < 0 || anchored[p] {
			continue
		}
		for e := s.dep.off[u]; e < s.dep.off[u+1]; e++ {
			if q := sub[s.dep.adj[e]]; q >= 0 && anchored[q] {
				if ties[p] == nil {
					ties[p] = map[int32]float64{}
				}
				ties[p][to[q]] += s.dep.w[e]
			}
		}
	}
	for p, w := range ties {
		if l := topLabel(w); l >= 0 {
			to[p] = l
		}
	}
	for u, p := range sub {
		if p >= 0 {
			label[u] = to[p]
		}
	}
	// what is left of the package goes where its data is
	here := map[int32]bool{at: true}
	for _, p := range parts {
		here[to[p]] = true
	}
	files := concernTies(m, r, cons, label)
	stayed := int32(-1)
	for _, f := range files {
		if f.pkg == pkg && f.at == at && stayed < 0 {
			stayed = f.units[0]
		}
	}
	var moves []concernMove
	for _, f := range files {
		if f.pkg != pkg || f.at != at {
			continue
		}
		w := map[int32]float64{}
		for _, l := range slices.Sorted(maps.Keys(f.votes)) {
			if here[l] {
				w[l] = f.votes[l]
			}
		}
		l := topLabel(w)
		if l < 0 || l == at {
			continue
		}
		mv := concernMove{file: f.file, stayed: stayed, evidence: f.evidence[l]}
		for _, u := range f.units {
			if label[u] == at && free(cons, u) {
				label[u] = l
				mv.units = append(mv.units, u)
				for _, t := range m.tables[u] {
					if cons.set[t] < 0 && label[t] >= 0 {
						label[t] = r.owner(t, label)
					}
				}
			}
		}
		moves = append(moves, mv)
	}
	return moves
}
