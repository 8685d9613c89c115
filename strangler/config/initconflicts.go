package config

import (
	"strings"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// initEntry is one route or guard proxy init would write.
type initEntry struct {
	id    string // the analyzer's route id; "" for a guard
	m     MatchConfig
	guard bool
}

// overlapLosers returns, for the entries init would write, those to leave
// out so that no two of the rest conflict, with the entry each overlaps:
// the proxy, like ServeMux, refuses two patterns that match some request
// alike with neither more specific (/d/{id} and /{id}/m3u both match
// /d/m3u), while tree routers (gin, chi, echo, httprouter) send it to the
// one whose literal segments come first. Of such a pair the entry with
// fewer leading literal segments is left out (a route rather than a
// guard; the later one on a tie); its requests stay on the monolith, the
// default backend.
func overlapLosers(es []initEntry) map[int]int {
	out := map[int]int{}
	for {
		var ms []*match.Matcher
		for i, e := range es {
			if _, gone := out[i]; gone {
				continue
			}
			cm, err := match.Compile(i, match.Rule(e.m))
			if err != nil {
				continue // written as "not written" already
			}
			ms = append(ms, cm...)
		}
		_, cs := match.NewRouter(ms)
		if len(cs) == 0 {
			return out
		}
		// each pass settles every conflict whose two entries are both
		// still in, so that a few passes do on a large app
		for _, c := range cs {
			a, b := c.A.Route, c.B.Route
			if _, gone := out[a]; gone {
				continue
			}
			if _, gone := out[b]; gone {
				continue
			}
			loser, winner := b, a
			switch {
			case es[a].guard != es[b].guard:
				if !es[a].guard {
					loser, winner = a, b
				}
			case literalLead(es[a].m.Path) < literalLead(es[b].m.Path):
				loser, winner = a, b
			case literalLead(es[a].m.Path) == literalLead(es[b].m.Path) && a > b:
				loser, winner = a, b
			}
			out[loser] = winner
		}
	}
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
