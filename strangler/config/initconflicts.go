package config

import (
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// initEntry is one route proxy init would write, with the guards written
// for it: a route and its guards are kept or left out together.
type initEntry struct {
	id     string
	m      MatchConfig
	guards []MatchConfig
}

// overlapLosers returns the entries to leave out so that no two written
// patterns conflict, each with the entry it overlaps: the proxy, like
// ServeMux, refuses two patterns that match some request alike with
// neither more specific (/d/{id} and /{id}/m3u both match /d/m3u), while
// tree routers (gin, chi, echo, httprouter) send it to the one whose
// literal segments come first. Entries are kept in that order (more
// leading literal segments first, then the order given), each only when
// it conflicts with none kept before it; a left-out entry's requests stay
// on the monolith, the default backend.
func overlapLosers(es []initEntry) map[int]int {
	order := make([]int, len(es))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return literalLead(es[b].m.Path) - literalLead(es[a].m.Path) })
	out := map[int]int{}
	var kept []*match.Matcher
	for _, i := range order {
		var mine []*match.Matcher
		ok := true
		for _, m := range append([]MatchConfig{es[i].m}, es[i].guards...) {
			cm, err := match.Compile(i, match.Rule(m))
			if err != nil {
				ok = false // a pattern the proxy cannot say: written as such
				break
			}
			mine = append(mine, cm...)
		}
		if !ok {
			continue
		}
		if w, ok := firstConflict(kept, mine); ok {
			out[i] = w
			continue
		}
		kept = append(kept, mine...)
	}
	return out
}

// firstConflict returns the entry of the first matcher of kept that one
// of mine conflicts with, comparing pairs, so that the whole pass stays
// quadratic in the routes.
func firstConflict(kept, mine []*match.Matcher) (int, bool) {
	for _, k := range kept {
		for _, m := range mine {
			if _, cs := match.NewRouter([]*match.Matcher{k, m}); len(cs) > 0 {
				return k.Route, true
			}
		}
	}
	return 0, false
}

// literalLead counts the literal segments a path pattern starts with.
func literalLead(p string) int {
	n := 0
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if strings.HasPrefix(seg, "{") {
			break
		}
		n++
	}
	return n
}
