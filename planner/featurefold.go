package planner

import (
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// keepFeature marks, in reshape's into, a feature that stays itself.
const keepFeature = -2

// A feature folder with no entry point of its own (it serves no route,
// runs no job, hears no event) and that writes no table is no deployable
// area: nothing outside the process reaches it. When one other feature
// alone uses it, and at least as much as code outside any feature does
// (a session store that only auth's login creates sessions in), it is
// that feature's own code, folded into it; kept apart it became a service
// of a few units that only one service calls, in process. Used by several
// features, or by none, it stays as read: a shared domain or a tool is
// not the fold's to decide.

// foldEntrylessFeatures folds into its one user (see onlyUsingFeature)
// every feature with no entry point, no table written and no program of
// its own.
func (s *structure) foldEntrylessFeatures(m *model, r *roles) {
	if len(s.features) < 2 {
		return
	}
	feat := s.unitFeatures(m, r)
	active := make([]bool, len(s.features))
	for _, u := range m.entries { // handlers, jobs' functions, subscribers
		if f := feat[u]; f >= 0 {
			active[f] = true
		}
	}
	for u, f := range feat {
		if f < 0 {
			continue
		}
		// routes and jobs follow their handler, or the function that
		// registers them when their handler is a closure (see registrars)
		if k := m.unitNode(int32(u)).Kind; k == analyzer.KindRoute || k == analyzer.KindJob || m.writes[u] {
			active[f] = true
		}
	}
	// how many units outside each feature use its code, by the feature
	// they lie in (-1: in none), each unit counted once
	users := make([]map[int32]int, len(s.features))
	counted := map[[2]int32]bool{} // (feature used, unit using it)
	for _, e := range m.edges {
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		if a < 0 || b < 0 || e.kind == analyzer.EdgeWraps {
			continue // middleware wraps routes; it is no use of their feature's code
		}
		fa, fb := feat[a], feat[b]
		if fb < 0 || fa == fb || active[fb] || s.features[fb].Program || counted[[2]int32{fb, a}] {
			continue
		}
		counted[[2]int32{fb, a}] = true
		if users[fb] == nil {
			users[fb] = map[int32]int{}
		}
		users[fb][fa]++
	}
	into := make([]int32, len(s.features))
	some := false
	for f := range into {
		into[f] = keepFeature
		if active[f] || s.features[f].Program {
			continue
		}
		if g, ok := onlyUsingFeature(users[f]); ok {
			into[f], some = g, true
		}
	}
	if !some {
		return
	}
	// a feature folded into one that is itself folded follows it to the
	// end of the chain; features that fold into each other all stay
	final := slices.Clone(into)
	for f, g := range into {
		if g < 0 {
			continue
		}
		for steps := 0; into[g] >= 0 && steps <= len(into); steps++ {
			g = into[g]
		}
		final[f] = g
		if into[g] >= 0 || g == int32(f) {
			final[f] = keepFeature
		}
	}
	s.reshape(final, func(from, to Feature) string {
		return from.Name + " joins " + to.Name + ": it serves no route, runs no job and writes no table, and only " + to.Name + " uses it"
	})
}

// reshape drops or folds features: into[f] is keepFeature for a feature
// that stays, -1 for one dropped (its units in no feature) and another
// feature's index for one folded into it (its units and folders join
// that one). why, when given, says in the organization's reason why a
// feature was folded.
func (s *structure) reshape(into []int32, why func(from, to Feature) string) {
	renumber := make([]int32, len(s.features))
	var kept []Feature
	for f, ft := range s.features {
		renumber[f] = -1
		if into[f] == keepFeature {
			renumber[f] = int32(len(kept))
			kept = append(kept, ft)
		}
	}
	gone := map[string]string{} // folded or dropped feature → why
	for f, ft := range s.features {
		switch g := into[f]; {
		case g == keepFeature:
		case g < 0:
			gone[ft.Name] = ""
		default:
			renumber[f] = renumber[g]
			to := &kept[renumber[g]]
			to.Dirs = append(to.Dirs, ft.Dirs...)
			to.Units += ft.Units
			if why != nil {
				gone[ft.Name] = why(ft, s.features[g])
			}
		}
	}
	for u, f := range s.feature {
		if f >= 0 {
			s.feature[u] = renumber[f]
		}
	}
	s.features = kept
	for i := range s.orgs {
		o := &s.orgs[i]
		var notes []string
		o.Features = slices.DeleteFunc(o.Features, func(name string) bool {
			w, ok := gone[name]
			if ok && w != "" {
				notes = append(notes, w)
			}
			return ok
		})
		if len(notes) > 0 {
			o.Reason += "; " + strings.Join(notes, "; ")
		}
	}
}

// onlyUsingFeature returns the one feature that uses a feature's code,
// given how many units use it by their feature (-1 for units in no
// feature): no other feature uses it, and that one's units are at least
// half of its users, so that code of no feature (the UI, the CLI, a
// worker) that leans on it more makes it no one feature's.
func onlyUsingFeature(by map[int32]int) (int32, bool) {
	g, n, total := int32(-1), 0, 0
	for f, k := range by {
		total += k
		if f < 0 {
			continue
		}
		if g >= 0 {
			return -1, false
		}
		g, n = f, k
	}
	return g, g >= 0 && 2*n >= total
}
